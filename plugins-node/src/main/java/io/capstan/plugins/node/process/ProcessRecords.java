package io.capstan.plugins.node.process;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The record of the processes one runtime instance runs, kept so that the next run can find the
 * orphans a crash left behind and kill them (the agent recreates containers, as a kubelet does).
 *
 * <p>Several runtime instances may share one data directory (several process nodes in one JVM, or
 * in several JVMs): each claims a <em>slot</em> {@code <dataDir>/runtimes/<n>/}, the lowest one
 * whose {@code lock} file is not locked by a live runtime, and keeps its records in
 * {@code processes} there, one line per process: {@code pid startMillis sandboxId containerId}.
 * A restart of the same number of runtimes claims the same slots, so each finds its own orphans;
 * a slot whose owner died is taken by the next runtime that starts.
 */
final class ProcessRecords implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ProcessRecords.class);

  /** One recorded process. */
  record Entry(long pid, long startMillis, String sandboxId, String containerId) {
    Entry {
      requireNonNull(sandboxId, "sandboxId");
      requireNonNull(containerId, "containerId");
    }
  }

  private final Path slot;
  private final FileChannel channel;
  private final FileLock lock;

  private ProcessRecords(Path slot, FileChannel channel, FileLock lock) {
    this.slot = slot;
    this.channel = channel;
    this.lock = lock;
  }

  /** Claims the lowest free slot under {@code dataDir}. */
  static ProcessRecords claim(Path dataDir) throws IOException {
    for (int n = 0; ; n++) {
      Path slot = dataDir.resolve("runtimes").resolve(Integer.toString(n));
      Files.createDirectories(slot);
      FileChannel channel = FileChannel.open(slot.resolve("lock"), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock != null) {
        return new ProcessRecords(slot, channel, lock);
      }
      channel.close();
    }
  }

  Path slot() {
    return slot;
  }

  /** The start time of a process as recorded, or 0 when the platform does not tell. */
  static long startMillis(ProcessHandle handle) {
    return handle.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
  }

  /**
   * Kills (SIGKILL, with their descendants) the recorded processes that still run with the same
   * start time, i.e. that were not replaced by an unrelated process reusing the pid.
   *
   * @return the entries that were found alive and killed
   */
  List<Entry> killOrphans() throws IOException {
    List<Entry> killed = new ArrayList<>();
    for (Entry entry : read()) {
      Optional<ProcessHandle> alive = ProcessHandle.of(entry.pid())
          .filter(ProcessHandle::isAlive)
          .filter(h -> startMillis(h) == entry.startMillis());
      if (alive.isPresent()) {
        ProcessHandle handle = alive.get();
        List<ProcessHandle> tree = handle.descendants().toList();
        handle.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        killed.add(entry);
        LOG.warn("Killed orphaned container process pid={} container={} sandbox={} left by a previous run",
            entry.pid(), entry.containerId(), entry.sandboxId());
      }
    }
    write(List.of());
    return killed;
  }

  List<Entry> read() throws IOException {
    Path file = slot.resolve("processes");
    if (!Files.exists(file)) {
      return List.of();
    }
    List<Entry> entries = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String[] parts = line.trim().split(" ");
      if (parts.length == 4) {
        try {
          entries.add(new Entry(Long.parseLong(parts[0]), Long.parseLong(parts[1]), parts[2], parts[3]));
        } catch (NumberFormatException e) {
          LOG.warn("Skipping malformed line '{}' in {}", line, file);
        }
      }
    }
    return entries;
  }

  /** Replaces the record with these entries (atomically: a crash leaves the old or the new one). */
  synchronized void write(Collection<Entry> entries) throws IOException {
    StringBuilder text = new StringBuilder();
    for (Entry e : entries) {
      text.append(e.pid()).append(' ').append(e.startMillis()).append(' ').append(e.sandboxId())
          .append(' ').append(e.containerId()).append('\n');
    }
    Path temp = slot.resolve("processes.tmp");
    Files.writeString(temp, text, StandardCharsets.UTF_8);
    Files.move(temp, slot.resolve("processes"), StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  /** Releases the slot. */
  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
