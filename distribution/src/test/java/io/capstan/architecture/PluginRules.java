package io.capstan.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchRule;
import io.capstan.spi.plugin.PluginFactory;

/** How plugins are packaged and found: one package per plugin, one services line per factory. */
public final class PluginRules {

  private PluginRules() {}

  /**
   * Every concrete plugin factory anywhere under {@code io.capstan} (plugin modules, the runtime's
   * own clock plugins, examples) is registered for {@link java.util.ServiceLoader}.
   */
  public static final ArchRule PLUGIN_FACTORIES_ARE_REGISTERED =
      classes()
          .that().areAssignableTo(PluginFactory.class)
          .and().areNotInterfaces()
          .and().doNotHaveModifier(JavaModifier.ABSTRACT)
          .and().resideInAPackage("io.capstan..")
          .should(new RegisteredAsService())
          .allowEmptyShould(true) // holds vacuously until the first plugin lands
          .as("PLUGIN_FACTORIES_ARE_REGISTERED: every concrete PluginFactory is public and listed "
              + "in META-INF/services/<its factory interface>")
          .because("the kernel finds plugins only through ServiceLoader; an unlisted factory is "
              + "silently never loaded");

  /**
   * A plugin's classes share one package {@code io.capstan.plugins.<area>.<plugin>}, so its Guice
   * module, config record and helpers stay private to it; the factory marks where that package is.
   */
  public static final ArchRule EACH_PLUGIN_IN_ITS_OWN_PACKAGE =
      classes()
          .that().resideInAPackage("io.capstan.plugins..")
          .and().areAssignableTo(PluginFactory.class)
          .and().areNotInterfaces()
          .and().doNotHaveModifier(JavaModifier.ABSTRACT)
          .should().resideInAPackage("io.capstan.plugins.*.*")
          .allowEmptyShould(true)
          .as("EACH_PLUGIN_IN_ITS_OWN_PACKAGE: plugin factories reside in exactly "
              + "io.capstan.plugins.<area>.<plugin>")
          .because("one package per plugin keeps its module, config and helpers private to it; "
              + "move the factory and its classes to io.capstan.plugins.<area>.<plugin-name>, "
              + "e.g. io.capstan.plugins.store.rocksdb");
}
