package io.capstan.plugins.store.rocksdb;

import io.capstan.plugins.store.memory.MemoryStore;
import io.capstan.plugins.store.memory.MemoryStoreConfig;
import io.capstan.runtime.clock.PooledTaskExecutor;
import io.capstan.runtime.clock.WallClock;
import io.capstan.spi.store.Bytes;
import io.capstan.spi.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A quick throughput sanity check, not a test and not a benchmark harness: durable puts per second
 * of 256-byte values on distinct keys, with N concurrent writers and with one sequential writer,
 * for rocksdb ({@code syncMode: sync}) and memory, next to RocksDB alone as the anchor measured in
 * the same run (synced puts one by one, and synced batches as large as the writer count, which is
 * the best group commit can do with that many closed-loop writers). Shows that group commit
 * works; the figures go into the module README. Run from {@code plugins-store} after {@code mvn test-compile}:
 *
 * <pre>
 * java -cp "$(cat /tmp/cp.txt):target/classes:target/test-classes" \
 *     io.capstan.plugins.store.rocksdb.StoreThroughput [writers] [puts]
 * </pre>
 */
public final class StoreThroughput {

  private StoreThroughput() {}

  public static void main(String[] args) throws Exception {
    int writers = args.length > 0 ? Integer.parseInt(args[0]) : 16;
    int puts = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
    PooledTaskExecutor executor = new PooledTaskExecutor(2, Duration.ofSeconds(1));
    Path dir = Files.createTempDirectory("capstan-throughput");
    System.out.printf("%-8s %-26s %12s%n", "store", "mode", "puts/s");
    for (int run = 0; run < 2; run++) {
      report("raw", "rocksdb sync every put", rawRocksDb(dir.resolve("raw1-" + run), 1, 2_000));
      report("raw", "rocksdb batch of " + writers + ", sync",
          rawRocksDb(dir.resolve("raw16-" + run), writers, puts));
      try (Store rocks = new RocksDbStore(RocksDbStoreConfig.at(dir.resolve("r" + run)),
          new WallClock(), executor)) {
        rocks.start();
        report("rocksdb", writers + " writers, sync", measure(rocks, writers, puts, "c"));
        report("rocksdb", "1 writer, sync", measure(rocks, 1, puts / 20, "s"));
      }
      try (Store memory = new MemoryStore(MemoryStoreConfig.defaults(), new WallClock(),
          executor)) {
        memory.start();
        report("memory", writers + " writers", measure(memory, writers, puts, "c"));
        report("memory", "1 writer", measure(memory, 1, puts, "s"));
      }
    }
    executor.close();
  }

  private static void report(String store, String mode, double perSecond) {
    System.out.printf("%-8s %-26s %,12.0f%n", store, mode, perSecond);
  }

  /** The anchor: RocksDB alone, one thread, one synced WriteBatch of {@code batch} puts at a time. */
  private static double rawRocksDb(Path path, int batch, int puts) throws Exception {
    org.rocksdb.RocksDB.loadLibrary();
    byte[] value = new byte[256];
    try (org.rocksdb.Options options = new org.rocksdb.Options().setCreateIfMissing(true);
        org.rocksdb.RocksDB db = org.rocksdb.RocksDB.open(options, path.toString());
        org.rocksdb.WriteOptions sync = new org.rocksdb.WriteOptions().setSync(true)) {
      long start = System.nanoTime();
      for (int i = 0; i < puts; i += batch) {
        try (org.rocksdb.WriteBatch wb = new org.rocksdb.WriteBatch()) {
          for (int j = 0; j < batch; j++) {
            wb.put(("/raw/" + (i + j)).getBytes(java.nio.charset.StandardCharsets.UTF_8), value);
          }
          db.write(sync, wb);
        }
      }
      return puts / ((System.nanoTime() - start) / 1e9);
    }
  }

  private static double measure(Store store, int writers, int puts, String tag) throws Exception {
    byte[] value = new byte[256];
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    int perWriter = puts / writers;
    long start = System.nanoTime();
    List<CompletableFuture<Void>> done = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int writer = w;
      done.add(CompletableFuture.runAsync(() -> {
        for (int i = 0; i < perWriter; i++) {
          store.put(Bytes.utf8("/" + tag + "/" + writer + "/" + i), Bytes.copyOf(value));
        }
      }, pool));
    }
    CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    return perWriter * writers / seconds;
  }
}
