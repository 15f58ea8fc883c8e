package io.capstan.plugins.controllers.servicelb;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.spi.api.ObjectKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** No address is ever held by two Services, whatever the sequence and however concurrent. */
class AllocationsProperties {

  private static final List<AddressPool> POOLS =
      List.of(AddressPool.parse("10.0.0.0/29"), AddressPool.parse("10.0.1.1-10.0.1.3"));

  record Op(int kind, int service, int host) {}

  @Provide
  Arbitrary<List<Op>> ops() {
    return Arbitraries.integers().between(0, 2).flatMap(kind -> Arbitraries.integers().between(0, 11)
        .flatMap(service -> Arbitraries.integers().between(0, 9)
            .map(host -> new Op(kind, service, host)))).list().ofMaxSize(80);
  }

  @Property(tries = 300)
  void sequencesNeverDoubleAllocate(@ForAll("ops") List<Op> ops) {
    Allocations table = new Allocations(POOLS);
    for (Op op : ops) {
      ObjectKey key = new ObjectKey("default", "s" + op.service());
      switch (op.kind()) {
        case 0 -> table.allocate(key);
        case 1 -> table.claim(key, "10.0.0." + op.host());
        default -> table.release(key);
      }
      Set<String> seen = new HashSet<>();
      for (int s = 0; s < 12; s++) {
        Optional<String> ip = table.of(new ObjectKey("default", "s" + s));
        ip.ifPresent(i -> {
          assertThat(seen.add(i)).as("%s held twice", i).isTrue();
          assertThat(table.inPools(i)).isTrue();
          assertThat(table.holder(i)).isPresent();
        });
      }
      assertThat(seen).hasSize(table.size());
    }
  }

  @Property(tries = 20)
  void concurrentAllocationsAreDistinct(@ForAll("threads") int threads) throws Exception {
    Allocations table = new Allocations(POOLS);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    Set<String> given = ConcurrentHashMap.newKeySet();
    try {
      List<Future<Optional<String>>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        ObjectKey key = new ObjectKey("default", "c" + i);
        boolean claims = i % 3 == 0;
        results.add(pool.submit(() -> {
          go.await();
          return claims ? Optional.of("10.0.0.3").filter(ip -> table.claim(key, ip))
              : table.allocate(key);
        }));
      }
      go.countDown();
      int granted = 0;
      for (Future<Optional<String>> result : results) {
        Optional<String> ip = result.get();
        if (ip.isPresent()) {
          granted++;
          assertThat(given.add(ip.get())).as("%s given twice", ip.get()).isTrue();
        }
      }
      assertThat(granted).isEqualTo(table.size()).isLessThanOrEqualTo(9);
    } finally {
      pool.shutdownNow();
    }
  }

  @Provide
  Arbitrary<Integer> threads() {
    return Arbitraries.integers().between(2, 8);
  }
}
