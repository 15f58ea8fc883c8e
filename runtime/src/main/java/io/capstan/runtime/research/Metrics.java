package io.capstan.runtime.research;

import java.util.Arrays;

/**
 * The paper's post-processing: allocation binned by arrival, {@code round(arrived / capacity ·
 * 100)}; for each integer k in [0, {@value #MAX_ARRIVAL}] the mean allocation % within bin k, falling
 * back to bin k−1, then k+1, when k is empty (NaN when all three are).
 */
public final class Metrics {

  public static final int MAX_ARRIVAL = 130;

  private Metrics() {}

  /** Unallocated GPU % (100 − mean allocation %) per arrival % 0..130. */
  public static double[] unallocatedByArrival(FillRun.Result r) {
    int bins = MAX_ARRIVAL + 1;
    double[] sum = new double[bins];
    int[] count = new int[bins];
    double cap = r.clusterGpuMilli();
    for (int i = 0; i < r.arrived().length; i++) {
      long k = Math.round(r.arrived()[i] / cap * 100);
      if (k >= 0 && k < bins) {
        sum[(int) k] += r.used()[i] / cap * 100;
        count[(int) k]++;
      }
    }
    double[] out = new double[bins];
    for (int k = 0; k < bins; k++) {
      double alloc;
      if (count[k] > 0) {
        alloc = sum[k] / count[k];
      } else if (k > 0 && count[k - 1] > 0) {
        alloc = sum[k - 1] / count[k - 1];
      } else if (k + 1 < bins && count[k + 1] > 0) {
        alloc = sum[k + 1] / count[k + 1];
      } else {
        alloc = k == 0 ? 0 : Double.NaN;
      }
      out[k] = round4(100 - alloc);
    }
    return out;
  }

  /** The arrival % at which allocation first falls more than one point below arrival, or NaN. */
  public static double firstGapArrivalPct(FillRun.Result r) {
    double cap = r.clusterGpuMilli();
    for (int i = 0; i < r.arrived().length; i++) {
      if ((r.arrived()[i] - r.used()[i]) / cap * 100 > 1) {
        return round4(r.arrived()[i] / cap * 100);
      }
    }
    return Double.NaN;
  }

  /** mean, sd (n−1), median, 25th and 75th percentile of the non-NaN values. */
  public static double[] stats(double[] values) {
    double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).sorted().toArray();
    if (v.length == 0) {
      return new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN};
    }
    double mean = Arrays.stream(v).sum() / v.length;
    double ss = 0;
    for (double x : v) {
      ss += (x - mean) * (x - mean);
    }
    double sd = v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : 0;
    return new double[] {round4(mean), round4(sd), round4(quantile(v, 0.5)), round4(quantile(v, 0.25)),
        round4(quantile(v, 0.75))};
  }

  private static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = (int) Math.ceil(pos);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
  }

  static double round4(double x) {
    return Double.isNaN(x) ? x : Math.round(x * 10_000) / 10_000.0;
  }
}
