package io.capstan.runtime.research;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** A one-line terminal progress bar over all pods of all runs, redrawn at most every 200 ms. */
final class ProgressBar implements Simulation.Progress {

  private final PrintWriter out;
  private final boolean enabled;
  private final AtomicLong done = new AtomicLong();
  private final AtomicInteger runsDone = new AtomicInteger();
  private volatile long total = 1;
  private volatile int runs;
  private volatile long lastDraw;
  private final long started = System.nanoTime();

  ProgressBar(PrintWriter out, boolean enabled) {
    this.out = out;
    this.enabled = enabled;
  }

  @Override
  public void start(long totalPods, int runCount) {
    total = Math.max(1, totalPods);
    runs = runCount;
    draw(true);
  }

  @Override
  public void advance(long pods) {
    done.addAndGet(pods);
    draw(false);
  }

  @Override
  public void runDone() {
    runsDone.incrementAndGet();
    draw(true);
  }

  void finish() {
    if (enabled) {
      draw(true);
      synchronized (out) {
        out.println();
        out.flush();
      }
    }
  }

  private void draw(boolean force) {
    if (!enabled) {
      return;
    }
    long now = System.nanoTime();
    if (!force && now - lastDraw < 200_000_000L) {
      return;
    }
    lastDraw = now;
    double f = Math.min(1, done.get() / (double) total);
    int width = 40;
    int filled = (int) (f * width);
    String line = String.format("\r[%s%s] %5.1f%%  %d/%d runs  %,d/%,d pods  %.0f s", "#".repeat(filled),
        " ".repeat(width - filled), f * 100, runsDone.get(), runs, done.get(), total, (now - started) / 1e9);
    synchronized (out) {
      out.print(line);
      out.flush();
    }
  }
}
