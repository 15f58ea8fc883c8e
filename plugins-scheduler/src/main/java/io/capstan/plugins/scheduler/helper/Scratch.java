package io.capstan.plugins.scheduler.helper;

/**
 * Per-thread working arrays for scores computed once per node and plugin (hundreds of times per
 * pod), so scoring a node allocates nothing. A caller uses them only within one call and never
 * hands them out; each thread has its own.
 */
public final class Scratch {

  private static final ThreadLocal<Scratch> CURRENT = ThreadLocal.withInitial(Scratch::new);

  private long[] first = new long[4];
  private long[] second = new long[4];
  private double[] fractions = new double[4];

  private Scratch() {}

  /** This thread's arrays, each at least {@code n} long, their content undefined. */
  public static Scratch of(int n) {
    Scratch s = CURRENT.get();
    if (s.first.length < n) {
      s.first = new long[n];
      s.second = new long[n];
      s.fractions = new double[n];
    }
    return s;
  }

  public long[] first() {
    return first;
  }

  public long[] second() {
    return second;
  }

  public double[] fractions() {
    return fractions;
  }
}
