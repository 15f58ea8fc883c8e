package io.capstan.runtime.research;

import io.capstan.runtime.CapstanException;
import io.capstan.runtime.research.TraceReader.TracePod;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The FGD paper's "fill until full" arrival sequence for one seed: pods sorted by name, shuffled
 * with the seed, then copies of uniformly random original pods appended until the total GPU
 * request would exceed {@code tune} × cluster GPU milli (or random pods removed when above it).
 */
public final class Experiment {

  private Experiment() {}

  /** One arriving pod: the trace row and a unique name. */
  public record Arrival(TracePod row, String name) {}

  public static List<Arrival> arrivals(List<TracePod> trace, long clusterGpuMilli, double tune, long seed) {
    if (trace.isEmpty()) {
      throw new CapstanException("the pod trace has no pods");
    }
    Random random = new Random(seed);
    List<TracePod> pods = new ArrayList<>(trace);
    pods.sort(Comparator.comparing(TracePod::name));
    java.util.Collections.shuffle(pods, random);
    List<Arrival> out = new ArrayList<>(pods.size());
    long total = 0;
    for (TracePod p : pods) {
      out.add(new Arrival(p, p.name()));
      total += p.totalGpuMilli();
    }
    long target = (long) Math.floor(tune * clusterGpuMilli);
    if (tune > 0 && total < target) {
      for (int copy = 0; ; copy++) {
        TracePod p = trace.get(random.nextInt(trace.size()));
        if (total + p.totalGpuMilli() > target) {
          break;
        }
        out.add(new Arrival(p, p.name() + "-copy-" + copy));
        total += p.totalGpuMilli();
      }
    } else if (tune > 0) {
      while (total > target && !out.isEmpty()) {
        Arrival removed = out.remove(random.nextInt(out.size()));
        total -= removed.row().totalGpuMilli();
      }
    }
    return out;
  }

  /** The node name prefixes of one seed: a random permutation, as {@code %04d-}. */
  public static List<String> nodeNames(List<String> names, long seed) {
    List<Integer> perm = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      perm.add(i);
    }
    java.util.Collections.shuffle(perm, new Random(seed));
    List<String> out = new ArrayList<>(names.size());
    for (int i = 0; i < names.size(); i++) {
      out.add(String.format("%04d-%s", perm.get(i), names.get(i)));
    }
    return out;
  }

  /**
   * FGD's target workload: pods grouped by (cpu, gpu milli, gpu count, gpu spec), the most popular
   * groups kept until they cover {@code coverage} of the pods.
   */
  public static List<Map<String, Object>> targetWorkload(List<TracePod> trace, double coverage) {
    Map<String, long[]> counts = new LinkedHashMap<>();
    Map<String, TracePod> sample = new LinkedHashMap<>();
    for (TracePod p : trace) {
      String k = p.cpuMilli() + "/" + p.gpuMilli() + "/" + p.numGpu() + "/" + p.gpuSpec();
      counts.computeIfAbsent(k, x -> new long[1])[0]++;
      sample.putIfAbsent(k, p);
    }
    List<String> keys = new ArrayList<>(counts.keySet());
    keys.sort(Comparator.comparingLong((String k) -> -counts.get(k)[0]).thenComparing(k -> k));
    List<Map<String, Object>> out = new ArrayList<>();
    long covered = 0;
    for (String k : keys) {
      if (covered >= coverage * trace.size()) {
        break;
      }
      TracePod p = sample.get(k);
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("cpuMilli", p.cpuMilli());
      c.put("numGpu", p.numGpu());
      c.put("milliPerGpu", p.gpuMilli());
      c.put("gpuSpec", p.gpuSpec());
      c.put("weight", counts.get(k)[0]);
      out.add(c);
      covered += counts.get(k)[0];
    }
    return out;
  }
}
