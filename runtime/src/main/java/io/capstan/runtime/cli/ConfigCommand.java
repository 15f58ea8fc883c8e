package io.capstan.runtime.cli;

import io.capstan.runtime.config.ConfigBinder;
import io.capstan.runtime.config.ConfiguredValue;
import io.capstan.runtime.kernel.KernelPlan;
import io.capstan.runtime.plugin.DiscoveredPlugin;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code capstan config}: the effective configuration, every value with where it came from
 * (default, file, environment, system property, flag), including the settings of selected plugins.
 */
@Command(name = "config", mixinStandardHelpOptions = true,
    description = {"Print the effective configuration, each value with where it came from."})
public final class ConfigCommand implements Callable<Integer> {

  @ParentCommand CapstanCommand parent;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    KernelPlan plan = KernelPlan.resolve(parent.global.inputs(Map.of()));
    Map<String, String[]> rows = new TreeMap<>();
    for (ConfiguredValue value : plan.config().effective()) {
      rows.put(value.key(), new String[] {value.display(), value.sourceDisplay()});
    }
    ConfigBinder binder = new ConfigBinder();
    for (Map.Entry<DiscoveredPlugin, Object> entry : plan.pluginConfigs().entrySet()) {
      DiscoveredPlugin plugin = entry.getKey();
      binder.flatten(plugin.configPrefix(), entry.getValue()).forEach((key, value) ->
          rows.computeIfAbsent(key, k -> new String[] {String.valueOf(value), "default (plugin " + plugin.name() + ")"}));
    }
    List<String[]> lines = new ArrayList<>();
    rows.forEach((k, v) -> lines.add(new String[] {k, v[0], v[1]}));
    int keyWidth = lines.stream().mapToInt(l -> l[0].length()).max().orElse(10);
    int valueWidth = Math.min(48, lines.stream().mapToInt(l -> l[1].length()).max().orElse(10));
    PrintWriter out = spec.commandLine().getOut();
    out.printf("%-" + keyWidth + "s  %-" + valueWidth + "s  %s%n", "KEY", "VALUE", "SOURCE");
    for (String[] line : lines) {
      out.printf("%-" + keyWidth + "s  %-" + valueWidth + "s  %s%n", line[0], line[1], line[2]);
    }
    plan.warnings().forEach(w -> out.println("note: " + w));
    out.flush();
    return 0;
  }
}
