package io.capstan.runtime.scheduler.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import io.capstan.runtime.CapstanException;
import io.capstan.runtime.clock.DeterministicExecutor;
import io.capstan.runtime.clock.VirtualClock;
import io.capstan.runtime.scheduler.framework.ExtensionPoint;
import io.capstan.runtime.scheduler.framework.Framework;
import io.capstan.runtime.scheduler.framework.FrameworkHandleImpl;
import io.capstan.runtime.scheduler.profile.KubeSchedulerConfiguration.PluginRef;
import io.capstan.runtime.scheduler.profile.KubeSchedulerConfiguration.PluginSet;
import io.capstan.runtime.scheduler.testplugins.GatePermit;
import io.capstan.runtime.scheduler.testplugins.TestPlugins;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.scheduler.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** KubeSchedulerConfiguration files: defaults, Kubernetes' merge and multiPoint expansion rules, weights, args, errors. */
class ProfileConfigurationTest {

  private final VirtualClock clock = new VirtualClock(Instant.EPOCH);
  private final Injector injector = Guice.createInjector(new AbstractModule() {
    @Override
    protected void configure() {
      bind(Clock.class).toInstance(clock);
      bind(TaskExecutor.class).toInstance(new DeterministicExecutor(clock, 1));
    }
  });

  private Framework build(SchedulerConfig config, int profile) {
    ProfileSpec spec = config.profiles().get(profile);
    FrameworkHandleImpl handle = new FrameworkHandleImpl(spec.schedulerName(), clock, config.parallelism(), () -> null,
        (p, n) -> Status.success());
    return new ProfileBuilder(TestPlugins.registry(), injector).build(spec, handle, config.percentageOfNodesToScore(), true);
  }

  private static String yaml(String profiles) {
    return "apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\n" + profiles;
  }

  @Test
  void aRealConfigurationFileLoadsWithItsGlobalsAndBothProfiles() {
    SchedulerConfig config = ConfigurationLoader.load(Path.of("src/test/resources/scheduler/two-profiles.yaml"));

    assertThat(config.parallelism()).isEqualTo(8);
    assertThat(config.percentageOfNodesToScore()).isEqualTo(30);
    assertThat(config.podInitialBackoff()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.podMaxBackoff()).isEqualTo(Duration.ofSeconds(20));
    assertThat(config.profiles()).extracting(ProfileSpec::schedulerName).containsExactly("default-scheduler", "no-scoring");

    Framework first = build(config, 0);
    // multiPoint score plugins come first, then the ones enabled at score itself; Score weight wins over multiPoint's
    assertThat(first.pluginNames(ExtensionPoint.SCORE)).containsExactly("LabelCount", "LeastAllocatedCpu");
    assertThat(first.scoreWeights()).containsEntry("LeastAllocatedCpu", 4).containsEntry("LabelCount", 7);
    assertThat(first.pluginNames(ExtensionPoint.FILTER)).containsExactly("TaintToleration", "NodeResourcesFit");
    assertThat(first.pluginNames(ExtensionPoint.QUEUE_SORT)).containsExactly("PrioritySort");
    assertThat(first.pluginNames(ExtensionPoint.BIND)).containsExactly("DefaultBinder");
    assertThat(first.percentageOfNodesToScore()).hasValue(30);

    Framework second = build(config, 1);
    assertThat(second.pluginNames(ExtensionPoint.SCORE)).isEmpty();
    assertThat(second.pluginNames(ExtensionPoint.FILTER)).containsExactly("NodeResourcesFit");
    assertThat(second.pluginNames(ExtensionPoint.PERMIT)).containsExactly("GatePermit");
    assertThat(second.percentageOfNodesToScore()).hasValue(100);
    assertThat(second.handle().pluginArgs("GatePermit", GatePermit.Config.class))
        .hasValue(new GatePermit.Config(Duration.ofSeconds(45)));
  }

  @Test
  void withoutProfilesTheDefaultProfileHasKubernetesPluginsAndWeights() {
    SchedulerConfig config = ConfigurationLoader.parse(yaml(""), "test");
    assertThat(config.parallelism()).isEqualTo(16);
    assertThat(config.percentageOfNodesToScore()).isZero();
    ProfileSpec spec = config.profiles().get(0);
    assertThat(spec.schedulerName()).isEqualTo("default-scheduler");
    assertThat(spec.multiPoint().enabled()).isEqualTo(DefaultSchedulerPlugins.MULTI_POINT);
    Map<String, Integer> weights = new java.util.LinkedHashMap<>();
    DefaultSchedulerPlugins.MULTI_POINT.stream().filter(r -> r.weight() > 0).forEach(r -> weights.put(r.name(), r.weight()));
    assertThat(weights).containsExactly(Map.entry("TaintToleration", 3), Map.entry("NodeAffinity", 2),
        Map.entry("NodeResourcesFit", 1), Map.entry("PodTopologySpread", 2), Map.entry("InterPodAffinity", 2),
        Map.entry("NodeResourcesBalancedAllocation", 1), Map.entry("ImageLocality", 1));
  }

