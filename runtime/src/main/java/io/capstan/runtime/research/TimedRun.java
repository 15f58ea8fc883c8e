package io.capstan.runtime.research;

import io.capstan.runtime.CapstanException;
import io.capstan.runtime.research.TraceReader.TraceNode;
import io.capstan.runtime.research.TraceReader.TracePod;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * A replay with the trace's own time: each pod is created through the API at its {@code creation_time}
 * and deleted at its {@code deletion_time} (seconds after the start of the virtual clock), on the
 * control plane of {@link ControlPlaneRun}. Between events the executor runs everything due, so the
 * scheduler retries unschedulable pods exactly as it would live (back-off, queue flushes, cluster
 * events such as a deletion); node agents run and stop the pods. After each instant with events the
 * run records arrived and allocated GPU milli, pending pods and the virtual scheduling latency of
 * every pod bound.
 */
final class TimedRun {

  /** One trace instant after its events were applied and everything due ran. */
  record Sample(long second, long arrivedMilli, long allocatedMilli, int pending, int running) {}

  /**
   * What one timed replay produced. {@code latencyMillis}: virtual time from a pod's first entry into
   * the scheduling queue to its binding, per bound pod, in binding order.
   */
  record Result(String policy, long seed, long clusterGpuMilli, int pods, int scheduled, int neverScheduled,
      List<Sample> samples, long[] latencyMillis) {}

  /** Pod {@code pod} (index in the trace) is created or deleted at {@code second}. */
  record Event(long second, boolean create, int pod) {}

  private TimedRun() {}

  /** The events of a trace in time order: at one instant deletions first (they free room), then by pod. */
  static List<Event> events(List<TracePod> pods) {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < pods.size(); i++) {
      TracePod p = pods.get(i);
      if (p.creationTime() < 0) {
        continue;
      }
      events.add(new Event(p.creationTime(), true, i));
      if (p.deletionTime() > p.creationTime()) {
        events.add(new Event(p.deletionTime(), false, i));
      }
    }
    if (events.isEmpty()) {
      throw new CapstanException("--replay time needs creation times in the pod trace (column \"creation_time\" "
          + "or the csvMapping's podCreation); none of the pods has one");
    }
    events.sort(Comparator.comparingLong(Event::second).thenComparing(Event::create).thenComparingInt(Event::pod));
    return events;
  }

  static Result replay(String policy, long seed, List<TraceNode> traceNodes, List<TracePod> pods, String profileYaml,
      IntConsumer progress) {
    List<Event> events = events(pods);
    List<String> names = Experiment.nodeNames(traceNodes.stream().map(TraceNode::name).toList(), seed);
    try (ControlPlaneRun.Cluster c = ControlPlaneRun.start(traceNodes, names, profileYaml, seed, SimNodes.Timing.replay())) {
      Instant start = c.executor.clock().now();
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < pods.size(); i++) {
        if (index.put(pods.get(i).name(), i) != null) {
          throw new CapstanException("pod name " + pods.get(i).name() + " appears twice in the trace; a timed replay "
              + "creates pods by name");
        }
      }
      boolean[] bound = new boolean[pods.size()];
      boolean[] live = new boolean[pods.size()];
      boolean[] everBound = new boolean[pods.size()];
      long[] latencies = new long[pods.size()];
      int[] scheduled = new int[1];
      int[] running = new int[1];
      long[] allocated = new long[1];
      c.scheduler.addBindListener((pod, node, latency) -> {
        Integer i = index.get(pod.getMetadata().getName());
        if (i != null && live[i] && !bound[i]) {
          bound[i] = true;
          everBound[i] = true;
          running[0]++;
          allocated[0] += pods.get(i).totalGpuMilli();
          latencies[scheduled[0]++] = latency.toMillis();
        }
      });
      var api = c.client.resources(Pod.class);
      List<Sample> samples = new ArrayList<>();
      long arrived = 0;
      int liveCount = 0;
      int done = 0;
      for (int e = 0; e < events.size(); ) {
        long second = events.get(e).second();
        c.executor.runUntil(start.plus(Duration.ofSeconds(second)));
        for (; e < events.size() && events.get(e).second() == second; e++) {
          int i = events.get(e).pod();
          TracePod p = pods.get(i);
          if (events.get(e).create()) {
            live[i] = true;
            liveCount++;
            arrived += p.totalGpuMilli();
            api.create(TraceObjects.apiPod(p, p.name(), FillRun.PROFILE));
          } else {
            live[i] = false;
            liveCount--;
            arrived -= p.totalGpuMilli();
            if (bound[i]) {
              bound[i] = false;
              running[0]--;
              allocated[0] -= p.totalGpuMilli();
            }
            api.delete(ControlPlaneRun.NAMESPACE, p.name());
          }
          progress.accept(++done);
        }
        c.executor.runUntilIdle();
        samples.add(new Sample(second, arrived, allocated[0], liveCount - running[0], running[0]));
      }
      int never = 0;
      for (int i = 0; i < pods.size(); i++) {
        if (pods.get(i).creationTime() >= 0 && !everBound[i]) {
          never++;
        }
      }
      return new Result(policy, seed, c.clusterGpuMilli, index.size(), scheduled[0], never, List.copyOf(samples),
          Arrays.copyOf(latencies, scheduled[0]));
    }
  }
}
