package io.capstan.spi.plugin;

import static java.util.Objects.requireNonNull;

/**
 * Thrown from a configuration record's compact constructor when a value is invalid. The kernel
 * prefixes {@link #field()} with the record's configuration prefix, so the user sees the full key
 * ({@code store.rocksdb.syncMode}) next to the message saying what to write instead.
 */
public final class InvalidConfigException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String field;

  public InvalidConfigException(String field, String message) {
    super(requireNonNull(message, "message"));
    this.field = requireNonNull(field, "field");
  }

  /** The field's name relative to the record, e.g. {@code syncMode}. */
  public String field() {
    return field;
  }
}
