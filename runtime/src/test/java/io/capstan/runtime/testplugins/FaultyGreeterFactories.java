package io.capstan.runtime.testplugins;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import io.capstan.spi.plugin.NoConfig;
import jakarta.inject.Inject;

/** Plugins that fail in each way the kernel must explain: broken module, missing binding, failing constructor, failing start. */
public final class FaultyGreeterFactories {

  private FaultyGreeterFactories() {}

  abstract static class Base implements GreeterFactory<NoConfig> {
    @Override
    public Class<NoConfig> configType() {
      return NoConfig.class;
    }
  }

  public static final class BrokenModule extends Base {
    @Override
    public String name() {
      return "broken-module";
    }

    @Override
    public Module module(NoConfig config) {
      return new AbstractModule() {
        @Override
        protected void configure() {
          throw new IllegalStateException("greeting catalogue missing");
        }
      };
    }
  }

  public static final class ForgetsBinding extends Base {
    @Override
    public String name() {
      return "forgets-binding";
    }

    @Override
    public Module module(NoConfig config) {
      return new AbstractModule() {};
    }
  }

  public static final class Explodes extends Base {
    @Override
    public String name() {
      return "explodes";
    }

    @Override
    public Module module(NoConfig config) {
      return new AbstractModule() {
        @Override
        protected void configure() {
          bind(Greeter.class).to(ExplodingGreeter.class).asEagerSingleton();
        }
      };
    }
  }

  static final class ExplodingGreeter implements Greeter {
    @Inject
    ExplodingGreeter() {
      throw new IllegalStateException("cannot open greeting database");
    }

    @Override
    public String greet(String who) {
      return who;
    }
  }

  public static final class FailsToStart extends Base {
    @Override
    public String name() {
      return "fails-to-start";
    }

    @Override
    public Module module(NoConfig config) {
      return new AbstractModule() {
        @Override
        protected void configure() {
          bind(Greeter.class).to(FailingStart.class).in(com.google.inject.Singleton.class);
        }
      };
    }
  }

  static final class FailingStart implements Greeter, io.capstan.spi.plugin.Lifecycle {
    private final Journal journal;

    @Inject
    FailingStart(Journal journal) {
      this.journal = journal;
    }

    @Override
    public String greet(String who) {
      return who;
    }

    @Override
    public void start() {
      throw new IllegalStateException("port already in use");
    }

    @Override
    public void close() {
      journal.record("stop fails-to-start");
    }
  }
}
