package io.capstan.runtime.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchReportTest {

  private BenchReport report() {
    BenchReport report = new BenchReport("store");
    report.add(Metric.of("etcd.puts_per_s_16_clients", 4000, "puts/s"));
    report.add(Metric.of("rocksdb.puts_per_s_16_clients", 60000, "puts/s").comparedWith("etcd", 4000));
    report.note("etcd 3.4 on the same machine");
    return report;
  }

  @Test
  void jsonHasTheConventionalShapeWithRatiosToTheAnchor() throws Exception {
    StringWriter out = new StringWriter();
    report().printJson(new PrintWriter(out));
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.path("bench").asText()).isEqualTo("store");
    assertThat(json.path("machine").path("cores").asInt()).isPositive();
    assertThat(json.path("machine").path("java").asText()).startsWith("17");
    JsonNode rocks = json.path("metrics").path("rocksdb.puts_per_s_16_clients");
    assertThat(rocks.path("value").asDouble()).isEqualTo(60000);
    assertThat(rocks.path("unit").asText()).isEqualTo("puts/s");
    assertThat(rocks.path("anchor").asText()).isEqualTo("etcd");
    assertThat(rocks.path("ratio").asDouble()).isEqualTo(15.0);
    assertThat(json.path("metrics").path("etcd.puts_per_s_16_clients").has("ratio")).isFalse();
  }

  @Test
  void tableShowsValueUnitAndRatio() {
    StringWriter out = new StringWriter();
    report().printTable(new PrintWriter(out));
    assertThat(out.toString().lines().toList()).anySatisfy(l -> assertThat(l).contains("rocksdb.puts_per_s_16_clients", "60,000", "puts/s", "15.00x etcd"));
    assertThat(out.toString()).contains("note: etcd 3.4");
  }

  @Test
  void percentilesMergeEveryRecorder() {
    Latencies a = new Latencies(10);
    Latencies b = new Latencies(10);
    for (int i = 1; i <= 5; i++) {
      a.record(i * 1_000_000L);
      b.record((i + 5) * 1_000_000L);
    }
    assertThat(Latencies.percentileMillis(List.of(a, b), 50)).isEqualTo(5.0);
    assertThat(Latencies.percentileMillis(List.of(a, b), 99)).isEqualTo(10.0);
  }
}
