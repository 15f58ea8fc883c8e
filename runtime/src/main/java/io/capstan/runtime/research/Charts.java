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
}
