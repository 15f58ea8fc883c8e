package io.capstan.plugins.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.runtime.clock.PooledTaskExecutor;
import io.capstan.runtime.clock.WallClock;
import io.capstan.spi.store.Bytes;
import io.capstan.spi.store.KeyRange;
import io.capstan.spi.store.KeyValue;
import io.capstan.spi.store.WatchEvent;
import io.capstan.spi.store.WatchRequest;
import io.capstan.spi.store.WatchResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 while writing, twenty times on one directory: every acknowledged change is there after
 * each restart, with its revision; revisions only grow, across rounds too; and a watch from the
 * compaction watermark replays every retained revision once, in order.
 *
 * <p>A child JVM ({@link RocksDbCrashWriter}) writes from several threads and prints each
 * acknowledged change; this test kills it with {@link Process#destroyForcibly()} (SIGKILL on
 * Linux) after a seeded random 100-600 ms, then reopens the directory and checks.
 */
class RocksDbCrashIT {

  private static final int ROUNDS = 20;
  private static final int THREADS = 4;

  private final PooledTaskExecutor executor = new PooledTaskExecutor(2, Duration.ofSeconds(1));

  @TempDir
  Path dir;

  @AfterEach
  void stop() throws InterruptedException {
    executor.close();
  }

  @Test
  void acknowledgedWritesSurviveKillNine() throws Exception {
    Random random = new Random(20_251_127L);
    long highestSeen = 0;
    long compactedAtLeast = 0;
    int acknowledged = 0;
    for (int round = 0; round < ROUNDS; round++) {
      ChildRun run = runAndKill(round, 100 + random.nextInt(501));
      assertThat(run.openedAt).as("round %d opened at the revision the last one ended", round)
          .isEqualTo(highestSeen);
      for (List<Long> perThread : run.revisionsByThread.values()) {
        for (int i = 1; i < perThread.size(); i++) {
          assertThat(perThread.get(i)).isGreaterThan(perThread.get(i - 1));
        }
      }
      acknowledged += run.changes.size();
      compactedAtLeast = Math.max(compactedAtLeast, run.lastCompaction);
      highestSeen = verify(run, highestSeen, compactedAtLeast);
    }
    // about 30,000 on the 2-core CI machine; far fewer would mean the kills hit before the writes
    assertThat(acknowledged).as("acknowledged changes over all rounds").isGreaterThan(ROUNDS * 50);
    // the child's small memtable makes RocksDB reuse write-ahead log files; the kills above must
    // have hit writes into recycled logs, or this test would not cover them
    assertThat(reusedLogs()).as("write-ahead logs RocksDB reused (its LOG files)").isPositive();
  }

