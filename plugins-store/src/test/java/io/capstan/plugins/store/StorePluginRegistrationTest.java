package io.capstan.plugins.store;

import io.capstan.plugins.store.memory.MemoryStoreFactory;
import io.capstan.plugins.store.rocksdb.RocksDbStoreFactory;
import io.capstan.spi.store.StoreFactory;
import io.capstan.tck.plugin.AbstractPluginRegistrationTest;
import java.util.List;

/** Every store factory of this module is listed for ServiceLoader under a unique name. */
class StorePluginRegistrationTest extends AbstractPluginRegistrationTest {

  @Override
  protected List<Registration> registrations() {
    return List.of(
        new Registration(StoreFactory.class, MemoryStoreFactory.class),
        new Registration(StoreFactory.class, RocksDbStoreFactory.class));
  }
}
