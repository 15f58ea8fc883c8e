package io.capstan.plugins.store.rocksdb;

import com.sun.nio.file.ExtendedOpenOption;
import io.capstan.plugins.store.mvcc.CommitBatch;
import io.capstan.plugins.store.mvcc.MvccStore;
import io.capstan.plugins.store.mvcc.Persistence;
import io.capstan.plugins.store.mvcc.RecoveredState;
import io.capstan.runtime.clock.PooledTaskExecutor;
import io.capstan.runtime.clock.WallClock;
import io.capstan.spi.store.Bytes;
import io.capstan.spi.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not a test: where a 16-writer group commit spends its time. Runs the engine over a persistence
 * that only overwrites 4 KiB and {@code fdatasync}s per batch (the disk's floor), then over one
 * that writes 8 KiB with O_DIRECT and O_DSYNC instead, printing for each the
 * average sync and the average <em>gap</em> between two syncs (acknowledging the writers and
 * gathering their next writes), then the real rocksdb store, in alternation. This is how the
 * wake-up chain that {@code CommitWait} removes was found. Run from {@code plugins-store} after
 * {@code mvn test-compile} (classpath as for {@link StoreThroughput}):
 *
 * <pre>
 * java -cp "$(cat /tmp/cp.txt):target/classes:target/test-classes" \
 *     io.capstan.plugins.store.rocksdb.SyncGapBreakdown [puts] [directory]
 * </pre>
 */
public final class SyncGapBreakdown {

  private static final int WRITERS = 16;

  private SyncGapBreakdown() {}

  public static void main(String[] args) throws Exception {
    int puts = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    Path dir = Files.createTempDirectory(args.length > 1 ? Path.of(args[1]) : Path.of("."), "sync-gap");
    try (PooledTaskExecutor executor = new PooledTaskExecutor(2, Duration.ofSeconds(1))) {
      for (int run = 0; run < 3; run++) {
        SyncOnly floor = new SyncOnly(dir.resolve("sync-only-" + run));
        try (Store store = new EngineOver(floor, dir, executor)) {
          store.start();
          double perSecond = measure(store, puts, "f");
          System.out.printf("4 KiB sync only:         %,8.0f puts/s  %s%n", perSecond, floor.summary());
        }
        SyncOnly direct = new SyncOnly(dir.resolve("direct-" + run), true);
        try (Store store = new EngineOver(direct, dir, executor)) {
          store.start();
          double perSecond = measure(store, puts, "d");
          System.out.printf("8 KiB O_DIRECT|O_DSYNC:  %,8.0f puts/s  %s%n", perSecond, direct.summary());
        }
        try (Store store = new RocksDbStore(RocksDbStoreConfig.at(dir.resolve("rocksdb-" + run)),
            new WallClock(), executor)) {
          store.start();
          measure(store, 120_000, "w"); // past the first, growing write-ahead logs
          System.out.printf("rocksdb:                 %,8.0f puts/s%n", measure(store, puts, "r"));
        }
      }
    }
  }

  private static double measure(Store store, int puts, String tag) throws InterruptedException {
    AtomicLong next = new AtomicLong();
    Thread[] writers = new Thread[WRITERS];
    long started = System.nanoTime();
    for (int w = 0; w < WRITERS; w++) {
      writers[w] = new Thread(() -> {
        Bytes value = Bytes.copyOf(new byte[256]);
        for (long i = next.getAndIncrement(); i < puts; i = next.getAndIncrement()) {
          store.put(Bytes.utf8("/" + tag + "/" + i), value);
        }
      });
      writers[w].start();
    }
    for (Thread writer : writers) {
      writer.join();
    }
    return puts / ((System.nanoTime() - started) / 1e9);
  }

  /** The engine over any persistence. */
  private static final class EngineOver extends MvccStore {
    EngineOver(Persistence persistence, Path dir, PooledTaskExecutor executor) {
      super(RocksDbStoreConfig.at(dir).toOptions(), persistence, new WallClock(), executor);
    }
  }

  /** One synced overwrite per batch, timed; the sync thread is its only caller. */
  private static final class SyncOnly implements Persistence {
    private static final int SLOTS = 1024;
    private final FileChannel file;
    // aligned to 4 KiB: O_DIRECT needs buffer, offset and length aligned to the device's blocks
    private final ByteBuffer page = ByteBuffer.allocateDirect(8192 + 4096).alignedSlice(4096);
    private final boolean direct;
    private long slot;
    private long lastEnd;
    private long syncNanos;
    private long gapNanos;
    private long batches;
    private long writes;

    SyncOnly(Path path) throws IOException {
      this(path, false);
    }

    /**
     * @param direct false: one 4 KiB overwrite through the page cache, then {@code fdatasync};
     *     true: one 8 KiB overwrite with O_DIRECT and O_DSYNC (the size of a 16-put batch), which
     *     is how a write-ahead log of our own would write
     */
    SyncOnly(Path path, boolean direct) throws IOException {
      this.direct = direct;
      FileChannel init = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      init.write(ByteBuffer.allocate(8192 * SLOTS), 0); // written once: later syncs flush data only
      init.force(true);
      if (direct) {
        init.close();
        file = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.DSYNC,
            ExtendedOpenOption.DIRECT);
      } else {
        file = init;
      }
    }

    @Override
    public RecoveredState recover() {
      return RecoveredState.EMPTY;
    }

    @Override
    public void replay(ReplaySink sink) {}

    @Override
    public void append(CommitBatch batch) {
      long began = System.nanoTime();
      if (lastEnd != 0) {
        gapNanos += began - lastEnd;
      }
      try {
        if (direct) {
          page.clear().limit(8192);
          file.write(page, 8192 * (slot++ % SLOTS));
        } else {
          page.clear().limit(4096);
          file.write(page, 4096 * (slot++ % SLOTS));
          file.force(false);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      lastEnd = System.nanoTime();
      syncNanos += lastEnd - began;
      batches++;
      writes += batch.size();
    }

    String summary() {
      return String.format("(%,d batches of %.1f; sync %.0f µs, gap %.0f µs)", batches,
          (double) writes / batches, syncNanos / 1e3 / batches, gapNanos / 1e3 / batches);
    }

    @Override
    public boolean isDurable() {
      return true;
    }

    @Override
    public void close() {
      try {
        file.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
