package io.capstan.tck.node;

import io.capstan.spi.node.LogLine;
import io.capstan.spi.node.LogSink;
import java.util.ArrayList;
import java.util.List;

/** Collects the lines a runtime delivers and whether {@link #end()} came. */
public final class CollectingLogSink implements LogSink {

  private final List<LogLine> lines = new ArrayList<>();
  private int ends;

  @Override
  public synchronized void line(LogLine line) {
    lines.add(line);
  }

  @Override
  public synchronized void end() {
    ends++;
  }

  public synchronized List<String> texts() {
    return lines.stream().map(LogLine::text).toList();
  }

  public synchronized List<LogLine> lines() {
    return List.copyOf(lines);
  }

  public synchronized boolean ended() {
    return ends > 0;
  }

  public synchronized int ends() {
    return ends;
  }
}
