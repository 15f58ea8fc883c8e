package io.capstan.runtime.kernel;

import io.capstan.runtime.config.ConfigProblem;
import io.capstan.runtime.config.EditDistance;
import io.capstan.runtime.config.LayeredConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The components a process can run, chosen by {@code components: [...]}. A process may run any
 * subset, e.g. only a scheduler against a remote API server. The list is in start order; stop runs
 * in reverse.
 */
public final class Components {

  /** Every component name, in the order they start. */
  public static final List<String> ALL =
      List.of("apiserver", "controller-manager", "scheduler", "node-agent", "proxy", "ingress", "dns");

  /**
   * The components this build can run. Each arrives with its own issue (API server, scheduler,
   * ...); until then {@code capstan up} says which configured components are not built yet.
   */
  public static final java.util.Set<String> BUILT =
      java.util.Set.of("apiserver", "scheduler", "controller-manager", "node-agent", "proxy", "ingress", "dns");

  private Components() {}

  /** The configured components in start order, or problems naming unknown ones. */
  public static List<String> configured(LayeredConfig config, List<ConfigProblem> problems) {
    List<String> names = config.list("components");
    List<String> out = new ArrayList<>();
    for (String name : names) {
      if (ALL.contains(name)) {
        continue;
      }
      String hint = ALL.stream()
          .min(Comparator.comparingInt(n -> EditDistance.between(n, name)))
          .map(n -> " (did you mean '" + n + "'?)")
          .orElse("");
      problems.add(new ConfigProblem("components", config.where("components"),
          "unknown component '" + name + "'" + hint + "; available: " + String.join(", ", ALL)));
    }
    for (String name : ALL) {
      if (names.contains(name)) {
        out.add(name);
      }
    }
    return List.copyOf(out);
  }
}
