package io.capstan.plugins.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.plugins.scheduler.defaultbinder.DefaultBinderFactory;
import io.capstan.plugins.scheduler.defaultpreemption.DefaultPreemptionFactory;
import io.capstan.plugins.scheduler.imagelocality.ImageLocalityFactory;
import io.capstan.plugins.scheduler.interpodaffinity.InterPodAffinityFactory;
import io.capstan.plugins.scheduler.nodeaffinity.NodeAffinityFactory;
import io.capstan.plugins.scheduler.nodename.NodeNameFactory;
import io.capstan.plugins.scheduler.nodeports.NodePortsFactory;
import io.capstan.plugins.scheduler.noderesourcesbalancedallocation.NodeResourcesBalancedAllocationFactory;
import io.capstan.plugins.scheduler.noderesourcesfit.NodeResourcesFitFactory;
import io.capstan.plugins.scheduler.nodeunschedulable.NodeUnschedulableFactory;
import io.capstan.plugins.scheduler.podtopologyspread.PodTopologySpreadFactory;
import io.capstan.plugins.scheduler.prioritysort.PrioritySortFactory;
import io.capstan.plugins.scheduler.schedulinggates.SchedulingGatesFactory;
import io.capstan.plugins.scheduler.tainttoleration.TaintTolerationFactory;
import io.capstan.spi.plugin.PluginFactory;
import io.capstan.spi.scheduler.SchedulerPluginFactory;
import io.capstan.tck.plugin.AbstractPluginRegistrationTest;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Every default plugin's factory is listed in META-INF/services, under Kubernetes' own name. */
class SchedulerPluginRegistrationTest extends AbstractPluginRegistrationTest {

  static final List<PluginFactory<?>> FACTORIES = List.of(new SchedulingGatesFactory(), new PrioritySortFactory(),
      new NodeUnschedulableFactory(), new NodeNameFactory(), new TaintTolerationFactory(),
      new NodeAffinityFactory(), new NodePortsFactory(), new NodeResourcesFitFactory(),
      new NodeResourcesBalancedAllocationFactory(), new ImageLocalityFactory(),
      new PodTopologySpreadFactory(), new InterPodAffinityFactory(), new DefaultPreemptionFactory(),
      new DefaultBinderFactory());

  @Override
  protected List<Registration> registrations() {
    return FACTORIES.stream()
        .map(f -> new Registration(SchedulerPluginFactory.class, f.getClass())).toList();
  }

  @Test
  void namesAreKubernetesOwn() {
    assertThat(FACTORIES).extracting(PluginFactory::name).containsExactly("SchedulingGates", "PrioritySort",
        "NodeUnschedulable", "NodeName", "TaintToleration", "NodeAffinity", "NodePorts",
        "NodeResourcesFit", "NodeResourcesBalancedAllocation", "ImageLocality", "PodTopologySpread",
        "InterPodAffinity", "DefaultPreemption", "DefaultBinder");
  }

  @Test
  void theModuleShipsNoUnlistedFactory() {
    @SuppressWarnings("rawtypes")
    List<Class<? extends SchedulerPluginFactory>> listed = ServiceLoader.load(SchedulerPluginFactory.class)
        .stream().map(ServiceLoader.Provider::type)
        .filter(c -> c.getName().startsWith("io.capstan.plugins.scheduler.")).toList();
    assertThat(listed).hasSize(FACTORIES.size());
  }
}
