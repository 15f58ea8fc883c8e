package io.capstan.runtime.testplugins;

import io.capstan.spi.plugin.InvalidConfigException;
import java.time.Duration;
import java.util.List;

public record HelloConfig(String greeting, Integer repeat, Duration timeout, List<String> extras, Nested nested) {

  public record Nested(Integer depth) {
    public Nested {
      depth = depth == null ? 1 : depth;
    }
  }

  public HelloConfig {
    greeting = greeting == null ? "hello" : greeting;
    repeat = repeat == null ? 1 : repeat;
    timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
    extras = extras == null ? List.of() : List.copyOf(extras);
    nested = nested == null ? new Nested(null) : nested;
    if (repeat < 1) {
      throw new InvalidConfigException("repeat", "must be at least 1; write e.g. repeat: 2");
    }
  }
}
