package io.capstan.runtime.scheduler.framework;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Time spent per extension point (summed over plugins and, for Filter and Score, over nodes and
 * threads), as {@code scheduler_framework_extension_point_duration_seconds} reports in Kubernetes.
 */
public final class FrameworkMetrics {

  private final Map<ExtensionPoint, LongAdder> nanos = new EnumMap<>(ExtensionPoint.class);
  private final Map<ExtensionPoint, LongAdder> calls = new EnumMap<>(ExtensionPoint.class);

  public FrameworkMetrics() {
    for (ExtensionPoint p : ExtensionPoint.values()) {
      nanos.put(p, new LongAdder());
      calls.put(p, new LongAdder());
    }
  }

  public void record(ExtensionPoint point, long elapsedNanos) {
    nanos.get(point).add(elapsedNanos);
    calls.get(point).increment();
  }

  /** Total nanoseconds per extension point that was used at least once, in execution order. */
  public Map<ExtensionPoint, Long> totalNanos() {
    Map<ExtensionPoint, Long> out = new LinkedHashMap<>();
    nanos.forEach((p, n) -> {
      if (calls.get(p).sum() > 0) {
        out.put(p, n.sum());
      }
    });
    return out;
  }

  public void reset() {
    nanos.values().forEach(LongAdder::reset);
    calls.values().forEach(LongAdder::reset);
  }
}
