package io.capstan.plugins.store.etcd;

import io.capstan.spi.plugin.PluginFactory;
import io.capstan.tck.etcd.EtcdExtension;
import io.capstan.plugins.store.AbstractStorePluginTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@code etcd} plugin built the way the kernel builds it, started against a real etcd. */
class EtcdStorePluginTest extends AbstractStorePluginTest<EtcdStoreConfig> {

  @RegisterExtension
  static final EtcdExtension ETCD = new EtcdExtension();


  @Override
  protected PluginFactory<EtcdStoreConfig> factory() {
    return new EtcdStoreFactory();
  }

  @Override
  protected Map<String, Object> settings() {
    return Map.of("endpoints", List.of(ETCD.endpoint().toString()),
        "keyPrefix", "/plugin-test/",
        "requestTimeout", "3s");
  }
}
