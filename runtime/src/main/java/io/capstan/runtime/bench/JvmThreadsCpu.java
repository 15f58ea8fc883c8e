package io.capstan.runtime.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of the JVM's own threads — the JIT compilers and the garbage collector — which the
 * management beans do not report, read from {@code /proc/self/task} (Linux). The JIT's share is a
 * start-up cost that a long-running control plane pays once, so benchmarks report it apart.
 */
final class JvmThreadsCpu {

  private static final Path TASKS = Path.of("/proc/self/task");
  /** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux). */
  private static final long NANOS_PER_TICK = 10_000_000L;

  private JvmThreadsCpu() {}

  /** {@code jit} and {@code gc} CPU nanoseconds so far; empty when /proc cannot be read. */
  static Map<String, Long> byKind() {
    if (!Files.isDirectory(TASKS)) {
      return Map.of();
    }
    long jit = 0;
    long gc = 0;
    try (Stream<Path> tasks = Files.list(TASKS)) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        String name;
        String stat;
        try {
          name = Files.readString(task.resolve("comm")).trim();
          stat = Files.readString(task.resolve("stat"));
        } catch (IOException e) {
          continue; // the thread ended while we looked
        }
        long ticks = ticks(stat);
        if (name.contains("CompilerThre")) {
          jit += ticks;
        } else if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread")) {
          gc += ticks;
        }
      }
    } catch (IOException | RuntimeException e) {
      return Map.of();
    }
    Map<String, Long> out = new LinkedHashMap<>();
    out.put("jit", jit * NANOS_PER_TICK);
    out.put("gc", gc * NANOS_PER_TICK);
    return out;
  }

  /** utime + stime of a {@code /proc/.../stat} line (fields 14 and 15; the name may hold spaces). */
  static long ticks(String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }
}
