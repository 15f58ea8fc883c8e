package io.capstan.architecture.archfixture.cycle.a;

import io.capstan.architecture.archfixture.cycle.b.CycleB;

/** With {@link CycleB}, violates NO_PACKAGE_CYCLES: package a uses b and b uses a. */
public final class CycleA {

  public CycleB partner() {
    return new CycleB();
  }
}
