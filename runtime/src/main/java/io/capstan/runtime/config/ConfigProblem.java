package io.capstan.runtime.config;

import static java.util.Objects.requireNonNull;

/** One thing wrong with the configuration: the key, where it was set, and what to do about it. */
public record ConfigProblem(String key, String where, String message) {

  public ConfigProblem {
    requireNonNull(key, "key");
    requireNonNull(where, "where");
    requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return key + " (" + where + "): " + message;
  }
}
