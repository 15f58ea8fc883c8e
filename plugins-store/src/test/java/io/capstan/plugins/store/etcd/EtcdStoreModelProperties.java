package io.capstan.plugins.store.etcd;

import io.capstan.runtime.clock.PooledTaskExecutor;
import io.capstan.runtime.clock.WallClock;
import io.capstan.spi.store.Store;
import io.capstan.tck.etcd.EtcdJqwikAvailability;
import io.capstan.tck.etcd.EtcdProcess;
import io.capstan.tck.store.AbstractStoreModelProperties;
import io.capstan.tck.store.StoreModelOp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Random histories checked step by step against the TCK's ReferenceStore, on a real etcd. Every
 * try needs an empty etcd at revision 0, so every try starts its own etcd process (about a third of
 * a second); 20 tries instead of the base's 50 keep that under half a minute.
 *
 * <p>jqwik does not run JUnit conditions, so {@link EtcdJqwikAvailability} applies the etcd rule:
 * skipped without etcd, failed in CI without it, as everywhere else.
 */
@AddLifecycleHook(EtcdJqwikAvailability.class)
class EtcdStoreModelProperties extends AbstractStoreModelProperties {

  private static final PooledTaskExecutor EXECUTOR =
      new PooledTaskExecutor(2, Duration.ofSeconds(1));
  private final List<EtcdProcess> servers = new ArrayList<>();

  @Override
  @Property(tries = 20)
  protected void storeAgreesWithTheModel(@ForAll("histories") List<StoreModelOp> history) {
    super.storeAgreesWithTheModel(history);
  }

  @Override
  protected Store openStore() {
    EtcdProcess etcd = EtcdProcess.start();
    servers.add(etcd);
    EtcdStore store = new EtcdStore(
        EtcdStoreConfig.of(List.of(etcd.endpoint().toString()), "/model/"), new WallClock(),
        EXECUTOR);
    store.start();
    return store;
  }

  @Override
  protected void closeStore(Store store) {
    store.close();
    servers.forEach(EtcdProcess::close);
    servers.clear();
  }

  @AfterContainer
  static void stopExecutor() throws InterruptedException {
    EXECUTOR.close();
  }
}
