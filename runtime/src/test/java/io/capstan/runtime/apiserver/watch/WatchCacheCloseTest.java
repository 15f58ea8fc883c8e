package io.capstan.runtime.apiserver.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.capstan.runtime.apiserver.storage.ObjectCodec;
import io.capstan.runtime.apiserver.storage.StorageKeys;
import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.api.ResourceKind;
import io.capstan.spi.store.Bytes;
import io.capstan.tck.store.ReferenceStore;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Closing a watch cache while its store delivers changes to it. The reference store's cancel waits
 * for a delivery in progress, and a delivery takes the cache's lock, so a close that cancelled while
 * holding that lock deadlocked now and then (a full test run hung in an API server's teardown). Each
 * round here closes a cache in the middle of a stream of writes; all must finish.
 */
class WatchCacheCloseTest {

  @Test
  void closingWhileTheStoreDeliversNeverDeadlocks() {
    ResourceKind kind = KindRegistry.builtIn().byResource("", "configmaps").orElseThrow();
    ReferenceStore store = ReferenceStore.create();
    store.start();
    AtomicBoolean writing = new AtomicBoolean(true);
    Thread writer = new Thread(() -> {
      for (int i = 0; writing.get(); i++) {
        String json = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c" + (i % 50)
            + "\",\"namespace\":\"default\"},\"data\":{\"v\":\"" + i + "\"}}";
        store.put(StorageKeys.bytes(StorageKeys.kindPrefix(kind) + "default/c" + (i % 50)), Bytes.utf8(json));
      }
    });
    writer.start();
    try {
      assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
        for (int round = 0; round < 1500; round++) {
          WatchCache cache = new WatchCache(kind, store, new ObjectCodec(), 100);
          cache.start();
          Thread.onSpinWait();
          cache.close();
        }
      });
    } finally {
      writing.set(false);
      joinQuietly(writer);
      store.close();
    }
    assertThat(writer.isAlive()).isFalse();
  }

  private static void joinQuietly(Thread thread) {
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
