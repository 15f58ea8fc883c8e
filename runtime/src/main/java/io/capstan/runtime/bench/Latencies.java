package io.capstan.runtime.bench;

import java.util.Arrays;

/** A fixed-capacity recorder of latencies in nanoseconds, filled by one thread at a time. */
final class Latencies {

  private final long[] samples;
  private int size;

  Latencies(int capacity) {
    this.samples = new long[capacity];
  }

  void record(long nanos) {
    if (size < samples.length) {
      samples[size++] = nanos;
    }
  }

  int size() {
    return size;
  }

  /** Merges many recorders and returns the given percentile (0-100) in milliseconds. */
  static double percentileMillis(Iterable<Latencies> all, double percentile) {
    int total = 0;
    for (Latencies l : all) {
      total += l.size;
    }
    if (total == 0) {
      return Double.NaN;
    }
    long[] merged = new long[total];
    int at = 0;
    for (Latencies l : all) {
      System.arraycopy(l.samples, 0, merged, at, l.size);
      at += l.size;
    }
    Arrays.sort(merged);
    int index = (int) Math.min(total - 1, Math.ceil(percentile / 100.0 * total) - 1);
    return merged[Math.max(0, index)] / 1e6;
  }
}
