package io.capstan.runtime.apiserver.services;

import static io.capstan.runtime.apiserver.services.ServiceClusterFixture.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.runtime.apiserver.resource.ApiRequest;
import io.capstan.runtime.apiserver.resource.ListQuery;
import io.capstan.spi.client.ApiException;
import io.capstan.spi.store.Bytes;
import io.capstan.spi.store.KeyRange;
import io.capstan.tck.store.ReferenceStore;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Concurrent creates and deletes on a tiny range (14 addresses, 16 node ports), so clashes and a
 * full range are common: no two live Services ever share an address or node port, and once the
 * dust settles the claims in the store are exactly what the live Services hold.
 */
class ServiceAllocationProperties {

  record Op(boolean create, int service, boolean nodePort, int requested) {}

  @Provide
  Arbitrary<List<Op>> ops() {
    Arbitrary<Op> op = Combinators.combine(Arbitraries.integers().between(0, 3).map(i -> i > 0),
        Arbitraries.integers().between(0, 19), Arbitraries.of(true, false), Arbitraries.integers().between(-1, 15))
        .as(Op::new);
    return op.list().ofMinSize(10).ofMaxSize(60);
  }

  @Property(tries = 12)
  void neverDoubleAllocates(@ForAll("ops") List<Op> ops) throws Exception {
    Path dir = Files.createTempDirectory("alloc");
    ReferenceStore store = ReferenceStore.create();
    store.start();
    try (ServiceClusterFixture cluster = new ServiceClusterFixture(dir, store,
        new ServiceNetworkSettings("10.0.0.0/28", "30000-30015"))) {
      ExecutorService threads = Executors.newFixedThreadPool(4);
      List<Future<?>> done = new ArrayList<>();
      for (Op op : ops) {
        done.add(threads.submit(() -> apply(cluster, op)));
      }
      for (Future<?> f : done) {
        f.get();
      }
      threads.shutdown();
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertConsistent(cluster, store));
    } finally {
      store.close();
    }
  }

  private static void apply(ServiceClusterFixture cluster, Op op) {
    String name = "s" + op.service();
    try {
      if (op.create()) {
        String ip = op.requested() >= 0 && !op.nodePort() ? "10.0.0." + (1 + op.requested() % 14) : null;
        Integer port = op.requested() >= 0 && op.nodePort() ? 30000 + op.requested() : null;
        cluster.create(service(name, op.nodePort() ? "NodePort" : "ClusterIP", ip, port));
      } else {
        cluster.delete(name);
      }
    } catch (ApiException expected) {
      // taken, full, already exists, not found: refusals are fine, double allocation is not
    }
  }

  private static void assertConsistent(ServiceClusterFixture cluster, ReferenceStore store) {
    List<HasMetadata> live = cluster.server.api().reads().list(ApiRequest.of(cluster.services, "", "",
        ServiceClusterFixture.ADMIN), ListQuery.ALL).items();
    Map<String, String> expectedIps = new HashMap<>();
    Map<String, String> expectedPorts = new HashMap<>();
    for (HasMetadata object : live) {
      Service s = (Service) object;
      HeldAllocations held = HeldAllocations.of(s);
      held.ips().forEach(ip -> assertThat(expectedIps.put(ip, s.getMetadata().getUid())).as("address " + ip).isNull());
      held.ports().forEach(p -> assertThat(expectedPorts.put(Integer.toString(p), s.getMetadata().getUid()))
          .as("node port " + p).isNull());
    }
    assertThat(claims(store, "serviceips")).isEqualTo(expectedIps);
    assertThat(claims(store, "servicenodeports")).isEqualTo(expectedPorts);
  }

  private static Map<String, String> claims(ReferenceStore store, String pool) {
    String prefix = "/registry/allocations/" + pool + "/";
    Map<String, String> out = new HashMap<>();
    store.range(KeyRange.prefix(Bytes.utf8(prefix))).kvs().forEach(kv -> out.put(
        new String(kv.key().toByteArray(), StandardCharsets.UTF_8).substring(prefix.length()),
        new String(kv.value().toByteArray(), StandardCharsets.UTF_8)));
    return out;
  }
}
