package io.capstan.runtime.apiserver.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * The API server's metrics in Prometheus format ({@code /metrics}): requests by verb, resource and
 * code with latency histograms, open watches, store call latency, and the JVM's own figures.
 */
public final class ApiMetrics {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  public ApiMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
  }

  /** One finished request. */
  public void request(String verb, String resource, int code, long nanos) {
    Timer.builder("apiserver.request")
        .description("API requests by verb, resource and response code")
        .tag("verb", verb).tag("resource", resource.isEmpty() ? "-" : resource).tag("code", Integer.toString(code))
        .publishPercentileHistogram()
        .register(registry)
        .record(Duration.ofNanos(nanos));
  }

  /** One store call, by operation ({@code range}, {@code txn}, ...). */
  public void store(String operation, long nanos) {
    // looked up once per operation: building and registering a timer on every store call cost more than the call's
    // own bookkeeping on the write path
    storeTimers.computeIfAbsent(operation, op -> Timer.builder("apiserver.store.request")
        .description("Store calls made by the API server")
        .tag("operation", op)
        .publishPercentileHistogram()
        .register(registry))
        .record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  private final java.util.Map<String, Timer> storeTimers = new java.util.concurrent.ConcurrentHashMap<>();

  /** Reports the number of open watches from {@code watchers} on every scrape. */
  public void watchers(IntSupplier watchers) {
    Gauge.builder("apiserver.watchers", watchers::getAsInt).description("Open watches across every kind").register(registry);
  }

  /** The Prometheus text exposition of every metric. */
  public String scrape() {
    return registry.scrape();
  }
}