  @Test
  void mergeReplacesADefaultInPlaceDropsDisabledOnesAndAppendsTheRest() {
    PluginSet defaults = new PluginSet(List.of(PluginRef.of("A"), new PluginRef("B", 2), PluginRef.of("C")), List.of());
    PluginSet custom = new PluginSet(List.of(PluginRef.of("X"), new PluginRef("B", 9)), List.of(PluginRef.of("C")));
    assertThat(PluginMerger.merge(defaults, custom).enabled())
        .containsExactly(PluginRef.of("A"), new PluginRef("B", 9), PluginRef.of("X"));
    PluginSet all = new PluginSet(List.of(PluginRef.of("Y")), List.of(PluginRef.of("*")));
    assertThat(PluginMerger.merge(defaults, all).enabled()).containsExactly(PluginRef.of("Y"));
  }

  @Test
  void aMultiPointWeightForADefaultPluginOverridesItsDefaultWeight() {
    SchedulerConfig config = ConfigurationLoader.parse(yaml("""
        profiles:
        - plugins:
            multiPoint:
              enabled:
              - name: LeastAllocatedCpu
                weight: 9
        """), "test");
    Framework fw = build(config, 0);
    assertThat(fw.scoreWeights()).containsEntry("LeastAllocatedCpu", 9);
    assertThat(config.profiles().get(0).multiPoint().enabled().get(DefaultSchedulerPlugins.MULTI_POINT.size()))
        .isEqualTo(new PluginRef("LeastAllocatedCpu", 9));
  }

  @Test
  void anUnknownPluginIsRefusedNamingTheAvailableOnes() {
    SchedulerConfig config = ConfigurationLoader.parse(yaml("""
        profiles:
        - plugins:
            filter:
              enabled:
              - name: NodeResourcesFitt
        """), "test");
    assertThatThrownBy(() -> build(config, 0)).isInstanceOf(CapstanException.class)
        .hasMessageContaining("scheduler plugin \"NodeResourcesFitt\" does not exist; available: ")
        .hasMessageContaining("DefaultBinder").hasMessageContaining("NodeResourcesFit,");
  }

  @Test
  void aPluginEnabledAtAPointItDoesNotImplementIsRefused() {
    SchedulerConfig config = ConfigurationLoader.parse(yaml("""
        profiles:
        - plugins:
            score:
              enabled:
              - name: DefaultBinder
        """), "test");
    assertThatThrownBy(() -> build(config, 0)).hasMessageContaining("plugin \"DefaultBinder\" does not extend ScorePlugin plugin");
  }

  @Test
  void badFilesAreRefusedWithEveryProblemNamed() {
    assertThatThrownBy(() -> ConfigurationLoader.parse("""
        apiVersion: kubescheduler.config.k8s.io/v1beta9
        kind: KubeSchedulerConfiguration
        percentageOfNodesToScore: 130
        profiles:
        - schedulerName: a
          plugins:
            score:
              enabled:
              - name: LabelCount
                weight: 101
        - schedulerName: a
        """, "bad.yaml"))
        .hasMessageContaining("bad.yaml: invalid scheduler configuration")
        .hasMessageContaining("apiVersion: must be kubescheduler.config.k8s.io/v1")
        .hasMessageContaining("percentageOfNodesToScore: not in valid range [0-100], was 130")
        .hasMessageContaining("profiles[0].plugins.score.enabled[LabelCount].weight: must be in the range [0, 100], was 101")
        .hasMessageContaining("profiles[1].schedulerName: duplicate profile \"a\"");
    assertThatThrownBy(() -> ConfigurationLoader.parse(yaml("profile: []\n"), "typo.yaml"))
        .hasMessageContaining("typo.yaml: not a valid KubeSchedulerConfiguration").hasMessageContaining("profile");
  }

  @Test
  void profilesMustShareTheirQueueSortAndArgsMustBind() {
    assertThatThrownBy(() -> ConfigurationLoader.parse(yaml("""
        profiles:
        - schedulerName: a
        - schedulerName: b
          plugins:
            queueSort:
              enabled:
              - name: Other
        """), "q.yaml")).hasMessageContaining("profiles[1].plugins.queueSort: must be the same for all profiles");
    SchedulerConfig config = ConfigurationLoader.parse(yaml("""
        profiles:
        - plugins:
            permit:
              enabled:
              - name: GatePermit
          pluginConfig:
          - name: GatePermit
            args:
              timeout: banana
        """), "args.yaml");
    assertThatThrownBy(() -> build(config, 0)).hasMessageContaining("pluginConfig[GatePermit].args");
  }
}
