package io.capstan.runtime.research;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** One self-contained HTML page: the comparison chart inlined as a data URI and the mean ± sd table. */
final class Html {

  private Html() {}

  @SuppressWarnings("unchecked")
  static void write(Simulation.Outcome o, Map<String, Object> summary, Path png, Path html) throws IOException {
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>capstan sim report</title><style>")
        .append("body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}")
        .append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}th{background:#f4f4f4}</style></head><body>\n")
        .append("<h1>Unallocated GPU vs arrived workload</h1>\n<p>")
        .append(esc(o.spec().pods().getFileName() + " on " + o.spec().nodes().getFileName() + ", tune "
            + o.spec().tune() + ", seeds " + o.spec().seeds() + ", Capstan " + summary.get("capstanVersion")))
        .append("</p>\n<img alt=\"comparison chart\" src=\"data:image/png;base64,")
        .append(Base64.getEncoder().encodeToString(Files.readAllBytes(png))).append("\">\n")
        .append("<h2>Unallocated GPU % (mean ± sd over seeds) at arrived GPU %</h2>\n<table><tr><th>policy</th>");
    for (int k : Reports.TABLE_POINTS) {
      b.append("<th>").append(k).append(" %</th>");
    }
    b.append("</tr>\n");
    Map<String, Object> agg = (Map<String, Object>) summary.get("aggregate");
    for (Map.Entry<String, Object> e : agg.entrySet()) {
      Map<String, Object> perK = (Map<String, Object>) ((Map<String, Object>) e.getValue()).get("unallocatedGpuPct");
      b.append("<tr><th>").append(esc(e.getKey())).append("</th>");
      for (int k : Reports.TABLE_POINTS) {
        Map<String, Object> st = (Map<String, Object>) perK.get(String.valueOf(k));
        b.append("<td>").append(fmt(st.get("mean"))).append(" ± ").append(fmt(st.get("sd"))).append("</td>");
      }
      b.append("</tr>\n");
    }
    b.append("</table>\n<p>Inputs: ");
    Map<String, Object> inputs = (Map<String, Object>) summary.get("inputs");
    for (String k : List.of("nodes", "pods")) {
      Map<String, Object> f = (Map<String, Object>) inputs.get(k);
      b.append(esc(f.get("file") + " sha256 " + f.get("sha256"))).append("<br>");
    }
    b.append("Full details in summary.json.</p>\n</body></html>\n");
    Files.writeString(html, b);
  }

  /** The page of a timed replay: the timeline inlined and the per-policy mean ± sd of the run metrics. */
  @SuppressWarnings("unchecked")
  static void writeTimed(Simulation.Outcome o, Map<String, Object> summary, Path png, Path html) throws IOException {
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>capstan sim report</title><style>")
        .append("body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}")
        .append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}th{background:#f4f4f4}</style></head><body>\n")
        .append("<h1>Timed replay: GPU allocated over time</h1>\n<p>")
        .append(esc(o.spec().pods().getFileName() + " on " + o.spec().nodes().getFileName() + ", seeds "
            + o.spec().seeds() + ", Capstan " + summary.get("capstanVersion")))
        .append("</p>\n<img alt=\"timeline chart\" src=\"data:image/png;base64,")
        .append(Base64.getEncoder().encodeToString(Files.readAllBytes(png))).append("\">\n")
        .append("<h2>Mean ± sd over seeds</h2>\n<table><tr><th>policy</th>");
    for (String k : TimedReports.METRICS) {
      b.append("<th>").append(esc(k)).append("</th>");
    }
    b.append("</tr>\n");
    Map<String, Object> agg = (Map<String, Object>) summary.get("aggregate");
    for (Map.Entry<String, Object> e : agg.entrySet()) {
      b.append("<tr><th>").append(esc(e.getKey())).append("</th>");
      for (String k : TimedReports.METRICS) {
        Map<String, Object> st = (Map<String, Object>) ((Map<String, Object>) e.getValue()).get(k);
        b.append("<td>").append(fmt(st.get("mean"))).append(" ± ").append(fmt(st.get("sd"))).append("</td>");
      }
      b.append("</tr>\n");
    }
    b.append("</table>\n<p>Full details in summary.json.</p>\n</body></html>\n");
    Files.writeString(html, b);
  }

  private static String fmt(Object v) {
    return v == null ? "–" : String.format(java.util.Locale.ROOT, "%.2f", ((Number) v).doubleValue());
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
