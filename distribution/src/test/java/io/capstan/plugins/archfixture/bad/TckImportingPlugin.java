package io.capstan.plugins.archfixture.bad;

import io.capstan.tck.clock.AbstractClockConformanceTest;

/** Violates PLUGINS_DO_NOT_IMPORT_RUNTIME: main plugin code depending on the test kit. */
public final class TckImportingPlugin {

  public String base() {
    return AbstractClockConformanceTest.class.getName();
  }
}
