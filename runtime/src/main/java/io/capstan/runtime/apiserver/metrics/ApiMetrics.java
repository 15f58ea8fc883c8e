package io.capstan.runtime.apiserver.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The API server's metrics in Prometheus format ({@code /metrics}): requests by verb, resource and
 * code with latency histograms, open watches, store call latency, and the JVM's own figures.
 */
public final class ApiMetrics {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  /**
   * Timers already registered, by their tags: building and registering a timer on every request
   * (a registry lookup with a new tag list each time) was a few percent of a request's CPU.
   */
  private final Map<RequestTags, Timer> requestTimers = new ConcurrentHashMap<>();
  private final Map<String, Timer> storeTimers = new ConcurrentHashMap<>();

  private record RequestTags(String verb, String resource, int code) {}

  public ApiMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
  }

  /** One finished request. */
  public void request(String verb, String resource, int code, long nanos) {
    requestTimers.computeIfAbsent(new RequestTags(verb, resource, code), tags -> Timer.builder("apiserver.request")
        .description("API requests by verb, resource and response code")
        .tag("verb", tags.verb()).tag("resource", tags.resource().isEmpty() ? "-" : tags.resource())
        .tag("code", Integer.toString(tags.code()))
        .publishPercentileHistogram()
        .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** One store call, by operation ({@code range}, {@code txn}, ...). */
  public void store(String operation, long nanos) {
    storeTimers.computeIfAbsent(operation, op -> Timer.builder("apiserver.store.request")
        .description("Store calls made by the API server")
        .tag("operation", op)
        .publishPercentileHistogram()
        .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** Reports the number of open watches from {@code watchers} on every scrape. */
  public void watchers(IntSupplier watchers) {
    Gauge.builder("apiserver.watchers", watchers::getAsInt).description("Open watches across every kind").register(registry);
  }

  /** The Prometheus text exposition of every metric. */
  public String scrape() {
    return registry.scrape();
  }
}
