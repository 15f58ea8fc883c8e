package io.capstan.plugins.store.mvcc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.capstan.runtime.clock.DeterministicExecutor;
import io.capstan.runtime.clock.VirtualClock;
import io.capstan.spi.plugin.InvalidConfigException;
import io.capstan.spi.store.Bytes;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Automatic compaction in both of etcd's modes, on virtual time. */
class AutoCompactionTest {

  private final VirtualClock clock = new VirtualClock(Instant.parse("2025-01-01T00:00:00Z"));
  private final DeterministicExecutor executor = new DeterministicExecutor(clock, 3);
  private TestStore store;

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
    executor.close();
  }

  private void open(AutoCompactionConfig auto) {
    MvccOptions options = new MvccOptions("test", 2 << 20, Duration.ofHours(1), auto,
        Duration.ofSeconds(30), MvccOptions.DEFAULT_COMMIT_SPIN);
    store = new TestStore(options, new NoPersistence(), clock, executor);
    store.start();
  }

  private void writes(int n) {
    for (int i = 0; i < n; i++) {
      store.put(Bytes.utf8("/k"), Bytes.utf8("v" + i));
    }
  }

  @Test
  void revisionModeKeepsTheLastNRevisions() {
    open(new AutoCompactionConfig(AutoCompactionConfig.Mode.REVISION, "5", Duration.ofMinutes(1)));
    writes(20);
    executor.advance(Duration.ofSeconds(59));
    assertThat(store.compactRevision()).isZero();
    executor.advance(Duration.ofSeconds(1));
    await().until(() -> store.compactRevision() == 15);
    executor.advance(Duration.ofMinutes(1));
    assertThat(store.compactRevision()).as("nothing new to compact").isEqualTo(15);
  }

  @Test
  void periodicModeCompactsToTheRevisionCurrentOneRetentionAgo() {
    open(new AutoCompactionConfig(AutoCompactionConfig.Mode.PERIODIC, "10m", null));
    assertThat(new AutoCompactionConfig(AutoCompactionConfig.Mode.PERIODIC, "10m", null)
        .interval()).as("a tenth of the retention").isEqualTo(Duration.ofMinutes(1));
    writes(3); // revisions 1-3 before the first sample at 1 min
    executor.advance(Duration.ofMinutes(1)); // sample (1m, 3)
    writes(4); // revisions 4-7
    executor.advance(Duration.ofMinutes(10)); // samples up to 11m; (1m, 3) is now 10 min old
    await().until(() -> store.compactRevision() == 3);
    executor.advance(Duration.ofMinutes(1)); // (2m, 7) is 10 min old at 12m
    await().until(() -> store.compactRevision() == 7);
  }

  @Test
  void configDefaultsAndValidationFollowEtcd() {
    AutoCompactionConfig defaults = AutoCompactionConfig.defaults();
    assertThat(defaults.mode()).isEqualTo(AutoCompactionConfig.Mode.PERIODIC);
    assertThat(defaults.retentionPeriod()).isEqualTo(Duration.ofMinutes(10));
    assertThat(new AutoCompactionConfig(AutoCompactionConfig.Mode.PERIODIC, "2", null)
        .retentionPeriod()).as("a bare number means hours").isEqualTo(Duration.ofHours(2));
    assertThat(new AutoCompactionConfig(AutoCompactionConfig.Mode.PERIODIC, "20", null).interval())
        .as("a tenth, at most an hour").isEqualTo(Duration.ofHours(1));
    assertThat(new AutoCompactionConfig(AutoCompactionConfig.Mode.PERIODIC, "5s", null).interval())
        .as("a tenth, at least a second").isEqualTo(Duration.ofSeconds(1));
    assertThat(new AutoCompactionConfig(AutoCompactionConfig.Mode.REVISION, null, null))
        .satisfies(c -> {
          assertThat(c.retentionRevisions()).isEqualTo(10_000);
          assertThat(c.interval()).isEqualTo(Duration.ofMinutes(5));
        });
    assertThatThrownBy(() -> new AutoCompactionConfig(AutoCompactionConfig.Mode.REVISION, "1h",
        null)).isInstanceOfSatisfying(InvalidConfigException.class,
            e -> assertThat(e.field()).isEqualTo("retention"));
    assertThatThrownBy(() -> new AutoCompactionConfig(AutoCompactionConfig.Mode.PERIODIC, "0s",
        null)).isInstanceOf(InvalidConfigException.class);
  }
}
