package io.capstan.plugins.node.simulated;

import io.capstan.spi.node.LogLine;
import io.capstan.spi.node.LogOptions;
import io.capstan.spi.node.ContainerRuntimeException;
import java.util.ArrayList;
import java.util.Collection;
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

  /** The previous instance of a container: same sandbox and name, the highest earlier attempt. */
  static SimulatedContainer previous(Collection<SimulatedContainer> containers, SimulatedContainer current) {
    SimulatedContainer best = null;
    for (SimulatedContainer c : containers) {
      if (c.sandboxId.equals(current.sandboxId) && c.config.name().equals(current.config.name())
          && c.config.attempt() < current.config.attempt() && (best == null || c.config.attempt() > best.config.attempt())) {
        best = c;
      }
    }
    if (best == null) {
      throw new ContainerRuntimeException("previous terminated container \"" + current.config.name()
          + "\" in pod " + current.podDescription + " not found");
    }
    return best;
  }
}
