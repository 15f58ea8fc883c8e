package io.capstan.architecture;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import io.capstan.architecture.archfixture.cycle.a.CycleA;
import io.capstan.architecture.archfixture.cycle.b.CycleB;
import io.capstan.architecture.archfixture.naming.AbstractNamedFreely;
import io.capstan.architecture.archfixture.naming.ChecksWithoutSuffix;
import io.capstan.architecture.archfixture.naming.ExtendsBaseWithoutSuffix;
import io.capstan.plugins.archfixture.AbstractFixtureFactory;
import io.capstan.plugins.archfixture.FixtureFactory;
import io.capstan.plugins.archfixture.ShallowFactory;
import io.capstan.plugins.archfixture.bad.RuntimeImportingPlugin;
import io.capstan.plugins.archfixture.bad.TckImportingPlugin;
import io.capstan.plugins.archfixture.good.GoodFactory;
import io.capstan.plugins.archfixture.good.SpiOnlyPlugin;
import io.capstan.plugins.archfixture.too.deep.DeepFactory;
import io.capstan.plugins.archfixture.unregistered.UnregisteredFactory;
import io.capstan.runtime.archfixture.PluginImportingRuntime;
import io.capstan.spi.archfixture.SpiTypeUsingSlf4j;
import io.capstan.spi.archfixture.WellBehavedSpiType;
import org.junit.jupiter.api.Test;

/**
 * Proves each rule is not vacuous: it fails on a deliberate violation, naming the offending class
 * in its message, and passes on a well-behaved fixture. A rule that stopped matching anything
 * (a renamed package, a typo in a pattern) would fail here instead of silently passing everywhere.
 */
class RulesCatchViolationsTest {

  private static void assertFails(ArchRule rule, Class<?> offender, Class<?>... alsoImported) {
    Class<?>[] classes = new Class<?>[alsoImported.length + 1];
    classes[0] = offender;
    System.arraycopy(alsoImported, 0, classes, 1, alsoImported.length);
    assertThatThrownBy(() -> rule.check(new ClassFileImporter().importClasses(classes)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(offender.getName());
  }

  private static void assertPasses(ArchRule rule, Class<?>... classes) {
    assertThatCode(() -> rule.check(new ClassFileImporter().importClasses(classes)))
        .doesNotThrowAnyException();
  }

  @Test
  void spiRuleCatchesALibraryOutsideTheAllowList() {
    assertFails(LayerRules.SPI_DEPENDS_ON_NO_OTHER_MODULE, SpiTypeUsingSlf4j.class);
    assertPasses(LayerRules.SPI_DEPENDS_ON_NO_OTHER_MODULE, WellBehavedSpiType.class);
  }

  @Test
  void pluginRuleCatchesRuntimeAndTckImports() {
    assertFails(LayerRules.PLUGINS_DO_NOT_IMPORT_RUNTIME, RuntimeImportingPlugin.class);
    assertFails(LayerRules.PLUGINS_DO_NOT_IMPORT_RUNTIME, TckImportingPlugin.class);
    assertPasses(LayerRules.PLUGINS_DO_NOT_IMPORT_RUNTIME, SpiOnlyPlugin.class, GoodFactory.class);
  }

  @Test
  void runtimeRuleCatchesAPluginImport() {
    assertFails(LayerRules.RUNTIME_DOES_NOT_IMPORT_PLUGINS, PluginImportingRuntime.class);
    assertPasses(LayerRules.RUNTIME_DOES_NOT_IMPORT_PLUGINS, io.capstan.runtime.clock.WallClock.class);
  }

  @Test
  void cycleRuleCatchesTwoPackagesUsingEachOther() {
    assertFails(CycleRules.NO_PACKAGE_CYCLES, CycleA.class, CycleB.class);
    assertPasses(CycleRules.NO_PACKAGE_CYCLES, CycleA.class, SpiOnlyPlugin.class);
  }

  @Test
  void registrationRuleCatchesAnUnlistedFactoryAndANonPublicOne() throws ClassNotFoundException {
    assertFails(PluginRules.PLUGIN_FACTORIES_ARE_REGISTERED, UnregisteredFactory.class);
    Class<?> hidden = Class.forName("io.capstan.plugins.archfixture.good.HiddenFactory");
    assertFails(PluginRules.PLUGIN_FACTORIES_ARE_REGISTERED, hidden);
    // abstract bases and the SPI interface itself are not factories the kernel instantiates
    assertPasses(PluginRules.PLUGIN_FACTORIES_ARE_REGISTERED,
        GoodFactory.class, AbstractFixtureFactory.class, FixtureFactory.class);
  }

  @Test
  void registrationRuleNamesTheServicesFileToEdit() {
    assertThatThrownBy(() -> PluginRules.PLUGIN_FACTORIES_ARE_REGISTERED.check(
            new ClassFileImporter().importClasses(UnregisteredFactory.class)))
        .hasMessageContaining("META-INF/services/io.capstan.plugins.archfixture.FixtureFactory");
  }

  @Test
  void packageRuleCatchesFactoriesTooShallowOrTooDeep() {
    assertFails(PluginRules.EACH_PLUGIN_IN_ITS_OWN_PACKAGE, ShallowFactory.class);
    assertFails(PluginRules.EACH_PLUGIN_IN_ITS_OWN_PACKAGE, DeepFactory.class);
    assertPasses(PluginRules.EACH_PLUGIN_IN_ITS_OWN_PACKAGE,
        GoodFactory.class, UnregisteredFactory.class, AbstractFixtureFactory.class);
  }

  @Test
  void namingRuleCatchesTestClassesSurefireWouldSkip() {
    assertFails(TestNamingRules.TEST_CLASSES_ARE_NAMED_TO_RUN, ChecksWithoutSuffix.class);
    assertFails(TestNamingRules.TEST_CLASSES_ARE_NAMED_TO_RUN, ExtendsBaseWithoutSuffix.class);
    assertPasses(TestNamingRules.TEST_CLASSES_ARE_NAMED_TO_RUN,
        AbstractNamedFreely.class, RulesCatchViolationsTest.class, ArchitectureTest.class);
  }

  @Test
  void rulesOnStillEmptyModulesPassWhenNothingMatches() {
    // allowEmptyShould(true): plugin modules have no classes yet and must not fail the build
    assertPasses(LayerRules.PLUGINS_DO_NOT_IMPORT_RUNTIME, String.class);
    assertPasses(LayerRules.RUNTIME_DOES_NOT_IMPORT_PLUGINS, String.class);
    assertPasses(PluginRules.PLUGIN_FACTORIES_ARE_REGISTERED, String.class);
    assertPasses(PluginRules.EACH_PLUGIN_IN_ITS_OWN_PACKAGE, String.class);
    assertPasses(TestNamingRules.TEST_CLASSES_ARE_NAMED_TO_RUN, String.class);
  }
}
