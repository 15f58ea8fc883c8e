package io.capstan.plugins.node.simulated;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.plugin.DurationDeserializer;
import java.time.Duration;

/**
 * A simulated probe's answer as a function of the time since the container started:
 * {@code success}, {@code fail}, {@code fail-after=30s} (succeeds, then fails from 30 s on) or
 * {@code succeed-after=10s} (fails for the first 10 s).
 *
 * @param succeedsAtFirst the answer before {@code switchAfter}
 * @param switchAfter when the answer flips; empty for never
 */
record ProbeScript(boolean succeedsAtFirst, java.util.Optional<Duration> switchAfter) {

  static final ProbeScript SUCCESS = new ProbeScript(true, java.util.Optional.empty());

  ProbeScript {
    requireNonNull(switchAfter, "switchAfter");
  }

  /** @throws IllegalArgumentException naming the accepted forms */
  static ProbeScript parse(String text) {
    String s = requireNonNull(text, "text").trim();
    if (s.equals("success") || s.equals("succeed") || s.isEmpty()) {
      return SUCCESS;
    }
    if (s.equals("fail") || s.equals("failure")) {
      return new ProbeScript(false, java.util.Optional.empty());
    }
    try {
      if (s.startsWith("fail-after=")) {
        return new ProbeScript(true, java.util.Optional.of(DurationDeserializer.parse(s.substring(11))));
      }
      if (s.startsWith("succeed-after=")) {
        return new ProbeScript(false, java.util.Optional.of(DurationDeserializer.parse(s.substring(14))));
      }
    } catch (IllegalArgumentException e) {
      // fall through to the message below
    }
    throw new IllegalArgumentException("probe result '" + s
        + "' is not one of: success, fail, fail-after=<duration>, succeed-after=<duration> (e.g. fail-after=30s)");
  }

  /** The answer {@code sinceStart} after the container started. */
  boolean result(Duration sinceStart) {
    boolean switched = switchAfter.isPresent() && sinceStart.compareTo(switchAfter.get()) >= 0;
    return switched != succeedsAtFirst;
  }
}
