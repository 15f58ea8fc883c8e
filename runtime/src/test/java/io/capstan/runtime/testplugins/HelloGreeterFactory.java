package io.capstan.runtime.testplugins;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Singleton;
import io.capstan.spi.plugin.Lifecycle;
import jakarta.inject.Inject;

public final class HelloGreeterFactory implements GreeterFactory<HelloConfig> {

  @Override
  public String name() {
    return "hello";
  }

  @Override
  public String description() {
    return "says the configured greeting";
  }

  @Override
  public Class<HelloConfig> configType() {
    return HelloConfig.class;
  }

  @Override
  public Module module(HelloConfig config) {
    return new AbstractModule() {
      @Override
      protected void configure() {
        bind(HelloConfig.class).toInstance(config);
        bind(Greeter.class).to(HelloGreeter.class).in(Singleton.class);
      }
    };
  }

  static final class HelloGreeter implements Greeter, Lifecycle {
    private final HelloConfig config;
    private final Journal journal;

    @Inject
    HelloGreeter(HelloConfig config, Journal journal) {
      this.config = config;
      this.journal = journal;
    }

    @Override
    public String greet(String who) {
      return (config.greeting() + " ").repeat(config.repeat()) + who;
    }

    @Override
    public void start() {
      journal.record("start hello");
    }

    @Override
    public void close() {
      journal.record("stop hello");
    }
  }
}