  /** How often RocksDB's info logs (LOG and LOG.old.*) say a recycled WAL was reused. */
  private long reusedLogs() throws IOException {
    long reused = 0;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path log : files.filter(f -> f.getFileName().toString().startsWith("LOG")).toList()) {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
          reused += lines.filter(l -> l.contains("reusing log")).count();
        }
      }
    }
    return reused;
  }

  /** One acknowledged change as the child printed it. */
  private record Change(boolean put, String key, long revision) {}

  private static final class ChildRun {
    long openedAt = -1;
    long lastCompaction;
    final List<Change> changes = new ArrayList<>();
    final Map<String, List<Long>> revisionsByThread = new HashMap<>();
  }

  private ChildRun runAndKill(int round, int killAfterMillis) throws Exception {
    Process child = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"),
        RocksDbCrashWriter.class.getName(), dir.toString(), Integer.toString(round),
        Integer.toString(THREADS))
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          lines.add(line);
        }
      } catch (java.io.IOException ignored) {
        // the pipe breaks when the child dies; what was read is what counts
      }
    });
    reader.start();
    await().atMost(Duration.ofSeconds(30)).until(() -> !lines.isEmpty() || !child.isAlive());
    assertThat(child.isAlive()).as("child started (first line: %s)", lines).isTrue();
    Thread.sleep(killAfterMillis); // the fault injection: kill at a random point of the writes
    child.destroyForcibly();
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    reader.join(TimeUnit.SECONDS.toMillis(30));

    ChildRun run = new ChildRun();
    for (String line : lines) {
      if (!line.endsWith(" $")) {
        continue; // cut short by the kill: never counted as acknowledged
      }
      String[] f = line.split(" ");
      switch (f[0]) {
        case "READY" -> run.openedAt = Long.parseLong(f[1]);
        case "COMPACT" -> run.lastCompaction = Long.parseLong(f[1]);
        case "PUT", "DEL" -> {
          Change change = new Change(f[0].equals("PUT"), f[1], Long.parseLong(f[2]));
          run.changes.add(change);
          String thread = change.key().split("/")[3];
          run.revisionsByThread.computeIfAbsent(thread, t -> new ArrayList<>())
              .add(change.revision());
        }
        default -> throw new AssertionError("unexpected line from the child: " + line);
      }
    }
    return run;
  }

  /** Reopens the directory, checks the run's changes and returns the recovered revision. */
  private long verify(ChildRun run, long previousHighest, long compactedAtLeast) {
    try (RocksDbStore store = new RocksDbStore(RocksDbStoreConfig.at(dir), new WallClock(),
        executor)) {
      store.start();
      long current = store.currentRevision();
      long compacted = store.compactRevision();
      assertThat(current).isGreaterThanOrEqualTo(previousHighest);
      assertThat(compacted).isGreaterThanOrEqualTo(compactedAtLeast);
      Map<String, Long> deletedAt = new HashMap<>();
      for (Change c : run.changes) {
        assertThat(c.revision()).as("%s never reuses a revision of an earlier round", c)
            .isGreaterThan(previousHighest).isLessThanOrEqualTo(current);
        if (!c.put()) {
          deletedAt.put(c.key(), c.revision());
        }
      }
      for (Change c : run.changes) {
        var latest = store.get(Bytes.utf8(c.key()));
        if (c.put() && !deletedAt.containsKey(c.key())) {
          // the key may have been deleted by a write whose acknowledgement the kill cut off
          latest.ifPresent(kv -> assertThat(kv.modRevision()).as("%s", c).isEqualTo(c.revision()));
          if (latest.isEmpty()) {
            assertThat(lastChangeOf(store, c.key())).as("%s is gone only if deleted later", c)
                .isGreaterThan(c.revision());
          }
        } else if (!c.put()) {
          assertThat(latest).as("%s", c).isEmpty();
        }
        if (c.revision() >= compacted && c.put()) {
          assertThat(store.get(Bytes.utf8(c.key()), c.revision())).map(KeyValue::modRevision)
              .as("%s readable at its revision", c).contains(c.revision());
        }
      }
      assertReplay(store, Math.max(1, compacted), current);
      return current;
    }
  }

  /** The revision of the key's deleting event, found through a watch of just that key. */
  private long lastChangeOf(RocksDbStore store, String key) {
    List<WatchResponse> seen = new CopyOnWriteArrayList<>();
    long from = Math.max(1, store.compactRevision());
    var watch = store.watch(WatchRequest.of(KeyRange.key(Bytes.utf8(key))).fromRevision(from),
        seen::add);
    store.requestProgress();
    await().until(() -> seen.stream().anyMatch(r -> r instanceof WatchResponse.Progress));
    watch.cancel();
    return seen.stream().filter(r -> r instanceof WatchResponse.Events)
        .mapToLong(WatchResponse::revision).max().orElse(0);
  }

  private void assertReplay(RocksDbStore store, long from, long to) {
    if (to < from) {
      return;
    }
    List<WatchResponse> seen = new CopyOnWriteArrayList<>();
    var watch = store.watch(WatchRequest.of(KeyRange.all()).fromRevision(from), seen::add);
    await().until(() -> !seen.isEmpty() && seen.get(seen.size() - 1).revision() == to);
    watch.cancel();
    assertThat(seen).extracting(WatchResponse::revision).as("every revision once, in order")
        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(from, to).boxed()
            .toList());
    for (WatchResponse r : seen) {
      for (WatchEvent e : ((WatchResponse.Events) r).events()) {
        assertThat(e.revision()).isEqualTo(r.revision());
      }
    }
  }
}
