package io.capstan.runtime.config;

import io.capstan.runtime.CapstanException;
import java.util.List;
import java.util.stream.Collectors;

/** Every problem found in the configuration at once, so the user can fix them in one go. */
public final class ConfigurationException extends CapstanException {

  private static final long serialVersionUID = 1L;

  private final transient List<ConfigProblem> problems;

  public ConfigurationException(List<ConfigProblem> problems) {
    super(render(problems));
    this.problems = List.copyOf(problems);
  }

  public static ConfigurationException of(String key, String where, String message) {
    return new ConfigurationException(List.of(new ConfigProblem(key, where, message)));
  }

  public List<ConfigProblem> problems() {
    return problems;
  }

  private static String render(List<ConfigProblem> problems) {
    if (problems.size() == 1) {
      return "invalid configuration: " + problems.get(0);
    }
    return problems.stream()
        .map(p -> "  - " + p)
        .collect(Collectors.joining("\n", "invalid configuration (" + problems.size() + " problems):\n", ""));
  }
}
