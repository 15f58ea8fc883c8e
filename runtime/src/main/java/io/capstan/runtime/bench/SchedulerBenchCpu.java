package io.capstan.runtime.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * CPU time spent during the measured phase of {@code bench scheduler}, for the whole process and
 * per group of threads (the creating clients, the shared executor that runs scheduling cycles and
 * informers, the binding pool, the store's threads; the rest is GC and the JIT). CPU per pod does
 * not depend on how busy the machine is, unlike pods/s, so it says what the code costs even on a
 * shared machine: {@code cores × 10^6 / µs per pod} is the rate the work would allow.
 */
final class SchedulerBenchCpu {

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final Map<String, LongAdder> finished = new ConcurrentHashMap<>();
  private Map<String, Long> atStart = Map.of();
  private long processAtStart;
  private Map<String, Long> nativeAtStart = Map.of();

  SchedulerBenchCpu() {
    if (threads.isThreadCpuTimeSupported() && !threads.isThreadCpuTimeEnabled()) {
      threads.setThreadCpuTimeEnabled(true);
    }
  }

  /** Marks the beginning of the measured phase. */
  void start() {
    atStart = byGroup();
    processAtStart = processNanos();
    nativeAtStart = JvmThreadsCpu.byKind();
  }

  /** Called by a thread that was started inside the measured phase, just before it ends. */
  void threadEnds(String group) {
    finished.computeIfAbsent(group, g -> new LongAdder()).add(Math.max(0, threads.getCurrentThreadCpuTime()));
  }

  /**
   * Nanoseconds per group since {@link #start()}, plus {@code total} and the JVM's own threads:
   * {@code jit} and {@code gc} (read from /proc on Linux) and {@code other}, or {@code gc+jit+other}
   * where /proc is not there.
   */
  Map<String, Long> since() {
    Map<String, Long> now = byGroup();
    Map<String, Long> out = new TreeMap<>();
    now.forEach((group, nanos) -> out.put(group, nanos - atStart.getOrDefault(group, 0L)));
    finished.forEach((group, nanos) -> out.merge(group, nanos.sum(), Long::sum));
    out.values().removeIf(v -> v <= 0);
    long threadsTotal = out.values().stream().mapToLong(Long::longValue).sum();
    long process = processNanos() - processAtStart;
    Map<String, Long> result = new LinkedHashMap<>();
    result.put("total", process);
    result.putAll(out);
    long rest = Math.max(0, process - threadsTotal);
    Map<String, Long> jvm = JvmThreadsCpu.byKind();
    if (jvm.isEmpty()) {
      result.put("gc+jit+other", rest);
      return result;
    }
    long split = 0;
    for (Map.Entry<String, Long> e : jvm.entrySet()) {
      long nanos = Math.min(rest - split, Math.max(0, e.getValue() - nativeAtStart.getOrDefault(e.getKey(), 0L)));
      result.put(e.getKey(), nanos);
      split += nanos;
    }
    result.put("other", rest - split);
    return result;
  }

  private Map<String, Long> byGroup() {
    Map<String, Long> out = new TreeMap<>();
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      long cpu = threads.getThreadCpuTime(info.getThreadId());
      if (cpu > 0 && !finished.containsKey(group(info.getThreadName()))) { // those report when they end
        out.merge(group(info.getThreadName()), cpu, Long::sum);
      }
    }
    return out;
  }

  /** A thread's name without its trailing number: {@code capstan-exec-3} → {@code capstan-exec}. */
  static String group(String name) {
    String g = name.replaceAll("[-#]?\\d+$", "");
    return g.isEmpty() ? name : g;
  }

  private static long processNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }
}
