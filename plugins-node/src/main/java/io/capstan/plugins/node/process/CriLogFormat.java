package io.capstan.plugins.node.process;

import io.capstan.spi.node.LogLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The CRI container log format, written by {@link CriLogWriter} and read back here: one record per
 * line, {@code <RFC 3339 time with nanoseconds> <stdout|stderr> <F|P> <text>}; consecutive
 * {@code P} records of one stream are joined with the following {@code F} record into one line.
 */
final class CriLogFormat {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private CriLogFormat() {}

  static String format(Instant time) {
    return TIME.format(time);
  }

  static String streamName(LogLine.Stream stream) {
    return stream == LogLine.Stream.STDOUT ? "stdout" : "stderr";
  }

  /**
   * Every line of one container instance, oldest first: the rotated files
   * ({@code <attempt>.log.<n>}, highest first) then the current one. Malformed records are skipped.
   */
  static List<LogLine> readAll(Path logFile, int maxFiles) throws IOException {
    List<LogLine> lines = new ArrayList<>();
    StringBuilder[] partial = {new StringBuilder(), new StringBuilder()};
    for (int i = maxFiles - 1; i >= 0; i--) {
      Path file = i == 0 ? logFile : logFile.resolveSibling(logFile.getFileName() + "." + i);
      if (!Files.exists(file)) {
        continue;
      }
      try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        for (String record = reader.readLine(); record != null; record = reader.readLine()) {
          parse(record, partial, lines);
        }
      }
    }
    return lines;
  }

  private static void parse(String record, StringBuilder[] partial, List<LogLine> into) {
    int s1 = record.indexOf(' ');
    int s2 = s1 < 0 ? -1 : record.indexOf(' ', s1 + 1);
    int s3 = s2 < 0 ? -1 : record.indexOf(' ', s2 + 1);
    if (s3 < 0) {
      return;
    }
    Instant time;
    try {
      time = Instant.parse(record.substring(0, s1));
    } catch (DateTimeParseException e) {
      return;
    }
    String streamText = record.substring(s1 + 1, s2);
    LogLine.Stream stream;
    if (streamText.equals("stdout")) {
      stream = LogLine.Stream.STDOUT;
    } else if (streamText.equals("stderr")) {
      stream = LogLine.Stream.STDERR;
    } else {
      return;
    }
    StringBuilder buffer = partial[stream.ordinal()];
    buffer.append(record, s3 + 1, record.length());
    if (record.substring(s2 + 1, s3).equals("F")) {
      into.add(new LogLine(time, stream, buffer.toString()));
      buffer.setLength(0);
    }
  }
}
