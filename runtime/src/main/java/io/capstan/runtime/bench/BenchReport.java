package io.capstan.runtime.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The result of one {@code capstan bench} run, printed as a table for people or as one JSON object
 * for machines, in the shape CONVENTIONS.md fixes:
 * {@code {"bench": name, "machine": {"cores": n, "java": "..."}, "metrics": {name: {"value", "unit", "anchor", "ratio"}}}}.
 */
public final class BenchReport {

  private final String bench;
  private final List<Metric> metrics = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  public BenchReport(String bench) {
    this.bench = bench;
  }

  public synchronized void add(Metric metric) {
    metrics.add(metric);
  }

  public synchronized void note(String note) {
    notes.add(note);
  }

  public synchronized List<Metric> metrics() {
    return List.copyOf(metrics);
  }

  /** One JSON object for machines, or a table for people. */
  public void print(PrintWriter out, boolean json) {
    if (json) {
      printJson(out);
    } else {
      printTable(out);
    }
  }

  public synchronized void printTable(PrintWriter out) {
    int width = metrics.stream().mapToInt(m -> m.name().length()).max().orElse(10);
    out.printf(Locale.ROOT, "%-" + width + "s  %14s  %-8s  %s%n", "METRIC", "VALUE", "UNIT", "VS ANCHOR");
    for (Metric m : metrics) {
      String versus = m.anchor().map(a -> m.ratio().map(r -> String.format(Locale.ROOT, "%.2fx %s", r, a)).orElse("- " + a)).orElse("");
      out.printf(Locale.ROOT, "%-" + width + "s  %14s  %-8s  %s%n", m.name(), format(m.value()), m.unit(), versus);
    }
    notes.forEach(n -> out.println("note: " + n));
    out.flush();
  }

  public synchronized void printJson(PrintWriter out) {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("bench", bench);
    ObjectNode machine = root.putObject("machine");
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    machine.put("java", Runtime.version().toString());
    ObjectNode all = root.putObject("metrics");
    for (Metric m : metrics) {
      ObjectNode node = all.putObject(m.name());
      node.put("value", m.value());
      node.put("unit", m.unit());
      m.anchor().ifPresent(a -> node.put("anchor", a));
      m.ratio().ifPresent(r -> node.put("ratio", r));
    }
    if (!notes.isEmpty()) {
      notes.forEach(root.putArray("notes")::add);
    }
    out.println(root.toPrettyString());
    out.flush();
  }

  private static String format(double v) {
    return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.3f", v);
  }
}
