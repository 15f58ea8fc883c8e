package io.capstan.runtime.testplugins;

import io.capstan.runtime.plugin.SelectionMode;
import io.capstan.runtime.plugin.SpiFamily;
import io.capstan.spi.plugin.PluginFactory;
import java.util.List;

/** Plugin slots used only by the kernel's tests. */
public final class TestFamilies {

  public static final SpiFamily GREETERS = new SpiFamily("greeter", "Greeters", GreeterFactory.class,
      List.of(Greeter.class), SelectionMode.ORDERED_LIST, "greeters.chain", "greeters");
  public static final SpiFamily GREETER_SET = new SpiFamily("greeter-set", "Greeter set", GreeterFactory.class,
      List.of(Greeter.class), SelectionMode.ENABLED_SET, "greeters.enabled", "greeters");
  public static final SpiFamily JOURNAL = new SpiFamily("journal", "Journal", JournalFactory.class,
      List.of(Journal.class), SelectionMode.ONE, "journal.plugin", "journal");
  public static final SpiFamily DUPLICATES = new SpiFamily("dup", "Duplicates", DuplicateFactory.class,
      List.of(Greeter.class), SelectionMode.ONE, "dup.plugin", "dup");

  /** Plugin factory interface whose services file lists two plugins with the same name. */
  public interface DuplicateFactory<C> extends PluginFactory<C> {}

  private TestFamilies() {}
}
