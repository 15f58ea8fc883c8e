package io.capstan.runtime.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StoreFiguresTest {

  @Test
  void medianOfOddAndEvenCounts() {
    assertThat(StoreFigures.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
    assertThat(StoreFigures.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    assertThat(StoreFigures.median(List.of())).isNaN();
  }

  @Test
  void reportsTheMedianValueAndTheMedianOfThePerRoundRatios() {
    StoreFigures figures = new StoreFigures("etcd");
    // a noisy second round slows both; the per-round ratios are 10, 8 and 12
    double[] etcd = {4000, 1000, 5000};
    double[] rocks = {40000, 8000, 60000};
    for (int r = 0; r < 3; r++) {
      figures.add("etcd", "puts_per_s_16_clients", "puts/s", etcd[r]);
      figures.add("rocksdb", "puts_per_s_16_clients", "puts/s", rocks[r]);
    }
    BenchReport report = new BenchReport("store");
    figures.addTo(report);
    Map<String, Metric> byName = report.metrics().stream().collect(Collectors.toMap(Metric::name, Function.identity()));

    Metric rocksdb = byName.get("rocksdb.puts_per_s_16_clients");
    assertThat(rocksdb.value()).isEqualTo(40000);
    assertThat(rocksdb.unit()).isEqualTo("puts/s");
    assertThat(rocksdb.anchor()).contains("etcd");
    assertThat(rocksdb.ratio()).contains(10.0);
    Metric anchor = byName.get("etcd.puts_per_s_16_clients");
    assertThat(anchor.value()).isEqualTo(4000);
    assertThat(anchor.ratio()).isEmpty();
    assertThat(figures.roundRatios("puts_per_s_16_clients"))
        .containsExactly("rocksdb.puts_per_s_16_clients per round: 10.00x 8.00x 12.00x etcd");
  }

  @Test
  void withoutTheAnchorThereAreNoRatios() {
    StoreFigures figures = new StoreFigures("etcd");
    figures.add("memory", "range_10k_ms", "ms", 1.5);
    BenchReport report = new BenchReport("store");
    figures.addTo(report);
    assertThat(report.metrics()).singleElement().satisfies(m -> {
      assertThat(m.value()).isEqualTo(1.5);
      assertThat(m.ratio()).isEmpty();
    });
    assertThat(figures.roundRatios("range_10k_ms")).isEmpty();
  }
}
