package io.capstan.spi.node;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A container's resource usage: the CRI's {@code ContainerStats}, reduced to CPU and memory.
 *
 * @param containerId the container
 * @param timestamp when the figures were taken
 * @param cpuUsageCoreNanoSeconds CPU time used since the container started, in core-nanoseconds
 *     (CRI {@code CpuUsage.usage_core_nano_seconds}); a rate follows from two samples
 * @param memoryWorkingSetBytes memory in use that cannot be reclaimed (CRI
 *     {@code MemoryUsage.working_set_bytes}; resident memory for a plain process)
 */
public record ContainerStats(String containerId, Instant timestamp, long cpuUsageCoreNanoSeconds,
    long memoryWorkingSetBytes) {

  public ContainerStats {
    requireNonNull(containerId, "containerId");
    requireNonNull(timestamp, "timestamp");
    if (cpuUsageCoreNanoSeconds < 0 || memoryWorkingSetBytes < 0) {
      throw new IllegalArgumentException("usage must not be negative: cpu " + cpuUsageCoreNanoSeconds
          + " core-ns, memory " + memoryWorkingSetBytes + " bytes");
    }
  }
}
