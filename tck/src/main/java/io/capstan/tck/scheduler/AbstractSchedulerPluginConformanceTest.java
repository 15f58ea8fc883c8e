package io.capstan.tck.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.spi.scheduler.BindPlugin;
import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.EnqueueExtensions;
import io.capstan.spi.scheduler.FilterPlugin;
import io.capstan.spi.scheduler.NodeInfo;
import io.capstan.spi.scheduler.PermitPlugin;
import io.capstan.spi.scheduler.PodInfo;
import io.capstan.spi.scheduler.PodRequests;
import io.capstan.spi.scheduler.PostBindPlugin;
import io.capstan.spi.scheduler.PostFilterPlugin;
import io.capstan.spi.scheduler.PostFilterResult;
import io.capstan.spi.scheduler.PreBindPlugin;
import io.capstan.spi.scheduler.PreEnqueuePlugin;
import io.capstan.spi.scheduler.PreFilterExtensions;
import io.capstan.spi.scheduler.PreFilterPlugin;
import io.capstan.spi.scheduler.PreFilterResult;
import io.capstan.spi.scheduler.PreScorePlugin;
import io.capstan.spi.scheduler.QueueSortPlugin;
import io.capstan.spi.scheduler.QueuedPodInfo;
import io.capstan.spi.scheduler.ReservePlugin;
import io.capstan.spi.scheduler.SchedulerPlugin;
import io.capstan.spi.scheduler.SchedulerPluginFactory;
import io.capstan.spi.scheduler.SignPlugin;
import io.capstan.spi.scheduler.Status;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The conformance base every scheduler plugin's test extends ({@code <Name>ConformanceTest} or the
 * plugin's own table test): it builds the plugin through its factory and module, runs it over the
 * subclass's scenarios as the framework would, and checks the framework's contract: the plugin's
 * name is its factory's, it implements an extension point, no extension point returns null, scores
 * after NormalizeScore lie in [0, 100], filters give the same verdict on a copied cycle state,
 * PreFilterExtensions' remove-then-add restores every verdict, EnqueueExtensions name events, a
 * QueueSort is a strict order, a PostFilter never nominates a node preemption cannot help, and
 * pods a SignPlugin signs alike get the same verdicts and scores.
 */
public abstract class AbstractSchedulerPluginConformanceTest {

  /** A cluster and an incoming pod. */
  public record Scenario(String name, TestSnapshot snapshot, Pod pod) {}

  /** The plugin's factory, as ServiceLoader would create it. */
  protected abstract SchedulerPluginFactory<?> factory();

  /** The plugin's arguments as written in {@code pluginConfig[].args}; none by default. */
  protected Map<String, ?> args() {
    return Map.of();
  }

  /** Clusters and pods covering the plugin's interesting cases; at least one. */
  protected abstract List<Scenario> scenarios();

  /** A fresh plugin over {@code handle}, through the factory and module. */
  protected SchedulerPlugin newPlugin(TestFrameworkHandle handle) {
    return TestPlugins.create(factory(), args(), handle);
  }

  private SchedulerPlugin plugin(Scenario s) {
    return newPlugin(new TestFrameworkHandle(s.snapshot()));
  }

  @Test
  void pluginNameIsItsFactoryName() {
    assertThat(plugin(scenarios().get(0)).name()).isEqualTo(factory().name());
  }

  @Test
  void pluginImplementsAtLeastOneExtensionPoint() {
    SchedulerPlugin p = plugin(scenarios().get(0));
    List<Class<?>> points = List.of(QueueSortPlugin.class, PreEnqueuePlugin.class,
        PreFilterPlugin.class, FilterPlugin.class, PostFilterPlugin.class, PreScorePlugin.class,
        io.capstan.spi.scheduler.ScorePlugin.class, ReservePlugin.class, PermitPlugin.class,
        PreBindPlugin.class, BindPlugin.class, PostBindPlugin.class);
    assertThat(points.stream().anyMatch(c -> c.isInstance(p))).as("extension points of %s", p.name())
        .isTrue();
  }

  @Test
  void aFullCycleReturnsStatusesAndScoresWithinZeroToHundred() {
    for (Scenario s : scenarios()) {
      TestFrameworkHandle handle = new TestFrameworkHandle(s.snapshot());
      // TestScheduler fails on null statuses and on normalized scores outside [0, 100]
      TestScheduler.CycleResult r = TestScheduler.over(handle).plugin(newPlugin(handle), 1)
          .schedule(s.pod());
      assertThat(r.preFilterStatus()).as(s.name()).isNotNull();
      r.normalizedScores().values().forEach(byNode -> assertThat(byNode.values())
          .as(s.name()).allMatch(v -> v >= 0 && v <= 100));
    }
  }

  /**
   * A {@link SignPlugin}'s promise, which opportunistic batching relies on: signing is
   * deterministic, and a pod signed like another (here its twin under another name and uid) gets
   * the same filter verdicts and raw scores on every node.
   */
  @Test
  void podsSignedAlikeGetTheSameVerdictsAndScores() {
    for (Scenario s : scenarios()) {
      if (!(plugin(s) instanceof SignPlugin signer)) {
        return;
      }
      Optional<List<Object>> signature = signer.signPod(s.pod());
      assertThat(signature).as(s.name()).isNotNull();
      assertThat(signer.signPod(new PodBuilder(s.pod()).build())).as("%s, signed again", s.name()).isEqualTo(signature);
      Pod twin = new PodBuilder(s.pod()).editOrNewMetadata().withName(s.pod().getMetadata().getName() + "-twin")
          .withUid("twin-of-" + s.pod().getMetadata().getUid()).endMetadata().build();
      if (signature.isEmpty() || !signer.signPod(twin).equals(signature)) {
        continue;
      }
      TestScheduler.CycleResult original = cycle(s, s.pod());
      TestScheduler.CycleResult twinned = cycle(s, twin);
      original.filterStatuses().forEach((node, status) -> assertThat(twinned.filterStatuses().get(node).code())
          .as("%s: the twin's verdict on %s", s.name(), node).isEqualTo(status.code()));
      assertThat(twinned.rawScores()).as("%s: the twin's raw scores", s.name()).isEqualTo(original.rawScores());
    }
  }

