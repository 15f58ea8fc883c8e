package io.capstan.runtime.bench;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.ListOptions;
import io.capstan.spi.client.ResourceClient;
import io.capstan.spi.client.Watch;
import io.capstan.spi.client.WatchEventType;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The API server benchmark's workloads, run through the client SPI so the same code measures the
 * HTTP client and the in-process one.
 */
final class ApiWorkloads {

  /** The annotation carrying the System.nanoTime() at which a fan-out pod's create was sent. */
  static final String SENT_ANNOTATION = "bench.capstan.io/sent";

  private final ResourceClient<Pod> pods;
  private final String namespace;

  ApiWorkloads(ApiClient client, String namespace) {
    this.pods = requireNonNull(client, "client").resources(Pod.class);
    this.namespace = namespace;
  }

  static Pod pod(String namespace, String name, long sentNanos) {
    return new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace).addToLabels("app", "bench")
        .addToAnnotations(SENT_ANNOTATION, Long.toString(sentNanos)).endMetadata()
        .withNewSpec().addNewContainer().withName("main").withImage("registry.k8s.io/pause:3.9").endContainer().endSpec()
        .build();
  }

  /** Creates {@code total} pods named {@code prefix-N} from {@code clients} threads; returns creates per second. */
  double creates(String prefix, int total, int clients) throws Exception {
    AtomicLong next = new AtomicLong();
    long started = System.nanoTime();
    Clients.run(clients, () -> {
      long i;
      while ((i = next.getAndIncrement()) < total) {
        pods.create(pod(namespace, prefix + "-" + i, 0));
      }
    });
    return total / ((System.nanoTime() - started) / 1e9);
  }

  /**
   * CPU time this process has used, in nanoseconds: clients and server together when both run in
   * this JVM. On a machine shared with other work, CPU per operation moves far less than the rate,
   * which depends on the share of the cores the process gets.
   */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Gets random pods among {@code prefix-0..existing-1}; returns gets per second. */
  double gets(String prefix, int existing, int total, int clients) throws Exception {
    return gets(prefix, existing, total, clients, new long[1]);
  }

  /** {@link #gets(String, int, int, int)}, adding the process CPU nanoseconds it used to {@code cpu[0]}. */
  double gets(String prefix, int existing, int total, int clients, long[] cpu) throws Exception {
    AtomicLong next = new AtomicLong();
    long cpuBefore = processCpuNanos();
    long started = System.nanoTime();
    Clients.run(clients, () -> {
      while (next.getAndIncrement() < total) {
        pods.get(namespace, prefix + "-" + ThreadLocalRandom.current().nextInt(existing)).orElseThrow();
      }
    });
    double seconds = (System.nanoTime() - started) / 1e9;
    cpu[0] += processCpuNanos() - cpuBefore;
    return total / seconds;
  }

  /** Lists the namespace (expected to hold {@code expected} pods); median of 5, in ms. */
  double listMillis(int expected) {
    double[] millis = new double[5];
    for (int r = 0; r < millis.length; r++) {
      long started = System.nanoTime();
      int got = pods.list(ListOptions.inNamespace(namespace)).items().size();
      millis[r] = (System.nanoTime() - started) / 1e6;
      if (got < expected) {
        throw new IllegalStateException("list returned " + got + " pods, expected " + expected);
      }
    }
    Arrays.sort(millis);
    return millis[millis.length / 2];
  }

  /**
   * {@code watchers} watch the namespace through the client while one writer creates
   * {@code creates} pods at {@code perSecond}; latency runs from the start of each create to its
   * ADDED event, decoded, at each watcher's handler. Returns p50 and p99 in ms.
   */
  double[] watchFanOut(int watchers, int creates, int perSecond) throws Exception {
    return percentiles(watchFanOutSamples(watchers, creates, perSecond));
  }

  /** {@link #watchFanOut}'s samples, one recorder per watcher. */
  List<Latencies> watchFanOutSamples(int watchers, int creates, int perSecond) throws Exception {
    return watchFanOutSamples(watchers, creates, perSecond, new long[1]);
  }

  /** {@link #watchFanOutSamples(int, int, int)}, adding the process CPU nanoseconds of the writes and deliveries to {@code cpu[0]}. */
  List<Latencies> watchFanOutSamples(int watchers, int creates, int perSecond, long[] cpu) throws Exception {
    String run = "fanout-" + FAN_OUTS.incrementAndGet();
    String version = pods.list(ListOptions.inNamespace(namespace).withLimit(1)).resourceVersion();
    List<Latencies> recorded = new ArrayList<>();
    List<Watch> watches = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(watchers);
    for (int w = 0; w < watchers; w++) {
      Latencies latencies = new Latencies(creates);
      recorded.add(latencies);
      watches.add(pods.watch(ListOptions.inNamespace(namespace).withResourceVersion(version).withLabelSelector("app=" + run),
          (type, pod) -> {
            if (type == WatchEventType.ADDED) {
              long sent = Long.parseLong(pod.getMetadata().getAnnotations().get(SENT_ANNOTATION));
              synchronized (latencies) {
                latencies.record(System.nanoTime() - sent);
                if (latencies.size() == creates) {
                  done.countDown();
                }
              }
            }
          }));
    }
    try {
      long cpuBefore = processCpuNanos();
      writeFanOutPods(run, creates, perSecond);
      if (!done.await(120, TimeUnit.SECONDS)) {
        throw new IllegalStateException("not every watcher saw every pod within 120 s");
      }
      cpu[0] += processCpuNanos() - cpuBefore;
    } finally {
      watches.forEach(Watch::close);
    }
    return recorded;
  }

  /** p50 and p99 in ms over all the recorders. */
  static double[] percentiles(List<Latencies> recorded) {
    return new double[] {Latencies.percentileMillis(recorded, 50), Latencies.percentileMillis(recorded, 99)};
  }

  /**
   * {@link #watchFanOut} with {@link WireWatchers} on the HTTP server at {@code server}: latency
   * runs from the start of each create to the arrival of the end of its ADDED event's line at each
   * watcher, before any decoding. Returns the samples, one recorder per watcher.
   */
  List<Latencies> wireWatchFanOut(java.net.URI server, int watchers, int creates, int perSecond) throws Exception {
    return wireWatchFanOut(server, watchers, creates, perSecond, new long[1]);
  }

  /** {@link #wireWatchFanOut(java.net.URI, int, int, int)}, adding the process CPU nanoseconds of the writes and deliveries to {@code cpu[0]}. */
  List<Latencies> wireWatchFanOut(java.net.URI server, int watchers, int creates, int perSecond, long[] cpu) throws Exception {
    String run = "fanout-" + FAN_OUTS.incrementAndGet();
    String version = pods.list(ListOptions.inNamespace(namespace).withLimit(1)).resourceVersion();
    try (WireWatchers wire = WireWatchers.open(server, namespace, "app=" + run, version, watchers, creates)) {
      long cpuBefore = processCpuNanos();
      writeFanOutPods(run, creates, perSecond);
      wire.await(120);
      cpu[0] += processCpuNanos() - cpuBefore;
      return wire.latencies();
    }
  }

  /**
   * Fan-out runs so far. Each run names and labels its pods apart and its watchers select that
   * label only: runs may share a namespace, and a closed watch leaves the server only once it
   * notices the connection closed, so a late one gets none of the next run's events.
   */
  private static final AtomicLong FAN_OUTS = new AtomicLong();

  /** Creates {@code creates} pods named and labelled {@code app=run} at {@code perSecond}. */
  private void writeFanOutPods(String run, int creates, int perSecond) {
    String prefix = run + "-";
    long interval = 1_000_000_000L / perSecond;
    long begin = System.nanoTime();
    for (int i = 0; i < creates; i++) {
      long wait = begin + i * interval - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      Pod pod = pod(namespace, prefix + i, System.nanoTime());
      pod.getMetadata().getLabels().put("app", run);
      pods.create(pod);
    }
  }
}
