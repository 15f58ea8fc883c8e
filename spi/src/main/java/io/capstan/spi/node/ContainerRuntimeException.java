package io.capstan.spi.node;

import static java.util.Objects.requireNonNull;

/**
 * A runtime operation failed: unknown sandbox or container id where one is required, image not
 * found, process could not be started. The message names the id and what to check. Idempotent
 * operations (stop, remove) never throw this for an id that is already gone.
 */
public class ContainerRuntimeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ContainerRuntimeException(String message) {
    super(requireNonNull(message, "message"));
  }

  public ContainerRuntimeException(String message, Throwable cause) {
    super(requireNonNull(message, "message"), cause);
  }
}
