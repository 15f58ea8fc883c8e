package io.capstan.plugins.node.process;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.node.LogLine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one container instance's output to {@code <attempt>.log} in the CRI log format
 * ({@code 2026-01-01T00:00:00.000000000Z stdout F text}), one line per output line, and rotates
 * the file by size as the kubelet does ({@code <attempt>.log.1} is the newest rotated file, at most
 * {@code maxFiles - 1} are kept). A line longer than {@link #MAX_LINE} bytes is written as partial
 * ({@code P}) chunks, as containerd does. Not thread-safe: its container serializes calls.
 */
final class CriLogWriter implements AutoCloseable {

  /** The longest line written as one record; longer output is split into partial records. */
  static final int MAX_LINE = 16 * 1024;

  private final Path file;
  private final long maxBytes;
  private final int maxFiles;
  private final Map<LogLine.Stream, ByteArrayOutputStream> pending = new EnumMap<>(LogLine.Stream.class);
  private OutputStream out;
  private long size;

  CriLogWriter(Path file, long maxBytes, int maxFiles) throws IOException {
    this.file = requireNonNull(file, "file");
    this.maxBytes = maxBytes;
    this.maxFiles = maxFiles;
    Files.createDirectories(file.getParent());
    open();
    for (LogLine.Stream stream : LogLine.Stream.values()) {
      pending.put(stream, new ByteArrayOutputStream());
    }
  }

  /** The log file of one instance of a container. */
  static Path fileOf(Path containerDir, int attempt) {
    return containerDir.resolve(attempt + ".log");
  }

  /** Appends raw output bytes; returns the complete lines they finished, for followers. */
  List<LogLine> append(LogLine.Stream stream, byte[] bytes, int length, Instant now) throws IOException {
    List<LogLine> lines = new ArrayList<>();
    ByteArrayOutputStream buffer = pending.get(stream);
    for (int i = 0; i < length; i++) {
      byte b = bytes[i];
      if (b == '\n') {
        lines.add(emit(stream, buffer, now, "F"));
      } else {
        buffer.write(b);
        if (buffer.size() >= MAX_LINE) {
          write(stream, buffer, now, "P");
        }
      }
    }
    out.flush();
    return lines;
  }

  /** Writes what remains of unterminated lines (the process exited), as full lines. */
  List<LogLine> finish(Instant now) throws IOException {
    List<LogLine> lines = new ArrayList<>();
    for (LogLine.Stream stream : LogLine.Stream.values()) {
      if (pending.get(stream).size() > 0) {
        lines.add(emit(stream, pending.get(stream), now, "F"));
      }
    }
    out.flush();
    return lines;
  }

  private LogLine emit(LogLine.Stream stream, ByteArrayOutputStream buffer, Instant now, String tag)
      throws IOException {
    String text = write(stream, buffer, now, tag);
    return new LogLine(now, stream, text);
  }

  private String write(LogLine.Stream stream, ByteArrayOutputStream buffer, Instant now, String tag)
      throws IOException {
    String text = buffer.toString(StandardCharsets.UTF_8);
    if (text.endsWith("\r")) {
      text = text.substring(0, text.length() - 1);
    }
    buffer.reset();
    byte[] record = (CriLogFormat.format(now) + " " + CriLogFormat.streamName(stream) + " " + tag + " "
        + text + "\n").getBytes(StandardCharsets.UTF_8);
    if (size > 0 && size + record.length > maxBytes) {
      rotate();
    }
    out.write(record);
    size += record.length;
    return text;
  }

  private void rotate() throws IOException {
    out.close();
    Files.deleteIfExists(rotated(maxFiles - 1));
    for (int i = maxFiles - 2; i >= 1; i--) {
      if (Files.exists(rotated(i))) {
        Files.move(rotated(i), rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Files.move(file, rotated(1), StandardCopyOption.REPLACE_EXISTING);
    open();
  }

  private Path rotated(int index) {
    return file.resolveSibling(file.getFileName() + "." + index);
  }

  private void open() throws IOException {
    out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    size = Files.size(file);
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
