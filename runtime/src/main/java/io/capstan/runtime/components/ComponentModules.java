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

  public static List<Module> of(KernelPlan plan) {
    List<Module> modules = new ArrayList<>();
    if (plan.components().contains("apiserver")) {
      requireOne(plan, SpiFamilies.STORE, "apiserver");
      modules.add(new ApiServerModule());
    } else {
      modules.add(new RemoteClientModule());
    }
    if (plan.components().contains("scheduler")) {
      modules.add(new SchedulerModule());
    }
    return modules;
  }
}