  private TestScheduler.CycleResult cycle(Scenario s, Pod pod) {
    TestFrameworkHandle handle = new TestFrameworkHandle(s.snapshot());
    return TestScheduler.over(handle).plugin(newPlugin(handle), 1).schedule(pod);
  }

  @Test
  void filterVerdictsAreTheSameOnACopiedCycleState() {
    for (Scenario s : scenarios()) {
      SchedulerPlugin p = plugin(s);
      if (!(p instanceof FilterPlugin filter)) {
        return;
      }
      CycleState state = preFiltered(p, s);
      if (state == null) {
        continue;
      }
      for (NodeInfo node : s.snapshot().list()) {
        Status a = filter.filter(state, s.pod(), node);
        Status b = filter.filter(state.copy(), s.pod(), node);
        assertThat(a).as("%s on %s", s.name(), node.nodeName()).isNotNull();
        assertThat(b.code()).as("%s on %s (copied state)", s.name(), node.nodeName())
            .isEqualTo(a.code());
      }
    }
  }

  @Test
  void preFilterExtensionsRemoveThenAddRestoresEveryVerdict() {
    for (Scenario s : scenarios()) {
      SchedulerPlugin p = plugin(s);
      if (!(p instanceof PreFilterPlugin pf) || !(p instanceof FilterPlugin filter)
          || pf.preFilterExtensions().isEmpty()) {
        return;
      }
      PreFilterExtensions ext = pf.preFilterExtensions().get();
      CycleState state = preFiltered(p, s);
      if (state == null) {
        continue;
      }
      Map<String, Status.Code> before = verdicts(filter, state, s);
      for (NodeInfo node : s.snapshot().list()) {
        for (PodInfo pod : node.pods()) {
          CycleState copy = state.copy();
          assertThat(ext.removePod(copy, s.pod(), pod, node).isSuccess()).isTrue();
          assertThat(ext.addPod(copy, s.pod(), pod, node).isSuccess()).isTrue();
          assertThat(verdicts(filter, copy, s)).as("%s after removing and re-adding %s",
              s.name(), pod.key()).isEqualTo(before);
        }
      }
    }
  }

  @Test
  void enqueueExtensionsNameAtLeastOneEvent() {
    if (plugin(scenarios().get(0)) instanceof EnqueueExtensions e) {
      assertThat(e.eventsToRegister()).isNotEmpty();
    }
  }

  @Test
  void queueSortIsAStrictOrder() {
    if (!(plugin(scenarios().get(0)) instanceof QueueSortPlugin sort)) {
      return;
    }
    List<QueuedPodInfo> queued = new ArrayList<>();
    Instant t = Instant.parse("2025-01-01T00:00:00Z");
    int i = 0;
    for (Scenario s : scenarios()) {
      PodInfo info = PodRequests.podInfo(s.pod());
      queued.add(new QueuedPodInfo(info, t.plusSeconds(i++), 0, t, Set.of()));
    }
    for (QueuedPodInfo a : queued) {
      assertThat(sort.less(a, a)).as("irreflexive").isFalse();
      for (QueuedPodInfo b : queued) {
        assertThat(sort.less(a, b) && sort.less(b, a)).as("asymmetric").isFalse();
      }
    }
  }

  @Test
  void postFilterNeverNominatesANodeThatPreemptionCannotHelp() {
    for (Scenario s : scenarios()) {
      SchedulerPlugin p = plugin(s);
      if (!(p instanceof PostFilterPlugin post)) {
        return;
      }
      Map<String, Status> all = new HashMap<>();
      s.snapshot().list().forEach(n -> all.put(n.nodeName(),
          Status.unschedulableAndUnresolvable("node(s) didn't match Pod's node affinity/selector")));
      PostFilterResult r = post.postFilter(new CycleState(), s.pod(), all);
      assertThat(r).isNotNull();
      assertThat(r.nominatedNodeName()).as(s.name()).isEqualTo(Optional.empty());
      assertThat(r.status().isSuccess()).as(s.name()).isFalse();
    }
  }

  private static CycleState preFiltered(SchedulerPlugin p, Scenario s) {
    CycleState state = new CycleState();
    if (p instanceof PreFilterPlugin pf) {
      PreFilterResult r = pf.preFilter(state, s.pod(), s.snapshot().list());
      assertThat(r).as("preFilter result").isNotNull();
      if (!r.status().isSuccess()) {
        return null; // skipped or rejected for every node: the Filter is not run
      }
    }
    return state;
  }

  private static Map<String, Status.Code> verdicts(FilterPlugin filter, CycleState state,
      Scenario s) {
    Map<String, Status.Code> v = new HashMap<>();
    for (NodeInfo node : s.snapshot().list()) {
      v.put(node.nodeName(), filter.filter(state, s.pod(), node).code());
    }
    return v;
  }
}
