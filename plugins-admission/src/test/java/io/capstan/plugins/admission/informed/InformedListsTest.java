package io.capstan.plugins.admission.informed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.plugins.admission.cluster.AdmissionCluster;
import io.capstan.runtime.client.informer.DefaultInformerFactory;
import io.capstan.spi.client.ApiClient;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import jakarta.inject.Provider;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Listing for LimitRanger and ResourceQuota as Kubernetes does: the synced informer's objects; for
 * a namespace it holds none of, one live list remembered for 30 s; without an informer, live.
 */
class InformedListsTest {

  @Test
  void anEmptyNamespaceIsListedLiveOncePerTtlAndObjectsComeFromTheCache() throws Exception {
    try (AdmissionCluster cluster = new AdmissionCluster(client -> List.of())) {
      cluster.namespace("empty");
      cluster.namespace("limited");
      AtomicInteger liveLists = new AtomicInteger();
      Provider<ApiClient> counting = () -> {
        liveLists.incrementAndGet();
        return cluster.admin();
      };
      AtomicLong nanos = new AtomicLong();
      InformedLists<LimitRange> lists = new InformedLists<>(LimitRange.class, counting, nanos::get);
      assertThat(lists.list("empty")).isEmpty();
      assertThat(lists.list("empty")).isEmpty();
      assertThat(liveLists).as("no informer attached: every call lists live").hasValue(2);

      DefaultInformerFactory informers = new DefaultInformerFactory(cluster.admin(), cluster.executor(), cluster.clock());
      try {
        lists.attach(informers);
        informers.start();
        await().atMost(Duration.ofSeconds(10)).until(informers::hasSynced);
        liveLists.set(0);
        assertThat(lists.list("empty")).isEmpty();
        assertThat(lists.list("empty")).isEmpty();
        assertThat(liveLists).as("a namespace without objects: one live list, then remembered").hasValue(1);
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(31));
        assertThat(lists.list("empty")).isEmpty();
        assertThat(liveLists).as("listed live again after the 30 s TTL").hasValue(2);

        cluster.admin().resources(LimitRange.class).create(new LimitRangeBuilder().withNewMetadata().withName("lr")
            .withNamespace("limited").endMetadata().withNewSpec().addNewLimit().withType("Container")
            .endLimit().endSpec().build());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
            assertThat(lists.list("limited")).extracting(r -> r.getMetadata().getName()).containsExactly("lr"));
        liveLists.set(0);
        assertThat(lists.list("limited")).hasSize(1);
        assertThat(liveLists).as("objects the cache holds cost no live list").hasValue(0);
      } finally {
        informers.stop();
      }
    }
  }
}
