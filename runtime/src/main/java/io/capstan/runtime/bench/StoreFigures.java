package io.capstan.runtime.bench;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The store bench's figures over several rounds: per plugin and metric one value per round, in
 * round order. Reported as the median per figure and, against the anchor, the median of the ratios
 * of each round (a ratio of two figures measured moments apart, so a slow disk in one round moves
 * both sides of it).
 */
final class StoreFigures {

  private final String anchor;
  private final Map<String, Map<String, List<Double>>> values = new LinkedHashMap<>();
  private final Map<String, String> units = new LinkedHashMap<>();

  StoreFigures(String anchor) {
    this.anchor = requireNonNull(anchor, "anchor");
  }

  void add(String plugin, String metric, String unit, double value) {
    values.computeIfAbsent(plugin, p -> new LinkedHashMap<>()).computeIfAbsent(metric, m -> new ArrayList<>()).add(value);
    units.put(metric, unit);
  }

  /** Adds the median of every figure, with the median per-round ratio to the anchor's. */
  void addTo(BenchReport report) {
    values.forEach((plugin, metrics) -> metrics.forEach((metric, rounds) -> {
      Metric m = Metric.of(plugin + "." + metric, median(rounds), units.get(metric));
      List<Double> ratios = ratios(plugin, metric);
      if (!ratios.isEmpty()) {
        m = new Metric(m.name(), m.value(), m.unit(), Optional.of(anchor), Optional.of(median(ratios)));
      }
      report.add(m);
    }));
  }

  /** One line per plugin with its per-round ratios for {@code metric}, for the report's notes. */
  List<String> roundRatios(String metric) {
    List<String> lines = new ArrayList<>();
    for (String plugin : values.keySet()) {
      List<Double> ratios = ratios(plugin, metric);
      if (!ratios.isEmpty()) {
        lines.add(plugin + "." + metric + " per round: " + ratios.stream()
            .map(r -> String.format(Locale.ROOT, "%.2fx", r)).collect(Collectors.joining(" ")) + " " + anchor);
      }
    }
    return lines;
  }

  private List<Double> ratios(String plugin, String metric) {
    List<Double> mine = values.get(plugin).get(metric);
    List<Double> theirs = values.getOrDefault(anchor, Map.of()).get(metric);
    List<Double> ratios = new ArrayList<>();
    if (plugin.equals(anchor) || theirs == null) {
      return ratios;
    }
    for (int r = 0; r < Math.min(mine.size(), theirs.size()); r++) {
      if (theirs.get(r) != 0 && !Double.isNaN(theirs.get(r))) {
        ratios.add(mine.get(r) / theirs.get(r));
      }
    }
    return ratios;
  }

  /** The median (the mean of the middle two for an even count); NaN when empty. */
  static double median(Collection<Double> of) {
    if (of.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = of.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
