package io.capstan.runtime.bench;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.store.Bytes;
import io.capstan.spi.store.Compare;
import io.capstan.spi.store.KeyRange;
import io.capstan.spi.store.KeyValue;
import io.capstan.spi.store.Op;
import io.capstan.spi.store.RangeRequest;
import io.capstan.spi.store.Store;
import io.capstan.spi.store.TxnRequest;
import io.capstan.spi.store.Watch;
import io.capstan.spi.store.WatchEvent;
import io.capstan.spi.store.WatchRequest;
import io.capstan.spi.store.WatchResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The store benchmark's workloads, run against any {@link Store} through the SPI only, so every
 * plugin and a real etcd are measured by the same code. Each workload uses its own key prefix.
 */
final class StoreWorkloads {

  private final Store store;
  private final String prefix;
  private final int valueSize;

  StoreWorkloads(Store store, String prefix, int valueSize) {
    this.store = requireNonNull(store, "store");
    this.prefix = requireNonNull(prefix, "prefix");
    this.valueSize = valueSize;
  }

  /**
   * {@code <prefix>/<part>/<i, 10 digits>}. Built by hand: {@code String.format} costs the client
   * about as much CPU as a put costs the memory store, and with 16 clients on two cores that CPU is
   * taken from the store under measurement.
   */
  private Bytes key(String part, long i) {
    String digits = Long.toString(i);
    StringBuilder key = new StringBuilder(prefix.length() + part.length() + 12)
        .append(prefix).append('/').append(part).append('/');
    for (int pad = digits.length(); pad < 10; pad++) {
      key.append('0');
    }
    return Bytes.utf8(key.append(digits).toString());
  }

  private Bytes value(long stamp) {
    ByteBuffer buffer = ByteBuffer.allocate(valueSize);
    buffer.putLong(stamp);
    return Bytes.copyOf(buffer.array());
  }

  /** Puts {@code total} distinct keys from {@code clients} threads; returns puts per second. */
  double puts(String part, int total, int clients) throws Exception {
    AtomicLong next = new AtomicLong();
    long started = System.nanoTime();
    Clients.run(clients, () -> {
      long i;
      while ((i = next.getAndIncrement()) < total) {
        store.put(key(part, i), value(i));
      }
    });
    return total / ((System.nanoTime() - started) / 1e9);
  }

  /**
   * Read-modify-write increments through compare-and-swap on a few hot keys from {@code clients}
   * threads, retrying on conflict; returns successful updates per second.
   */
  double casUpdates(int hotKeys, int clients, int updatesPerClient) throws Exception {
    for (int k = 0; k < hotKeys; k++) {
      store.put(key("cas", k), Bytes.utf8("0"));
    }
    long started = System.nanoTime();
    Clients.run(clients, () -> {
      java.util.Random random = new java.util.Random(Thread.currentThread().getId());
      for (int u = 0; u < updatesPerClient; u++) {
        Bytes k = key("cas", random.nextInt(hotKeys));
        while (true) {
          KeyValue current = store.get(k).orElseThrow();
          long n = Long.parseLong(current.value().toUtf8()) + 1;
          TxnRequest txn = TxnRequest.when(Compare.modRevision(k).equal(current.modRevision()))
              .then(Op.put(k, Bytes.utf8(Long.toString(n))))
              .build();
          if (store.txn(txn).succeeded()) {
            break;
          }
        }
      }
    });
    return (double) clients * updatesPerClient / ((System.nanoTime() - started) / 1e9);
  }

  /** Loads {@code count} keys, then ranges over all of them; returns the median of 5 ranges in ms. */
  double rangeMillis(int count) throws Exception {
    AtomicLong next = new AtomicLong();
    Clients.run(16, () -> {
      long i;
      while ((i = next.getAndIncrement()) < count) {
        store.put(key("range", i), value(i));
      }
    });
    KeyRange range = KeyRange.prefix(Bytes.utf8(prefix + "/range/"));
    double[] millis = new double[5];
    for (int r = 0; r < millis.length; r++) {
      long started = System.nanoTime();
      int got = store.range(RangeRequest.of(range)).kvs().size();
      millis[r] = (System.nanoTime() - started) / 1e6;
      if (got != count) {
        throw new IllegalStateException("range returned " + got + " keys, expected " + count);
      }
    }
    Arrays.sort(millis);
    return millis[millis.length / 2];
  }

  /**
   * {@code watchers} watch one prefix while {@code writers} threads put {@code puts} keys at
   * {@code putsPerSecond} in total (paced, as etcd's watch-latency benchmark does, so the figure is
   * delivery latency and not a backlog); each event's latency runs from the start of its put to
   * its delivery. Returns p50 and p99 in ms.
   */
  double[] watchLatency(int watchers, int writers, int puts, int putsPerSecond) throws Exception {
    KeyRange range = KeyRange.prefix(Bytes.utf8(prefix + "/watch/"));
    long from = store.currentRevision() + 1;
    List<Latencies> recorded = new ArrayList<>();
    List<Watch> watches = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(watchers);
    for (int w = 0; w < watchers; w++) {
      Latencies latencies = new Latencies(puts);
      recorded.add(latencies);
      watches.add(store.watch(WatchRequest.of(range).fromRevision(from), response -> {
        if (response instanceof WatchResponse.Events events) {
          long now = System.nanoTime();
          for (WatchEvent event : events.events()) {
            latencies.record(now - ByteBuffer.wrap(event.kv().value().toByteArray()).getLong());
          }
          if (latencies.size() == puts) {
            done.countDown();
          }
        }
      }));
    }
    AtomicLong next = new AtomicLong();
    long intervalNanos = 1_000_000_000L / Math.max(1, putsPerSecond);
    long begin = System.nanoTime();
    Clients.run(writers, () -> {
      long i;
      while ((i = next.getAndIncrement()) < puts) {
        long due = begin + i * intervalNanos;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          java.util.concurrent.locks.LockSupport.parkNanos(wait);
        }
        store.put(key("watch", i), value(System.nanoTime()));
      }
    });
    boolean complete = done.await(120, TimeUnit.SECONDS);
    watches.forEach(Watch::cancel);
    if (!complete) {
      throw new IllegalStateException("watchers did not receive all " + puts + " events within 120 s");
    }
    return new double[] {Latencies.percentileMillis(recorded, 50), Latencies.percentileMillis(recorded, 99)};
  }

}
