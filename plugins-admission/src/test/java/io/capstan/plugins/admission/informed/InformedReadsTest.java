package io.capstan.plugins.admission.informed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.capstan.plugins.admission.cluster.AdmissionCluster;
import io.capstan.plugins.admission.namespacelifecycle.NamespaceLifecycle;
import io.capstan.runtime.client.informer.DefaultInformerFactory;
import io.capstan.spi.client.ForbiddenException;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.InformerFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import jakarta.inject.Provider;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Admission reads from the shared informer: hits cost no storage read, misses and unsynced caches
 * read live, and NamespaceLifecycle reads a namespace it saw deleted live even while the cache still
 * says it is active (the informer is stopped here, which freezes its cache, so the lag is certain).
 */
class InformedReadsTest {

  @Test
  void readsTheSyncedCacheAndGoesLiveOnAMissOrBeforeSync() throws Exception {
    try (AdmissionCluster cluster = new AdmissionCluster(client -> List.of())) {
      cluster.namespace("cached");
      AtomicInteger liveReads = new AtomicInteger();
      Provider<ApiClient> counting = () -> {
        liveReads.incrementAndGet();
        return cluster.admin();
      };
      InformedReads<Namespace> reads = new InformedReads<>(Namespace.class, counting);
      assertThat(reads.get("", "cached")).isPresent();
      assertThat(liveReads).as("no informer attached: live").hasValue(1);

      DefaultInformerFactory informers = new DefaultInformerFactory(cluster.admin(), cluster.executor(), cluster.clock());
      try {
        reads.attach(informers);
        informers.start();
        await().atMost(Duration.ofSeconds(10)).until(informers::hasSynced);
        liveReads.set(0);
        assertThat(reads.get("", "cached")).isPresent();
        assertThat(liveReads).as("a hit in the synced cache").hasValue(0);
        assertThat(reads.get("", "missing")).isEmpty();
        assertThat(liveReads).as("a miss is read live").hasValue(1);
      } finally {
        informers.stop();
      }
    }
  }

  @Test
  void aNamespaceWhoseDeletionWasAdmittedIsReadLiveWhileTheCacheLags() throws Exception {
    AtomicReference<InformerFactory> factory = new AtomicReference<>();
    AtomicReference<NamespaceLifecycle> plugin = new AtomicReference<>();
    try (AdmissionCluster cluster = new AdmissionCluster(client -> {
      plugin.set(new NamespaceLifecycle(client, factory::get, new io.capstan.runtime.clock.WallClock()));
      return List.of(plugin.get());
    })) {
      DefaultInformerFactory informers = new DefaultInformerFactory(cluster.admin(), cluster.executor(), cluster.clock());
      factory.set(informers);
      plugin.get().start();
      informers.start();
      cluster.namespace("doomed");
      await().atMost(Duration.ofSeconds(10)).until(() -> informers.hasSynced()
          && informers.sharedInformer(Namespace.class).lister().get("", "doomed").isPresent());
      informers.stop(); // the cache now says "doomed" is active, whatever happens next

      cluster.namespace("created-after"); // not in the frozen cache: read live on the miss
      cluster.admin().resources(ConfigMap.class).create(configMap("created-after"));

      cluster.admin().resources(Namespace.class).delete("", "doomed");
      assertThatThrownBy(() -> cluster.admin().resources(ConfigMap.class).create(configMap("doomed")))
          .isInstanceOf(ForbiddenException.class).hasMessage("configmaps \"cm\" is forbidden: unable to create new content in namespace doomed because it is being terminated");
    }
  }

  private static ConfigMap configMap(String namespace) {
    return new ConfigMapBuilder().withNewMetadata().withNamespace(namespace).withName("cm").endMetadata().build();
  }
}
