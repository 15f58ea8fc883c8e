package io.capstan.plugins.node.process;

import io.capstan.spi.node.ContainerRuntimeException;
import io.capstan.spi.node.LogLine;
import io.capstan.spi.node.LogOptions;
import io.capstan.spi.node.LogSink;
import io.capstan.spi.node.LogSubscription;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code readLogs}: reads a container instance's CRI log files back (the current instance,
 * or with {@code previous} the latest earlier attempt of the same container name in the pod),
 * applies {@code since} then {@code tailLines}, and for a follow hands the rest to the container.
 */
final class ProcessLogs {

  private static final Logger LOG = LoggerFactory.getLogger(ProcessLogs.class);
  private static final LogSubscription DONE = () -> {};

  private final int maxFiles;

  ProcessLogs(int maxFiles) {
    this.maxFiles = maxFiles;
  }

  LogSubscription read(ProcessContainer c, LogOptions options, LogSink sink) {
    if (options.previous()) {
      Path file = previousLog(c);
      deliver(select(readFile(c, file), options), sink);
      return DONE;
    }
    if (!options.follow()) {
      deliver(select(readFile(c, c.logFile()), options), sink);
      return DONE;
    }
    synchronized (c) {
      // under the container's lock: no line can be written between this read and the follow
      return c.follow(select(readFile(c, c.logFile()), options), sink);
    }
  }

  private static void deliver(List<LogLine> lines, LogSink sink) {
    lines.forEach(sink::line);
    sink.end();
  }

  private static List<LogLine> select(List<LogLine> lines, LogOptions options) {
    List<LogLine> selected = options.since().isEmpty() ? lines
        : lines.stream().filter(l -> !l.time().isBefore(options.since().get())).toList();
    if (options.tailLines().isPresent() && selected.size() > options.tailLines().getAsInt()) {
      selected = selected.subList(selected.size() - options.tailLines().getAsInt(), selected.size());
    }
    return selected;
  }

  private List<LogLine> readFile(ProcessContainer c, Path file) {
    try {
      return CriLogFormat.readAll(file, maxFiles);
    } catch (IOException e) {
      throw new ContainerRuntimeException("container " + c.id + ": cannot read its log " + file + ": " + e, e);
    }
  }

  /** The log of the latest attempt before this one that left a log file. */
  private static Path previousLog(ProcessContainer c) {
    for (int attempt = c.config.attempt() - 1; attempt >= 0; attempt--) {
      Path file = CriLogWriter.fileOf(c.containerDir, attempt);
      if (Files.exists(file)) {
        return file;
      }
    }
    throw new ContainerRuntimeException("container " + c.id + " (" + c.config.name() + ", attempt "
        + c.config.attempt() + "): previous terminated container not found");
  }

  /** Deletes a directory tree, logging (not throwing) what could not be deleted. */
  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("Could not delete {}: {}", dir, e.toString());
    }
  }
}
