package io.capstan.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;

/** Package cycles, which make a package impossible to understand, test or move on its own. */
public final class CycleRules {

  private CycleRules() {}

  /**
   * Every package under {@code io.capstan} is one slice ({@code (**)} captures the whole package
   * name after {@code io.capstan}, so sub-packages are slices of their own and a cycle between
   * {@code runtime.kernel} and {@code runtime.kernel.internal} counts).
   */
  public static final ArchRule NO_PACKAGE_CYCLES =
      slices()
          .matching("io.capstan.(**)")
          .should().beFreeOfCycles()
          .as("NO_PACKAGE_CYCLES: packages under io.capstan do not depend on each other in a cycle")
          .because("a cycle ties packages together for good; break it by moving the shared type "
              + "to the lower package or by depending on an interface (dependency inversion)");
}
