package io.capstan.runtime.node;

import static java.util.Objects.requireNonNull;

import io.capstan.runtime.config.LayeredConfig;
import io.capstan.runtime.kernel.KernelPlan;
import io.capstan.runtime.kernel.SpiFamilies;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Puts the container runtimes' files under the process's data folder ({@code runtime.dataDir},
 * {@code capstan up --data DIR}) unless the runtime's own {@code dataDir} is configured: the
 * {@code process} runtime's logs, working directories and process records go to
 * {@code <data>/process}, so one data folder holds everything a restart needs.
 */
public final class NodeDataDirs {

  /** The process runtime's data folder key. */
  static final String PROCESS_DATA_DIR = "node.process.dataDir";

  private NodeDataDirs() {}

  /**
   * The flags plus {@code node.process.dataDir = <runtime.dataDir>/process} when no source sets the
   * runtime's folder and the runtime is installed; the same flags otherwise.
   *
   * @param plan the plan resolved from {@code flags} and the other sources
   * @param flags the command line's flags
   */
  public static Map<String, String> withRuntimeDataDirs(KernelPlan plan, Map<String, String> flags) {
    requireNonNull(plan, "plan");
    requireNonNull(flags, "flags");
    LayeredConfig config = plan.config();
    if (plan.catalog().find(SpiFamilies.CONTAINER_RUNTIME, "process").isEmpty()
        || config.get(PROCESS_DATA_DIR).isPresent() || config.get("runtime.dataDir").isEmpty()) {
      return flags;
    }
    Map<String, String> out = new LinkedHashMap<>(flags);
    out.put(PROCESS_DATA_DIR, Path.of(config.string("runtime.dataDir")).resolve("process").toString());
    return out;
  }
}
