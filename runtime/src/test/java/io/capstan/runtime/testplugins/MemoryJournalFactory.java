package io.capstan.runtime.testplugins;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Singleton;
import io.capstan.spi.plugin.Lifecycle;
import io.capstan.spi.plugin.NoConfig;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

public final class MemoryJournalFactory implements JournalFactory<NoConfig> {

  /** Every journal event of the JVM, so tests can see start and stop order across services. */
  public static final List<String> EVENTS = new CopyOnWriteArrayList<>();

  @Override
  public String name() {
    return "memory";
  }

  @Override
  public String description() {
    return "keeps events in a list";
  }

  @Override
  public Class<NoConfig> configType() {
    return NoConfig.class;
  }

  @Override
  public Module module(NoConfig config) {
    return new AbstractModule() {
      @Override
      protected void configure() {
        bind(Journal.class).to(MemoryJournal.class).in(Singleton.class);
      }
    };
  }

  static final class MemoryJournal implements Journal, Lifecycle {
    @Override
    public void record(String event) {
      EVENTS.add(event);
    }

    @Override
    public List<String> events() {
      return List.copyOf(EVENTS);
    }

    @Override
    public void start() {
      EVENTS.add("start journal");
    }

    @Override
    public void close() {
      EVENTS.add("stop journal");
    }
  }
}
