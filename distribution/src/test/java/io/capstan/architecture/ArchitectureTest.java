package io.capstan.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks every rule against the real code: the main classes of every module (distribution depends
 * on all of them), and for test naming, the test classes of every module built so far. The
 * deliberate violations under {@code ..archfixture..} are test classes and are left out here; {@code
 * *ViolationTest} proves each rule catches them.
 */
class ArchitectureTest {

  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.capstan");
  }

  @Test
  void theImportSeesEveryModuleThatHasCode() {
    // guards against passing vacuously: a broken import would make every rule hold
    assertThat(main.containPackage("io.capstan.spi.clock")).as("spi").isTrue();
    assertThat(main.containPackage("io.capstan.runtime.clock")).as("runtime").isTrue();
    assertThat(main.containPackage("io.capstan.tck.clock")).as("tck").isTrue();
    assertThat(main.stream().noneMatch(c -> c.getPackageName().contains("archfixture")))
        .as("fixtures stay out of the real check").isTrue();
  }

  @Test
  void spiDependsOnNoOtherModule() {
    LayerRules.SPI_DEPENDS_ON_NO_OTHER_MODULE.check(main);
  }

  @Test
  void pluginsDoNotImportRuntime() {
    LayerRules.PLUGINS_DO_NOT_IMPORT_RUNTIME.check(main);
  }

  @Test
  void runtimeDoesNotImportPlugins() {
    LayerRules.RUNTIME_DOES_NOT_IMPORT_PLUGINS.check(main);
  }

  @Test
  void noPackageCycles() {
    CycleRules.NO_PACKAGE_CYCLES.check(main);
  }

  @Test
  void pluginFactoriesAreRegistered() {
    PluginRules.PLUGIN_FACTORIES_ARE_REGISTERED.check(main);
  }

  @Test
  void eachPluginInItsOwnPackage() {
    PluginRules.EACH_PLUGIN_IN_ITS_OWN_PACKAGE.check(main);
  }

  @Test
  void testClassesAreNamedToRun() throws URISyntaxException {
    JavaClasses tests = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
        .withImportOption(ArchitectureTest::isNotAFixture)
        .importPaths(testClassDirectories());
    assertThat(tests.contain(ArchitectureTest.class)).as("test classes were imported").isTrue();
    TestNamingRules.TEST_CLASSES_ARE_NAMED_TO_RUN.check(tests);
  }

  private static boolean isNotAFixture(Location location) {
    return !location.contains("/archfixture/");
  }

  /**
   * This module's test classes and every sibling module's {@code target/test-classes}: only
   * distribution's own are on its classpath, and a misnamed test elsewhere is just as silent.
   * Modules not built yet (a {@code -pl distribution} run) are simply skipped.
   */
  private static List<Path> testClassDirectories() throws URISyntaxException {
    Path own = Path.of(
        ArchitectureTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Path> directories = new ArrayList<>(List.of(own));
    Path root = own.getParent().getParent().getParent(); // <root>/distribution/target/test-classes
    File[] modules = root.toFile().listFiles(File::isDirectory);
    for (File module : modules == null ? new File[0] : modules) {
      Path classes = module.toPath().resolve("target").resolve("test-classes");
      if (!classes.equals(own) && Files.isDirectory(classes)) {
        directories.add(classes);
      }
    }
    return directories;
  }
}
