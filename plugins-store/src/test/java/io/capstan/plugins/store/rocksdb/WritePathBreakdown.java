package io.capstan.plugins.store.rocksdb;

import io.capstan.runtime.clock.PooledTaskExecutor;
import io.capstan.runtime.clock.WallClock;
import io.capstan.spi.store.Bytes;
import io.capstan.spi.store.Store;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where the time of one group commit goes with N closed-loop writers (a profiling tool, not a
 * test): per round, back to back, the microseconds per N acknowledged writes of
 *
 * <ul>
 *   <li>{@code handoff}: N threads handing a request to one thread and waiting for its answer,
 *       with nothing stored: the scheduler's floor for N blocking clients on this machine;
 *   <li>{@code store-ram}: the rocksdb store in a RAM directory ({@code /dev/shm}), where a sync
 *       costs nothing: the engine's cycle without the disk;
 *   <li>{@code store-disk}: the rocksdb store on the disk ({@code java.io.tmpdir}), durable;
 *   <li>{@code raw-disk}: RocksDB alone, one thread, one synced batch of N: the disk's share;
 *   <li>{@code fdatasync}: one 4 KiB overwrite and {@code fdatasync}.
 * </ul>
 *
 * If store-disk is about store-ram plus raw-disk and store-ram about handoff, the engine adds
 * little of its own. Run from {@code plugins-store} after {@code mvn test-compile} (classpath as
 * for {@link StoreThroughput}): {@code java -cp ... WritePathBreakdown [writers] [batches] [rounds]}.
 */
public final class WritePathBreakdown {

  private WritePathBreakdown() {}

  public static void main(String[] args) throws Exception {
    int writers = args.length > 0 ? Integer.parseInt(args[0]) : 16;
    int batches = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    Path disk = Files.createTempDirectory("capstan-breakdown");
    Path ram = Files.isDirectory(Path.of("/dev/shm")) ? Files.createTempDirectory(Path.of("/dev/shm"), "capstan-breakdown") : disk;
    String[] names = {"handoff", "store-ram", "store-disk", "raw-disk", "fdatasync"};
    List<double[]> results = new ArrayList<>();
    PooledTaskExecutor executor = new PooledTaskExecutor(2, Duration.ofSeconds(1));
    org.rocksdb.RocksDB.loadLibrary();
    try (Store onRam = open(ram.resolve("store"), executor); Store onDisk = open(disk.resolve("store"), executor);
        org.rocksdb.Options options = new org.rocksdb.Options().setCreateIfMissing(true)
            .setWriteBufferSize(RocksDbPersistence.WRITE_BUFFER_BYTES)
            .setRecycleLogFileNum(RocksDbPersistence.RECYCLED_WALS)
            .setWalRecoveryMode(org.rocksdb.WALRecoveryMode.PointInTimeRecovery);
        org.rocksdb.RocksDB raw = org.rocksdb.RocksDB.open(options, disk.resolve("raw").toString())) {
      // warm up, and let the disk stores reach recycled write-ahead logs (as stores that ran a while)
      puts(onRam, writers, 100_000, "warm");
      puts(onDisk, writers, 100_000, "warm");
      rawRocksDb(raw, writers, 150_000, "warm");
      System.out.printf("%-6s %10s %10s %10s %10s %10s   (microseconds per %d acknowledged writes)%n", "round",
          names[0], names[1], names[2], names[3], names[4], writers);
      for (int r = 0; r < rounds; r++) {
        int total = writers * batches;
        double[] us = {
            1e6 / handoff(writers, batches),
            1e6 * writers / puts(onRam, writers, total, "r" + r),
            1e6 * writers / puts(onDisk, writers, total / 4, "r" + r),
            1e6 * writers / rawRocksDb(raw, writers, total / 4, "r" + r),
            fdatasyncMicros(disk, 500)};
        results.add(us);
        System.out.printf("%-6d %10.0f %10.0f %10.0f %10.0f %10.0f%n", r, us[0], us[1], us[2], us[3], us[4]);
      }
    } finally {
      executor.close();
    }
    System.out.printf("%-6s", "median");
    for (int i = 0; i < names.length; i++) {
      int col = i;
      double[] column = results.stream().mapToDouble(u -> u[col]).sorted().toArray();
      System.out.printf(" %10.0f", column[column.length / 2]);
    }
    System.out.println();
  }

