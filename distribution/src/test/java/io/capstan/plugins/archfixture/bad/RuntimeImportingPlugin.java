package io.capstan.plugins.archfixture.bad;

import io.capstan.runtime.clock.WallClock;
import java.time.Instant;

/** Violates PLUGINS_DO_NOT_IMPORT_RUNTIME: builds a runtime class instead of injecting Clock. */
public final class RuntimeImportingPlugin {

  public Instant now() {
    return new WallClock().now();
  }
}
