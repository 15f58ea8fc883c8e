package io.capstan.plugins.store.etcd;

import io.capstan.runtime.clock.PooledTaskExecutor;
import io.capstan.runtime.clock.WallClock;
import io.capstan.spi.store.Store;
import io.capstan.tck.etcd.EtcdAvailability;
import io.capstan.tck.etcd.EtcdProcess;
import io.capstan.tck.store.AbstractStoreConformanceTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Store conformance suite against a real etcd (skipped without one, failed in CI without one).
 *
 * <p>Each test gets its own etcd process: the suite checks absolute revisions from an empty store,
 * and etcd's revision counter, watermark and leases are cluster-wide, so a shared server would
 * carry one test's history into the next. Starting etcd takes about a third of a second. The store
 * runs under a key prefix, so every check also proves the prefix never shows. Restart kills etcd
 * with SIGKILL and starts it on the same data, which is the durability the SPI promises.
 */
@ExtendWith(EtcdAvailability.class)
class EtcdStoreConformanceTest extends AbstractStoreConformanceTest {

  private static final String PREFIX = "/capstan-conformance/";

  private EtcdProcess etcd;
  private PooledTaskExecutor executor;

  /** Runs after the suite's own @AfterEach has closed the store, unlike a @AfterEach here. */
  @RegisterExtension
  final AfterEachCallback stopEtcd = context -> {
    if (executor != null) {
      executor.close();
      executor = null;
    }
    if (etcd != null) {
      etcd.close();
      etcd = null;
    }
  };

  @Override
  protected Store openStore() {
    etcd = EtcdProcess.start();
    executor = new PooledTaskExecutor(2, Duration.ofSeconds(1));
    return open();
  }

  private Store open() {
    EtcdStore store = new EtcdStore(
        EtcdStoreConfig.of(List.of(etcd.endpoint().toString()), PREFIX), new WallClock(), executor);
    store.start();
    return store;
  }

  @Override
  protected boolean supportsRestart() {
    return true;
  }

  @Override
  protected Store restartStore(Store old) {
    old.close();
    etcd.restart();
    return open();
  }

  /** The harness runs etcd with 50 ms heartbeats, which brings its shortest lease down to 1 s. */
  @Override
  protected int minimumLeaseTtlSeconds() {
    return 1;
  }
}
