package io.capstan.runtime.bench;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One measured figure: a stable name (documented in the module README), its value and unit, and,
 * when a peer was measured in the same run, what it is compared with and the ratio
 * value / anchor's value.
 */
public record Metric(String name, double value, String unit, Optional<String> anchor, Optional<Double> ratio) {

  public Metric {
    requireNonNull(name, "name");
    requireNonNull(unit, "unit");
    requireNonNull(anchor, "anchor");
    requireNonNull(ratio, "ratio");
  }

  public static Metric of(String name, double value, String unit) {
    return new Metric(name, value, unit, Optional.empty(), Optional.empty());
  }

  /** This metric compared with the same measurement of {@code anchorName}. */
  public Metric comparedWith(String anchorName, double anchorValue) {
    Optional<Double> r = anchorValue == 0 || Double.isNaN(anchorValue) ? Optional.empty() : Optional.of(value / anchorValue);
    return new Metric(name, value, unit, Optional.of(anchorName), r);
  }
}
