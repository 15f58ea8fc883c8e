package io.capstan.runtime.cli;

import io.capstan.runtime.config.ConfiguredValue;
import io.capstan.runtime.kernel.KernelPlan;
import io.capstan.runtime.plugin.DiscoveredPlugin;
import io.capstan.runtime.plugin.SpiFamily;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code capstan plugins}: every discovered plugin grouped by SPI, the selected ones marked. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
    description = {"List every discovered plugin grouped by SPI; '*' marks what the effective configuration selects."})
public final class PluginsCommand implements Callable<Integer> {

  @ParentCommand CapstanCommand parent;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    KernelPlan plan = KernelPlan.resolve(parent.global.inputs(Map.of()));
    PrintWriter out = spec.commandLine().getOut();
    for (SpiFamily family : plan.catalog().families()) {
      out.println(family.title() + "  [" + selectionLine(plan, family) + "]");
      List<DiscoveredPlugin> plugins = plan.catalog().plugins(family);
      if (plugins.isEmpty()) {
        out.println("    (none installed)");
      }
      int width = plugins.stream().mapToInt(p -> p.name().length()).max().orElse(0);
      for (DiscoveredPlugin plugin : plugins) {
        String mark = plan.selection().isSelected(plugin) ? "*" : " ";
        String description = plugin.factory().description();
        out.printf("  %s %-" + width + "s  %s%s%n", mark, plugin.name(),
            description.isEmpty() ? "" : description + "  ", "(" + plugin.className() + ")");
      }
      out.println();
    }
    plan.warnings().forEach(w -> out.println("note: " + w));
    out.flush();
    return 0;
  }

  private static String selectionLine(KernelPlan plan, SpiFamily family) {
    return switch (family.mode()) {
      case ALL -> "all active";
      case REGISTRY -> "available by name; " + registryNote(family);
      default -> family.selectionKey() + " = " + plan.config().get(family.selectionKey())
          .map(v -> v.display() + " (" + v.sourceDisplay() + ")")
          .orElse("(not set)");
    };
  }

  private static String registryNote(SpiFamily family) {
    return family.id().equals("scheduler") ? "scheduler profiles enable them" : "chosen by their host";
  }

  static String describe(ConfiguredValue value) {
    return value.display() + " (" + value.sourceDisplay() + ")";
  }
}
