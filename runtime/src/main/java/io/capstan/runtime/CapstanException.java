package io.capstan.runtime;

/**
 * An error the user can fix: a bad configuration, an unknown plugin name, a plugin that fails to
 * wire. The message says what is wrong, where, and what to do; the CLI prints it without a stack
 * trace (unless {@code --debug}) and exits non-zero.
 */
public class CapstanException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public CapstanException(String message) {
    super(message);
  }

  public CapstanException(String message, Throwable cause) {
    super(message, cause);
  }
}
