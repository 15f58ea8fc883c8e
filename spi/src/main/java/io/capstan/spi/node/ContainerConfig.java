package io.capstan.spi.node;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * One container to create in a sandbox: the CRI's {@code ContainerConfig}, reduced to what the
 * default runtimes use. The node agent derives it from the pod's container spec.
 *
 * @param name the container's name in the pod
 * @param attempt the restart count so far (the agent's, not the runtime's)
 * @param image the image reference
 * @param command the entrypoint ({@code command}); empty for the image's default
 * @param args the arguments ({@code args})
 * @param env the environment, already resolved
 * @param workingDir {@code ""} for the image's default
 * @param labels labels returned in statuses (the agent puts pod uid and container name here)
 * @param annotations annotations (the simulated runtime reads run time and exit code here)
 */
public record ContainerConfig(String name, int attempt, String image, List<String> command,
    List<String> args, Map<String, String> env, String workingDir, Map<String, String> labels,
    Map<String, String> annotations) {

  public ContainerConfig {
    requireNonNull(name, "name");
    requireNonNull(image, "image");
    command = List.copyOf(requireNonNull(command, "command"));
    args = List.copyOf(requireNonNull(args, "args"));
    env = Map.copyOf(requireNonNull(env, "env"));
    requireNonNull(workingDir, "workingDir");
    labels = Map.copyOf(requireNonNull(labels, "labels"));
    annotations = Map.copyOf(requireNonNull(annotations, "annotations"));
    if (name.isEmpty()) {
      throw new IllegalArgumentException("container name must not be empty");
    }
    if (attempt < 0) {
      throw new IllegalArgumentException("attempt must be >= 0, got " + attempt);
    }
  }
}
