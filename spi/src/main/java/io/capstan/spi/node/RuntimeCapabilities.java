package io.capstan.spi.node;

/**
 * What a runtime can do beyond the lifecycle every runtime supports. The conformance kit runs the
 * tests of a capability only when it is declared, and otherwise checks the operation fails cleanly
 * with {@link UnsupportedOperationException}.
 *
 * @param logs {@link ContainerRuntime#readLogs} works
 * @param followLogs {@link LogOptions#follow()} works
 * @param exec running a command inside a container works (not yet in this SPI; reserved)
 * @param realProcesses containers are real OS processes (the {@code process} runtime), not
 *     simulated ones; tests then budget real time
 */
public record RuntimeCapabilities(boolean logs, boolean followLogs, boolean exec,
    boolean realProcesses) {

  public RuntimeCapabilities {
    if (followLogs && !logs) {
      throw new IllegalArgumentException("followLogs requires logs");
    }
  }
}