  private static Store open(Path dir, PooledTaskExecutor executor) throws Exception {
    Store store = new RocksDbStore(RocksDbStoreConfig.at(dir), new WallClock(), executor);
    store.start();
    return store;
  }

  /** Puts {@code total} distinct keys from {@code writers} threads; puts per second. */
  private static double puts(Store store, int writers, int total, String tag) throws InterruptedException {
    byte[] value = new byte[256];
    AtomicLong next = new AtomicLong();
    Thread[] threads = new Thread[writers];
    long start = System.nanoTime();
    for (int w = 0; w < writers; w++) {
      threads[w] = new Thread(() -> {
        for (long i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
          store.put(Bytes.utf8("/breakdown/" + tag + "/" + i), Bytes.copyOf(value));
        }
      });
      threads[w].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    return total / ((System.nanoTime() - start) / 1e9);
  }

  /** Cycles per second of N threads each handing a future to one thread that completes them all. */
  private static double handoff(int clients, int cycles) throws Exception {
    ReentrantLock lock = new ReentrantLock();
    Condition full = lock.newCondition();
    List<List<CompletableFuture<Void>>> open = new ArrayList<>(List.of(new ArrayList<>()));
    Thread[] threads = new Thread[clients];
    for (int c = 0; c < clients; c++) {
      threads[c] = new Thread(() -> {
        for (int i = 0; i < cycles; i++) {
          CompletableFuture<Void> answer = new CompletableFuture<>();
          lock.lock();
          try {
            open.get(0).add(answer);
            if (open.get(0).size() == clients) {
              full.signal();
            }
          } finally {
            lock.unlock();
          }
          try {
            answer.get(30, TimeUnit.SECONDS);
          } catch (Exception e) {
            return;
          }
        }
      });
      threads[c].start();
    }
    long start = System.nanoTime();
    for (int i = 0; i < cycles; i++) {
      List<CompletableFuture<Void>> batch;
      lock.lock();
      try {
        while (open.get(0).size() < clients) {
          full.await();
        }
        batch = open.set(0, new ArrayList<>());
      } finally {
        lock.unlock();
      }
      batch.forEach(f -> f.complete(null));
    }
    double perSecond = cycles / ((System.nanoTime() - start) / 1e9);
    for (Thread t : threads) {
      t.join();
    }
    return perSecond;
  }

  /**
   * RocksDB alone: one thread, synced batches of {@code batch} puts; puts per second. Same memtable
   * size and log recycling as the store.
   */
  private static double rawRocksDb(org.rocksdb.RocksDB db, int batch, int puts, String tag) throws Exception {
    byte[] value = new byte[256];
    try (org.rocksdb.WriteOptions sync = new org.rocksdb.WriteOptions().setSync(true)) {
      long start = System.nanoTime();
      for (int i = 0; i < puts; i += batch) {
        try (org.rocksdb.WriteBatch wb = new org.rocksdb.WriteBatch()) {
          for (int j = 0; j < batch; j++) {
            wb.put(("/raw/" + tag + "/" + (i + j)).getBytes(java.nio.charset.StandardCharsets.UTF_8), value);
          }
          db.write(sync, wb);
        }
      }
      return puts / ((System.nanoTime() - start) / 1e9);
    }
  }

  /** Median microseconds of a 4 KiB overwrite plus fdatasync. */
  private static double fdatasyncMicros(Path dir, int syncs) throws Exception {
    Path file = Files.createTempFile(dir, "sync", ".bin");
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ByteBuffer page = ByteBuffer.allocateDirect(4096);
      for (int p = 0; p < 16; p++) {
        page.clear();
        channel.write(page, p * 4096L);
      }
      channel.force(true);
      long[] nanos = new long[syncs];
      for (int i = 0; i < syncs; i++) {
        page.clear();
        long began = System.nanoTime();
        channel.write(page, (i % 16) * 4096L);
        channel.force(false);
        nanos[i] = System.nanoTime() - began;
      }
      Arrays.sort(nanos);
      return nanos[syncs / 2] / 1e3;
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
