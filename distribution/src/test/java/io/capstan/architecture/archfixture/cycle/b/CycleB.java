package io.capstan.architecture.archfixture.cycle.b;

import io.capstan.architecture.archfixture.cycle.a.CycleA;

/** With {@link CycleA}, violates NO_PACKAGE_CYCLES. */
public final class CycleB {

  public CycleA partner() {
    return new CycleA();
  }
}
