package io.capstan.runtime.kernel;

import io.capstan.runtime.CapstanException;
import static io.capstan.runtime.kernel.KernelFixtures.plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.runtime.config.ConfigurationException;
import io.capstan.runtime.plugin.DiscoveredPlugin;
import io.capstan.runtime.testplugins.HelloConfig;
import io.capstan.runtime.testplugins.TestFamilies;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KernelPlanTest {

  @Test
  void discoversEveryPluginOfEachFamilySortedByName() {
    KernelPlan plan = plan(Map.of());
    assertThat(plan.catalog().plugins(TestFamilies.GREETERS)).extracting(DiscoveredPlugin::name)
        .containsExactly("broken-module", "explodes", "fails-to-start", "forgets-binding", "hello", "shout");
    assertThat(plan.catalog().plugins(TestFamilies.JOURNAL)).extracting(DiscoveredPlugin::name).containsExactly("memory");
  }

  @Test
  void anOrderedChainKeepsTheConfiguredOrderAndBindsEachPluginsSettings() {
    KernelPlan plan = plan(Map.of("greeters.chain", "shout,hello", "journal.plugin", "memory", "greeters.hello.repeat", "2"));
    assertThat(plan.selection().selected(TestFamilies.GREETERS)).extracting(DiscoveredPlugin::name).containsExactly("shout", "hello");
    DiscoveredPlugin hello = plan.catalog().find(TestFamilies.GREETERS, "hello").orElseThrow();
    assertThat(((HelloConfig) plan.configOf(hello)).repeat()).isEqualTo(2);
  }

  @Test
  void anUnknownPluginNameListsTheAvailableNamesAndTheNearest() {
    assertThatThrownBy(() -> plan(Map.of("journal.plugin", "memroy")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("invalid configuration: journal.plugin (flag): unknown journal plugin 'memroy' (did you mean 'memory'?); available: memory");
  }

  @Test
  void allProblemsAreReportedAtOnce() {
    assertThatThrownBy(() -> plan(Map.of("journal.plugin", "nope", "greeters.chain", "hello", "greeters.hello.repeat", "0", "store.plugn", "x")))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).hasSize(3))
        .hasMessageContaining("unknown journal plugin 'nope'")
        .hasMessageContaining("greeters.hello.repeat (flag): must be at least 1")
        .hasMessageContaining("store.plugn (flag): unknown setting; did you mean 'store.plugin'?");
  }

  @Test
  void settingsOfPluginsThatExistButAreNotSelectedAreValidKeys() {
    KernelPlan plan = plan(Map.of("greeters.hello.greeting", "hi"));
    assertThat(plan.selection().selected(TestFamilies.GREETERS)).isEmpty();
    assertThatThrownBy(() -> plan(Map.of("greeters.helo.greeting", "hi")))
        .hasMessageContaining("greeters.helo.greeting (flag): unknown setting; did you mean 'greeters.hello.greeting'?");
  }

  @Test
  void aDefaultPluginThatIsNotInstalledIsAWarningButANamedOneIsAnError() {
    KernelPlan plan = KernelPlan.resolve(io.capstan.runtime.config.ConfigInputs.defaultsOnly(), SpiFamilies.ALL,
        getClass().getClassLoader(), java.nio.file.Path.of("target"));
    assertThat(plan.warnings()).isNotNull();
    assertThatThrownBy(() -> plan(SpiFamilies.ALL, Map.of("runtime.clock", "sundial")))
        .hasMessageContaining("runtime.clock (flag): unknown clock plugin 'sundial'");
  }

  @Test
  void anEnabledSetTakesStarAndMinusNames() {
    KernelPlan plan = plan(List.of(TestFamilies.GREETER_SET), Map.of("greeters.enabled", "*,-explodes,-broken-module,-forgets-binding,-fails-to-start"));
    assertThat(plan.selection().selected(TestFamilies.GREETER_SET)).extracting(DiscoveredPlugin::name).containsExactly("hello", "shout");
    KernelPlan one = plan(List.of(TestFamilies.GREETER_SET), Map.of("greeters.enabled", "shout"));
    assertThat(one.selection().selected(TestFamilies.GREETER_SET)).extracting(DiscoveredPlugin::name).containsExactly("shout");
  }

  @Test
  void twoPluginsWithOneNameAreRefusedNamingBothClasses() {
    assertThatThrownBy(() -> plan(List.of(TestFamilies.DUPLICATES), Map.of()))
        .isInstanceOf(CapstanException.class)
        .hasMessageContaining("two dup plugins are named 'same'")
        .hasMessageContaining("io.capstan.runtime.testplugins.DuplicateNames$First")
        .hasMessageContaining("io.capstan.runtime.testplugins.DuplicateNames$Second");
  }

  @Test
  void unknownComponentsAreNamedWithTheChoices() {
    assertThatThrownBy(() -> plan(Map.of("components", "apiserver,schedular")))
        .hasMessageContaining("unknown component 'schedular' (did you mean 'scheduler'?)");
    assertThat(plan(Map.of("components", "scheduler,apiserver")).components()).containsExactly("apiserver", "scheduler");
  }
}
