package io.capstan.plugins.node.simulated;

import io.capstan.spi.node.LogLine;
import io.capstan.spi.node.LogOptions;
import java.util.ArrayList;
import java.util.List;

/** Applies {@code since} and {@code tailLines} to a container's lines, as kubectl asks. */
final class SimulatedLogs {

  private SimulatedLogs() {}

  static List<LogLine> select(List<LogLine> lines, LogOptions options) {
    List<LogLine> out = new ArrayList<>();
    for (LogLine line : lines) {
      if (options.since().isEmpty() || !line.time().isBefore(options.since().get())) {
        out.add(line);
      }
    }
    if (options.tailLines().isPresent() && out.size() > options.tailLines().getAsInt()) {
      return new ArrayList<>(out.subList(out.size() - options.tailLines().getAsInt(), out.size()));
    }
    return out;
  }
}
