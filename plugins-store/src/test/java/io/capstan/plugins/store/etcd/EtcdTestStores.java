package io.capstan.plugins.store.etcd;

import io.capstan.runtime.clock.PooledTaskExecutor;
import io.capstan.runtime.clock.WallClock;
import io.capstan.tck.etcd.EtcdExtension;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stores for the focused etcd tests: each under a key prefix of its own on the class's shared
 * etcd, with a real clock and a small pool, all closed by {@link #close()} after the test. Also a
 * raw jetcd client, to look at what really sits in etcd.
 */
final class EtcdTestStores implements AutoCloseable {

  private static final AtomicInteger PREFIXES = new AtomicInteger();

  private final EtcdExtension etcd;
  private final PooledTaskExecutor executor = new PooledTaskExecutor(2, Duration.ofSeconds(1));
  private final List<AutoCloseable> owned = new ArrayList<>();

  EtcdTestStores(EtcdExtension etcd) {
    this.etcd = etcd;
  }

  /** A fresh prefix no other test uses. */
  static String freshPrefix() {
    return "/t" + PREFIXES.incrementAndGet() + "/";
  }

  /** A started store under a fresh prefix, with the default settings. */
  EtcdStore open() {
    return open(freshPrefix(), null, null, null);
  }

  /** A started store; null settings take their defaults. */
  EtcdStore open(String prefix, Duration requestTimeout, Integer watchBufferSize,
      Duration watchResumeTimeout) {
    EtcdStore store = create(List.of(etcd.endpoint().toString()), prefix, requestTimeout,
        watchBufferSize, watchResumeTimeout);
    store.start();
    return store;
  }

  /** A store that is not started yet. */
  EtcdStore create(List<String> endpoints, String prefix, Duration requestTimeout,
      Integer watchBufferSize, Duration watchResumeTimeout) {
    EtcdStore store = new EtcdStore(new EtcdStoreConfig(endpoints, prefix, null, null, null, null,
        null, requestTimeout, null, watchBufferSize, watchResumeTimeout), new WallClock(),
        executor);
    owned.add(store);
    return store;
  }

  /** A plain jetcd client on the same etcd. */
  Client raw() {
    Client client = Client.builder().endpoints(etcd.endpoint().toString()).build();
    owned.add(client);
    return client;
  }

  static ByteSequence utf8(String text) {
    return ByteSequence.from(text, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws Exception {
    for (AutoCloseable c : owned) {
      c.close();
    }
    executor.close();
  }
}
