package io.capstan.runtime.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;

/**
 * How busy the machine is, measured in the same run as the stores: the median of many 4 KiB
 * overwrites each followed by {@code fdatasync} ({@link FileChannel#force(boolean) force(false)})
 * from one thread, and the load average. On an idle machine the sync is the disk's cost of one
 * durable write (0.2-0.35 ms on the 2-vCPU reference machine); on a busy one it also holds the
 * wait for a CPU after the sync returns, which a lone thread pays in full, so it says how loaded
 * disk and CPUs were rather than bounding what a store with many writers can do.
 */
final class StoreDiskProbe {

  private static final int PAGE = 4096;
  private static final int PAGES = 64;

  private StoreDiskProbe() {}

  /** Median milliseconds of {@code syncs} overwrite-and-fdatasync rounds in {@code dir}. */
  static double syncMillis(Path dir, int syncs) throws IOException {
    Path file = Files.createTempFile(dir, "sync-probe", ".bin");
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ByteBuffer page = ByteBuffer.allocateDirect(PAGE);
      // written and synced first, so the probe overwrites allocated blocks (as a recycled log does)
      for (int p = 0; p < PAGES; p++) {
        page.clear();
        channel.write(page, (long) p * PAGE);
      }
      channel.force(true);
      long[] nanos = new long[syncs];
      for (int i = 0; i < syncs; i++) {
        page.clear();
        page.putLong(0, i);
        long began = System.nanoTime();
        channel.write(page, (long) (i % PAGES) * PAGE);
        channel.force(false);
        nanos[i] = System.nanoTime() - began;
      }
      Arrays.sort(nanos);
      return nanos[syncs / 2] / 1e6;
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** The 1-minute load average from {@code /proc/loadavg}, where there is one. */
  static Optional<Double> loadAverage() {
    try {
      String line = Files.readString(Path.of("/proc/loadavg")).trim();
      return Optional.of(Double.parseDouble(line.split("\\s+")[0]));
    } catch (IOException | RuntimeException unavailable) {
      return Optional.empty();
    }
  }
}
