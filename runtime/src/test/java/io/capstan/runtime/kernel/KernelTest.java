package io.capstan.runtime.kernel;

import io.capstan.runtime.CapstanException;
import static io.capstan.runtime.kernel.KernelFixtures.plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import io.capstan.runtime.testplugins.Greeter;
import io.capstan.runtime.testplugins.Journal;
import io.capstan.runtime.testplugins.MemoryJournalFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KernelTest {

  @BeforeEach
  void clearJournal() {
    MemoryJournalFactory.EVENTS.clear();
  }

  @Test
  void aSinglePluginFamilyBindsItsServiceAndAChainBindsAnOrderedListAndAMap() {
    try (Kernel kernel = Kernel.create(plan(Map.of("journal.plugin", "memory", "greeters.chain", "shout,hello", "greeters.hello.greeting", "hi")))) {
      assertThat(kernel.injector().getInstance(Journal.class)).isNotNull();
      List<Greeter> chain = kernel.injector().getInstance(Key.get(new TypeLiteral<List<Greeter>>() {}));
      assertThat(chain).extracting(g -> g.greet("bob")).containsExactly("HEY BOB", "hi bob");
      Map<String, Greeter> byName = kernel.injector().getInstance(Key.get(new TypeLiteral<Map<String, Greeter>>() {}));
      assertThat(byName.keySet()).containsExactly("shout", "hello");
    }
  }

  @Test
  void servicesStartInDependencyOrderAndStopInReverse() {
    Kernel kernel = Kernel.create(plan(Map.of("journal.plugin", "memory", "greeters.chain", "hello")));
    kernel.start();
    kernel.close();
    kernel.close();
    assertThat(MemoryJournalFactory.EVENTS).containsExactly("start journal", "start hello", "stop hello", "stop journal");
  }

  @Test
  void aServiceThatFailsToStartStopsTheOnesAlreadyStarted() {
    Kernel kernel = Kernel.create(plan(Map.of("journal.plugin", "memory", "greeters.chain", "fails-to-start")));
    assertThatThrownBy(kernel::start)
        .isInstanceOf(CapstanException.class)
        .hasMessageContaining("failed to start")
        .hasMessageContaining("port already in use");
    assertThat(MemoryJournalFactory.EVENTS).containsExactly("start journal", "stop journal");
  }

  @Test
  void aModuleThatThrowsNamesThePluginAndTheCause() {
    assertThatThrownBy(() -> Kernel.create(plan(Map.of("greeters.chain", "broken-module"))))
        .isInstanceOf(CapstanException.class)
        .hasMessageContaining("greeter plugin 'broken-module'")
        .hasMessageContaining("broken Guice module")
        .hasMessageContaining("greeting catalogue missing");
  }

  @Test
  void aModuleThatForgetsToBindTheServiceSaysWhatToBind() {
    assertThatThrownBy(() -> Kernel.create(plan(Map.of("greeters.chain", "forgets-binding"))))
        .hasMessageContaining("greeter plugin 'forgets-binding'")
        .hasMessageContaining("must bind io.capstan.runtime.testplugins.Greeter");
  }

  @Test
  void aServiceWhoseConstructorFailsNamesThePluginAndTheCause() {
    assertThatThrownBy(() -> Kernel.create(plan(Map.of("greeters.chain", "explodes"))))
        .isInstanceOf(CapstanException.class)
        .hasMessageContaining("greeter plugin 'explodes'")
        .hasMessageContaining("cannot open greeting database");
  }

  @Test
  void aMissingDependencyNamesThePluginThatNeedsIt() {
    // hello needs a Journal, and no journal plugin is selected
    assertThatThrownBy(() -> Kernel.create(plan(Map.of("greeters.chain", "hello"))))
        .isInstanceOf(CapstanException.class)
        .hasMessageContaining("greeter plugin 'hello'")
        .hasMessageContaining("Journal");
  }
}
