package io.capstan.runtime.research;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The comparison chart of the paper's Fig. 9(a): unallocated GPU % against arrived GPU % (75–130 %),
 * one line per policy at the median over seeds with the 25–75 % band. Rendered headless with
 * JFreeChart.
 */
final class Charts {

  private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
      new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};
  static final int FROM = 75;

  private Charts() {}

  static void comparison(Simulation.Outcome o, Path png) throws IOException {
    System.setProperty("java.awt.headless", "true");
    Map<String, List<double[]>> byPolicy = new LinkedHashMap<>();
    for (FillRun.Result r : o.results()) {
      byPolicy.computeIfAbsent(r.policy(), k -> new ArrayList<>()).add(Metrics.unallocatedByArrival(r));
    }
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    for (Map.Entry<String, List<double[]>> e : byPolicy.entrySet()) {
      YIntervalSeries s = new YIntervalSeries(e.getKey());
      for (int k = FROM; k <= Metrics.MAX_ARRIVAL; k++) {
        int kk = k;
        double[] st = Metrics.stats(e.getValue().stream().mapToDouble(u -> u[kk]).toArray());
        if (!Double.isNaN(st[2])) {
          s.add(k, st[2], st[3], st[4]);
        }
      }
      data.addSeries(s);
    }
    DeviationRenderer renderer = new DeviationRenderer(true, false);
    for (int i = 0; i < data.getSeriesCount(); i++) {
      Color c = COLORS[i % COLORS.length];
      renderer.setSeriesPaint(i, c);
      renderer.setSeriesFillPaint(i, c);
      renderer.setSeriesStroke(i, new BasicStroke(2f));
    }
    renderer.setAlpha(0.25f);
    NumberAxis x = new NumberAxis("Arrived GPU requests (% of cluster GPU capacity)");
    x.setRange(FROM, Metrics.MAX_ARRIVAL);
    NumberAxis y = new NumberAxis("Unallocated GPU (%)");
    y.setAutoRangeIncludesZero(true);
    XYPlot plot = new XYPlot(data, x, y, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    JFreeChart chart = new JFreeChart("Unallocated GPU vs arrived workload (median, 25-75% band over seeds)",
        JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    ChartUtils.saveChartAsPNG(png.toFile(), chart, 1000, 600);
  }

  /**
   * A timed replay's timeline: allocated GPU % of cluster capacity against days, one line per policy
   * (median over seeds at each trace instant; every run has the same instants), and the arrived GPU %.
   */
  static void timeline(Simulation.Outcome o, Path png) throws IOException {
    System.setProperty("java.awt.headless", "true");
    Map<String, List<TimedRun.Result>> byPolicy = new LinkedHashMap<>();
    for (TimedRun.Result r : o.timed()) {
      byPolicy.computeIfAbsent(r.policy(), k -> new ArrayList<>()).add(r);
    }
    org.jfree.data.xy.XYSeriesCollection data = new org.jfree.data.xy.XYSeriesCollection();
    boolean arrivedDrawn = false;
    for (Map.Entry<String, List<TimedRun.Result>> e : byPolicy.entrySet()) {
      List<TimedRun.Result> runs = e.getValue();
      int n = runs.get(0).samples().size();
      int step = Math.max(1, n / 2000);
      double cap = runs.get(0).clusterGpuMilli();
      if (!arrivedDrawn) {
        org.jfree.data.xy.XYSeries arrived = new org.jfree.data.xy.XYSeries("arrived (requested by live pods)");
        for (int i = 0; i < n; i += step) {
          TimedRun.Sample x = runs.get(0).samples().get(i);
          arrived.add(x.second() / 86400.0, x.arrivedMilli() / cap * 100);
        }
        data.addSeries(arrived);
        arrivedDrawn = true;
      }
      org.jfree.data.xy.XYSeries s = new org.jfree.data.xy.XYSeries(e.getKey() + " allocated");
      for (int i = 0; i < n; i += step) {
        int ii = i;
        double[] st = Metrics.stats(runs.stream().mapToDouble(r -> r.samples().get(ii).allocatedMilli() / cap * 100)
            .toArray());
        s.add(runs.get(0).samples().get(i).second() / 86400.0, st[2]);
      }
      data.addSeries(s);
    }
    org.jfree.chart.renderer.xy.XYLineAndShapeRenderer renderer =
        new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer(true, false);
    for (int i = 0; i < data.getSeriesCount(); i++) {
      renderer.setSeriesPaint(i, i == 0 ? Color.GRAY : COLORS[(i - 1) % COLORS.length]);
      renderer.setSeriesStroke(i, new BasicStroke(i == 0 ? 1f : 1.5f));
    }
    NumberAxis x = new NumberAxis("Virtual time (days from the start of the trace)");
    NumberAxis y = new NumberAxis("GPU (% of cluster capacity)");
    XYPlot plot = new XYPlot(data, x, y, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    JFreeChart chart = new JFreeChart("GPU allocated over time (median over seeds)", JFreeChart.DEFAULT_TITLE_FONT,
        plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    ChartUtils.saveChartAsPNG(png.toFile(), chart, 1000, 600);
  }
}
