package io.capstan.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The module edges of ARCHITECTURE.md: the SPI depends on an allow-list only, plugins and the
 * runtime never see each other, and both reach each other only through SPI interfaces.
 */
public final class LayerRules {

  private LayerRules() {}

  /** The allow-list of CONVENTIONS.md, also guarded by the spi module's Maven enforcer rule. */
  public static final ArchRule SPI_DEPENDS_ON_NO_OTHER_MODULE =
      classes()
          .that().resideInAPackage("io.capstan.spi..")
          .should().onlyDependOnClassesThat().resideInAnyPackage(
              "java..",
              "javax.annotation..",
              "io.capstan.spi..",
              "io.fabric8.kubernetes..",
              "com.fasterxml.jackson..",
              "jakarta.inject..",
              "com.google.inject..")
          .as("SPI_DEPENDS_ON_NO_OTHER_MODULE: classes in io.capstan.spi.. depend only on the JDK, "
              + "fabric8 kubernetes-model, Jackson, jakarta.inject and Guice")
          .because("every plugin compiles against the SPI, so anything it pulls in becomes everyone's "
              + "dependency; move implementation code to runtime or a plugin module and keep only "
              + "the interface in spi");

  /** Plugins get host services injected as SPI interfaces; the TCK is for their tests only. */
  public static final ArchRule PLUGINS_DO_NOT_IMPORT_RUNTIME =
      noClasses()
          .that().resideInAPackage("io.capstan.plugins..")
          .should().dependOnClassesThat().resideInAnyPackage("io.capstan.runtime..", "io.capstan.tck..")
          .allowEmptyShould(true) // plugin modules are still empty; the rule must hold as they fill
          .as("PLUGINS_DO_NOT_IMPORT_RUNTIME: classes in io.capstan.plugins.. depend neither on "
              + "io.capstan.runtime.. nor, in main code, on io.capstan.tck..")
          .because("a plugin must load into any host that provides the SPI; inject the SPI interface "
              + "(Clock, TaskExecutor, a client) instead of the runtime class, and use the TCK from "
              + "src/test only");

  /** The kernel knows plugins only through ServiceLoader and their factories' SPI interfaces. */
  public static final ArchRule RUNTIME_DOES_NOT_IMPORT_PLUGINS =
      noClasses()
          .that().resideInAPackage("io.capstan.runtime..")
          .should().dependOnClassesThat().resideInAPackage("io.capstan.plugins..")
          .allowEmptyShould(true)
          .as("RUNTIME_DOES_NOT_IMPORT_PLUGINS: classes in io.capstan.runtime.. do not depend on "
              + "io.capstan.plugins..")
          .because("plugins are discovered through META-INF/services and chosen by configuration; "
              + "look the plugin up by name through its factory's SPI instead of naming its class");
}
