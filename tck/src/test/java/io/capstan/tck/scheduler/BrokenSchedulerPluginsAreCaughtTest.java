package io.capstan.tck.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.FilterPlugin;
import io.capstan.spi.scheduler.NodeInfo;
import io.capstan.spi.scheduler.PreFilterPlugin;
import io.capstan.spi.scheduler.PreFilterResult;
import io.capstan.spi.scheduler.SchedulerPlugin;
import io.capstan.spi.scheduler.SchedulerPluginFactory;
import io.capstan.spi.scheduler.ScorePlugin;
import io.capstan.spi.scheduler.ScoreResult;
import io.capstan.spi.scheduler.SignPlugin;
import io.capstan.spi.scheduler.Status;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The scheduler plugin conformance base is not vacuous: a plugin with one deliberate bug fails
 * the check for it, and a correct plugin passes the same check. The suites are nested classes
 * enabled only when launched from here.
 */
class BrokenSchedulerPluginsAreCaughtTest {

  private static final String LAUNCHED_HERE = "capstan.tck.broken-scheduler-suites";

  static boolean launchedHere(ExtensionContext context) {
    return context.getConfigurationParameter(LAUNCHED_HERE).isPresent();
  }

  @Test
  void eachBugFailsItsCheckAndTheCorrectPluginPassesIt() {
    check(OutOfRangeScoreSuite.class, "aFullCycleReturnsStatusesAndScoresWithinZeroToHundred");
    check(NullStatusSuite.class, "aFullCycleReturnsStatusesAndScoresWithinZeroToHundred");
    check(WrongNameSuite.class, "pluginNameIsItsFactoryName");
    check(LossyCopySuite.class, "filterVerdictsAreTheSameOnACopiedCycleState");
    check(UnderSignedSuite.class, "podsSignedAlikeGetTheSameVerdictsAndScores");
  }

  private static void check(Class<?> broken, String method) {
    assertThat(run(broken, method).getTestsFailedCount()).as("%s on %s", method, broken.getSimpleName())
        .isEqualTo(1);
    assertThat(run(GoodSuite.class, method).getTestsSucceededCount()).as("%s on the good plugin", method)
        .isEqualTo(1);
  }

  private static TestExecutionSummary run(Class<?> suite, String method) {
    var request = LauncherDiscoveryRequestBuilder.request().selectors(selectMethod(suite, method))
        .configurationParameter(LAUNCHED_HERE, "true").build();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    LauncherFactory.create().execute(request, listener);
    assertThat(listener.getSummary().getTestsFoundCount()).isEqualTo(1);
    return listener.getSummary();
  }

  /** A plugin of configurable behaviour: PreFilter stores the pod count, Filter and Score read it. */
  static final class Configurable implements PreFilterPlugin, FilterPlugin, ScorePlugin, SignPlugin {
    final String name;
    final long scoreOffset;
    final boolean nullStatus;
    final boolean lossyCopy;
    final boolean scoresByPodName;

    Configurable(String name, long scoreOffset, boolean nullStatus, boolean lossyCopy) {
      this(name, scoreOffset, nullStatus, lossyCopy, false);
    }

    Configurable(String name, long scoreOffset, boolean nullStatus, boolean lossyCopy, boolean scoresByPodName) {
      this.name = name;
      this.scoreOffset = scoreOffset;
      this.nullStatus = nullStatus;
      this.lossyCopy = lossyCopy;
      this.scoresByPodName = scoresByPodName;
    }

    /** Signs nothing of the pod: true of the good plugin, false when the score reads the pod's name. */
    @Override
    public Optional<List<Object>> signPod(Pod pod) {
      return Optional.of(List.of());
    }

    record Limit(int maxPods, boolean lossy) implements CycleState.StateData {
      @Override
      public CycleState.StateData copy() {
        return lossy ? new Limit(0, true) : this;
      }
    }

    static final CycleState.Key<Limit> KEY = CycleState.key("PreFilterConfigurable", Limit.class);

    @Override
    public String name() {
      return name;
    }

    @Override
    public PreFilterResult preFilter(CycleState state, Pod pod, List<NodeInfo> nodes) {
      state.write(KEY, new Limit(1, lossyCopy));
      return PreFilterResult.allNodes();
    }

    @Override
    public Status filter(CycleState state, Pod pod, NodeInfo nodeInfo) {
      if (nullStatus) {
        return null;
      }
      int max = state.read(KEY).map(Limit::maxPods).orElse(1);
      return nodeInfo.pods().size() < max ? Status.success() : Status.unschedulable("node(s) are busy");
    }

    @Override
    public ScoreResult score(CycleState state, Pod pod, NodeInfo nodeInfo) {
      return ScoreResult.of(50 + scoreOffset + (scoresByPodName ? pod.getMetadata().getName().length() : 0));
    }
  }

  static SchedulerPluginFactory<NoConfig> factory(SchedulerPlugin plugin) {
    return new SchedulerPluginFactory<>() {
      @Override
      public String name() {
        return "Configurable";
      }

      @Override
      public Class<NoConfig> configType() {
        return NoConfig.class;
      }

      @Override
      public Module module(NoConfig config) {
        return new AbstractModule() {
          @Override
          protected void configure() {
            bind(SchedulerPlugin.class).toInstance(plugin);
          }
        };
      }
    };
  }

  abstract static class Suite extends AbstractSchedulerPluginConformanceTest {
    abstract Configurable plugin();

    @Override
    protected SchedulerPluginFactory<?> factory() {
      return BrokenSchedulerPluginsAreCaughtTest.factory(plugin());
    }

    @Override
    protected List<Scenario> scenarios() {
      return List.of(new Scenario("two nodes", TestSnapshot.builder()
          .node(TestNodes.node("empty").build())
          .node(TestNodes.node("busy").build(), TestPods.pod("e").build()).build(),
          TestPods.pod("p").build()));
    }
  }

  @EnabledIf("io.capstan.tck.scheduler.BrokenSchedulerPluginsAreCaughtTest#launchedHere")
  static class GoodSuite extends Suite {
    @Override
    Configurable plugin() {
      return new Configurable("Configurable", 0, false, false);
    }
  }

  @EnabledIf("io.capstan.tck.scheduler.BrokenSchedulerPluginsAreCaughtTest#launchedHere")
  static class OutOfRangeScoreSuite extends Suite {
    @Override
    Configurable plugin() {
      return new Configurable("Configurable", 100, false, false); // 150 without NormalizeScore
    }
  }

  @EnabledIf("io.capstan.tck.scheduler.BrokenSchedulerPluginsAreCaughtTest#launchedHere")
  static class NullStatusSuite extends Suite {
    @Override
    Configurable plugin() {
      return new Configurable("Configurable", 0, true, false);
    }
  }

  @EnabledIf("io.capstan.tck.scheduler.BrokenSchedulerPluginsAreCaughtTest#launchedHere")
  static class WrongNameSuite extends Suite {
    @Override
    Configurable plugin() {
      return new Configurable("Configurabel", 0, false, false);
    }
  }

  @EnabledIf("io.capstan.tck.scheduler.BrokenSchedulerPluginsAreCaughtTest#launchedHere")
  static class LossyCopySuite extends Suite {
    @Override
    Configurable plugin() {
      return new Configurable("Configurable", 0, false, true);
    }
  }

  @EnabledIf("io.capstan.tck.scheduler.BrokenSchedulerPluginsAreCaughtTest#launchedHere")
  static class UnderSignedSuite extends Suite {
    @Override
    Configurable plugin() {
      return new Configurable("Configurable", 0, false, false, true);
    }
  }
}
