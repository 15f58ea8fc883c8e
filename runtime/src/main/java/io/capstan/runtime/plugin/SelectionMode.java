package io.capstan.runtime.plugin;

/** How the configuration chooses among the plugins of one SPI family. */
public enum SelectionMode {
  /** Exactly one plugin, named by a scalar key ({@code store.plugin: rocksdb}). */
  ONE("one"),
  /** An ordered chain, named by a list key ({@code apiserver.authentication: [token-file, anonymous]}). */
  ORDERED_LIST("ordered list"),
  /**
   * A set in kube-controller-manager's {@code --controllers} style: {@code "*"} for every plugin,
   * {@code "-name"} to switch one off, a bare name to switch one on.
   */
  ENABLED_SET("enabled set"),
  /** Every discovered plugin is active (resource kinds: plugins add their own). */
  ALL("all"),
  /**
   * Plugins stay available by name; their host (the scheduler, for its profiles) picks, configures
   * and wires them itself. The kernel wires none of them.
   */
  REGISTRY("registry");

  private final String label;

  SelectionMode(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
