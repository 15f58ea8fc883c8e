package io.capstan.plugins.store.rocksdb;

import io.capstan.runtime.clock.PooledTaskExecutor;
import io.capstan.runtime.clock.WallClock;
import io.capstan.spi.store.Bytes;
import io.capstan.spi.store.Op;
import io.capstan.spi.store.TxnRequest;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * The child process of {@link RocksDbCrashIT}: opens the rocksdb store on a directory and writes
 * until it is killed, printing one line per <em>acknowledged</em> change, flushed before the next
 * write starts:
 *
 * <pre>
 * READY &lt;revision at open&gt; $
 * PUT &lt;key&gt; &lt;revision&gt; $       a unique key, never written again
 * DEL &lt;key&gt; &lt;revision&gt; $       the deletion of a key this thread put earlier
 * COMPACT &lt;revision&gt; $
 * </pre>
 *
 * <p>The trailing {@code $} marks a complete line: a kill can cut the last line short.
 *
 * <p>Arguments: data directory, round number, writer threads.
 */
public final class RocksDbCrashWriter {

  /** Memtable and so write-ahead log size in the child: 64 KiB, some 150 writes. */
  static final long CRASH_WRITE_BUFFER_BYTES = 64 << 10;

  private RocksDbCrashWriter() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int round = Integer.parseInt(args[1]);
    int threads = Integer.parseInt(args[2]);
    PrintStream out = new PrintStream(System.out, false, "UTF-8");
    PooledTaskExecutor executor = new PooledTaskExecutor(2, Duration.ofSeconds(1));
    // A small memtable: write-ahead logs fill, flush and are recycled many times per round, so
    // kills land while a reused log file (holding an older log's records) is being overwritten.
    RocksDbStoreConfig config = RocksDbStoreConfig.at(dir);
    RocksDbPersistence persistence = new RocksDbPersistence(dir, config.syncMode(),
        config.blockCacheBytes(), config.compression(), CRASH_WRITE_BUFFER_BYTES);
    RocksDbStore store = new RocksDbStore(config, persistence, new WallClock(), executor);
    store.start();
    print(out, "READY " + store.currentRevision());
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread writer = new Thread(() -> write(store, out, round, thread), "crash-writer-" + t);
      writer.start();
    }
    Thread.currentThread().join(); // until killed
  }

  private static void write(RocksDbStore store, PrintStream out, int round, int thread) {
    SplittableRandom random = new SplittableRandom(round * 1000L + thread);
    for (long i = 0; ; i++) {
      String key = "/crash/" + round + "/" + thread + "/" + i;
      byte[] value = new byte[16 + random.nextInt(512)];
      random.nextBytes(value);
      long revision = store.put(Bytes.utf8(key), Bytes.copyOf(value));
      print(out, "PUT " + key + " " + revision);
      if (i % 10 == 9) {
        String victim = "/crash/" + round + "/" + thread + "/" + (i - 5);
        long deleted = store.txn(TxnRequest.of(Op.delete(Bytes.utf8(victim)))).revision();
        print(out, "DEL " + victim + " " + deleted);
      }
      if (thread == 0 && i % 400 == 399) {
        long target = store.currentRevision() - 200;
        if (target > store.compactRevision()) {
          store.compact(target);
          print(out, "COMPACT " + target);
        }
      }
    }
  }

  private static void print(PrintStream out, String line) {
    synchronized (out) {
      out.println(line + " $");
      out.flush();
    }
  }
}
