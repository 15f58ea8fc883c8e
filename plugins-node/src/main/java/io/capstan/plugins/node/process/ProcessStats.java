package io.capstan.plugins.node.process;

import io.capstan.spi.node.ContainerStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A container's usage read from Linux's {@code /proc}: CPU time ({@code utime + stime} of
 * {@code /proc/PID/stat}) and resident memory ({@code /proc/PID/statm}) of the main process and
 * its live descendants, as the kubelet reads a container's cgroup. Elsewhere than Linux, or once
 * the process is gone, nothing is reported.
 */
final class ProcessStats {

  /** USER_HZ: the unit of {@code utime}/{@code stime}; 100 on every Linux architecture Java runs on. */
  private static final long TICK_NANOS = 10_000_000L;
  /** The page size of {@code statm}; 4 KiB on x86-64 and most arm64 kernels. */
  private static final long PAGE_BYTES = 4096;

  private ProcessStats() {}

  static Optional<ContainerStats> of(String containerId, ProcessHandle main, Instant now) {
    if (!main.isAlive()) {
      return Optional.empty();
    }
    List<ProcessHandle> all = new ArrayList<>();
    all.add(main);
    main.descendants().forEach(all::add);
    long ticks = 0;
    long pages = 0;
    boolean any = false;
    for (ProcessHandle p : all) {
      try {
        String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
        // the command name (field 2) may hold spaces and parentheses: fields count from the last ')'
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
        String[] statm = Files.readString(Path.of("/proc", Long.toString(p.pid()), "statm")).trim().split(" ");
        pages += Long.parseLong(statm[1]); // resident
        any = true;
      } catch (IOException | RuntimeException gone) {
        // exited between listing and reading, or no /proc here
      }
    }
    return any ? Optional.of(new ContainerStats(containerId, now, ticks * TICK_NANOS, pages * PAGE_BYTES)) : Optional.empty();
  }
}
