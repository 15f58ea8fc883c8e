package io.capstan.spi.node;

import static java.util.Objects.requireNonNull;

/**
 * The runtime's identity, reported in {@code Node.status.nodeInfo.containerRuntimeVersion} as
 * {@code name://version}.
 *
 * @param name the runtime plugin's name ({@code simulated}, {@code process})
 * @param version its version
 */
public record RuntimeVersion(String name, String version) {

  public RuntimeVersion {
    requireNonNull(name, "name");
    requireNonNull(version, "version");
  }

  /** {@code name://version}, the Kubernetes format. */
  @Override
  public String toString() {
    return name + "://" + version;
  }
}
