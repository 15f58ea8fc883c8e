package io.capstan.plugins.scheduler;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import io.capstan.plugins.scheduler.defaultpreemption.DefaultPreemptionArgs;
import io.capstan.plugins.scheduler.defaultpreemption.DefaultPreemptionFactory;
import io.capstan.plugins.scheduler.imagelocality.ImageLocalityFactory;
import io.capstan.plugins.scheduler.interpodaffinity.InterPodAffinityArgs;
import io.capstan.plugins.scheduler.interpodaffinity.InterPodAffinityFactory;
import io.capstan.plugins.scheduler.nodeaffinity.NodeAffinityArgs;
import io.capstan.plugins.scheduler.nodeaffinity.NodeAffinityFactory;
import io.capstan.plugins.scheduler.noderesourcesbalancedallocation.NodeResourcesBalancedAllocationArgs;
import io.capstan.plugins.scheduler.noderesourcesbalancedallocation.NodeResourcesBalancedAllocationFactory;
import io.capstan.plugins.scheduler.noderesourcesfit.NodeResourcesFitArgs;
import io.capstan.plugins.scheduler.noderesourcesfit.NodeResourcesFitFactory;
import io.capstan.plugins.scheduler.podtopologyspread.PodTopologySpreadArgs;
import io.capstan.plugins.scheduler.podtopologyspread.PodTopologySpreadFactory;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.plugin.PluginFactory;
import io.capstan.spi.scheduler.FrameworkHandle;
import io.capstan.spi.scheduler.SchedulerPlugin;
import io.capstan.spi.scheduler.SchedulerPluginFactory;
import io.capstan.tck.plugin.AbstractPluginTest;
import io.capstan.tck.scheduler.TestFrameworkHandle;
import io.capstan.tck.scheduler.TestSnapshot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;

/**
 * The kit's plugin checks (naming, registration, strict settings, module wiring) for the plugins
 * with arguments, each bound from Kubernetes-shaped {@code pluginConfig[].args}.
 */
class DefaultSchedulerPluginsWiringTest {

  abstract static class Base<C> extends AbstractPluginTest<C> {
    @Override
    @SuppressWarnings("rawtypes")
    protected Class<? extends PluginFactory> spiFactoryType() {
      return SchedulerPluginFactory.class;
    }

    @Override
    protected List<Class<?>> serviceTypes() {
      return List.of(SchedulerPlugin.class);
    }

    @Override
    protected Module hostModule() {
      TestFrameworkHandle handle = new TestFrameworkHandle(TestSnapshot.builder().build());
      return new AbstractModule() {
        @Override
        protected void configure() {
          bind(FrameworkHandle.class).toInstance(handle);
          bind(Clock.class).toInstance(handle.clock());
        }
      };
    }
  }

  @Nested
  class NodeResourcesFitWiring extends Base<NodeResourcesFitArgs> {
    @Override
    protected PluginFactory<NodeResourcesFitArgs> factory() {
      return new NodeResourcesFitFactory();
    }

    @Override
    protected Map<String, Object> settings() {
      return Map.of("ignoredResourceGroups", List.of("example.com"), "scoringStrategy", Map.of(
          "type", "RequestedToCapacityRatio",
          "resources", List.of(Map.of("name", "cpu", "weight", 1), Map.of("name", "memory", "weight", 1)),
          "requestedToCapacityRatio", Map.of("shape", List.of(Map.of("utilization", 0, "score", 0),
              Map.of("utilization", 100, "score", 10)))));
    }
  }

  @Nested
  class NodeAffinityWiring extends Base<NodeAffinityArgs> {
    @Override
    protected PluginFactory<NodeAffinityArgs> factory() {
      return new NodeAffinityFactory();
    }

    @Override
    protected Map<String, Object> settings() {
      return Map.of("addedAffinity", Map.of("requiredDuringSchedulingIgnoredDuringExecution",
          Map.of("nodeSelectorTerms", List.of(Map.of("matchExpressions", List.of(Map.of(
              "key", "pool", "operator", "In", "values", List.of("batch"))))))));
    }
  }

  @Nested
  class BalancedAllocationWiring extends Base<NodeResourcesBalancedAllocationArgs> {
    @Override
    protected PluginFactory<NodeResourcesBalancedAllocationArgs> factory() {
      return new NodeResourcesBalancedAllocationFactory();
    }

    @Override
    protected Map<String, Object> settings() {
      return Map.of("resources", List.of(Map.of("name", "cpu", "weight", 1),
          Map.of("name", "memory", "weight", 1)));
    }
  }

  @Nested
  class PodTopologySpreadWiring extends Base<PodTopologySpreadArgs> {
    @Override
    protected PluginFactory<PodTopologySpreadArgs> factory() {
      return new PodTopologySpreadFactory();
    }

    @Override
    protected Map<String, Object> settings() {
      return Map.of("defaultingType", "List", "defaultConstraints", List.of(Map.of("maxSkew", 1,
          "topologyKey", "topology.kubernetes.io/zone", "whenUnsatisfiable", "ScheduleAnyway")));
    }
  }

  @Nested
  class InterPodAffinityWiring extends Base<InterPodAffinityArgs> {
    @Override
    protected PluginFactory<InterPodAffinityArgs> factory() {
      return new InterPodAffinityFactory();
    }

    @Override
    protected Map<String, Object> settings() {
      return Map.of("hardPodAffinityWeight", 10, "ignorePreferredTermsOfExistingPods", true);
    }
  }

  @Nested
  class DefaultPreemptionWiring extends Base<DefaultPreemptionArgs> {
    @Override
    protected PluginFactory<DefaultPreemptionArgs> factory() {
      return new DefaultPreemptionFactory();
    }

    @Override
    protected Map<String, Object> settings() {
      return Map.of("minCandidateNodesPercentage", 20, "minCandidateNodesAbsolute", 50);
    }
  }

  @Nested
  class ImageLocalityWiring extends Base<NoConfig> {
    @Override
    protected PluginFactory<NoConfig> factory() {
      return new ImageLocalityFactory();
    }
  }
}
