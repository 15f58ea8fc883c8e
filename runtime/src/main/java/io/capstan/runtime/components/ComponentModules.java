package io.capstan.runtime.components;

import com.google.inject.Module;
import io.capstan.runtime.CapstanException;
import io.capstan.runtime.kernel.KernelPlan;
import io.capstan.runtime.kernel.SpiFamilies;
import io.capstan.runtime.plugin.SpiFamily;
import java.util.ArrayList;
import java.util.List;

/** The Guice modules of the configured components this build carries, in start order. */
public final class ComponentModules {

  private ComponentModules() {}

  /** A component that needs a plugin family stops start-up with what to set when none is selected. */
  private static void requireOne(KernelPlan plan, SpiFamily family, String component) {
    if (plan.selection().selected(family).isEmpty()) {
      String configured = plan.config().get(family.selectionKey()).map(v -> v.display()).orElse("(not set)");
      throw new CapstanException("the " + component + " component needs a " + family.id() + " plugin, but "
          + family.selectionKey() + " = " + configured + " is not installed; installed: " + plan.catalog().namesOf(family)
          + " (or leave " + component + " out of components)");
    }
  }

  private static boolean installed(KernelPlan plan, SpiFamily family) {
    return !plan.selection().selected(family).isEmpty() || !plan.catalog().plugins(family).isEmpty();
  }

  public static List<Module> of(KernelPlan plan) {
    List<Module> modules = new ArrayList<>();
    if (plan.components().contains("apiserver")) {
      requireOne(plan, SpiFamilies.STORE, "apiserver");
      modules.add(new ApiServerModule());
    } else {
      modules.add(new RemoteClientModule());
    }
    if (plan.components().contains("controller-manager")) {
      modules.add(new ControllerManagerModule());
    }
    if (plan.components().contains("scheduler")) {
      modules.add(new SchedulerModule());
    }
    // Without any container runtime installed (a build of the runtime alone) the node agents stay
    // off; `capstan up` notes the uninstalled default. A runtime named but missing stops start-up.
    if (plan.components().contains("node-agent") && (!plan.selection().selected(SpiFamilies.CONTAINER_RUNTIME).isEmpty()
        || !plan.catalog().plugins(SpiFamilies.CONTAINER_RUNTIME).isEmpty())) {
      requireOne(plan, SpiFamilies.CONTAINER_RUNTIME, "node-agent");
      modules.add(new NodesModule());
    }
    // Likewise the proxy and ingress hosts stay off when no plugin of their family is installed.
    if (plan.components().contains("proxy") && installed(plan, SpiFamilies.SERVICE_PROXY)) {
      requireOne(plan, SpiFamilies.SERVICE_PROXY, "proxy");
      modules.add(new ProxyModule());
    }
    if (plan.components().contains("ingress") && installed(plan, SpiFamilies.INGRESS)) {
      requireOne(plan, SpiFamilies.INGRESS, "ingress");
      modules.add(new IngressModule());
    }
    if (plan.components().contains("dns") && installed(plan, SpiFamilies.DNS)) {
      requireOne(plan, SpiFamilies.DNS, "dns");
      modules.add(new DnsModule());
    }
    return modules;
  }
}
