package io.capstan.runtime.testplugins;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import io.capstan.spi.plugin.NoConfig;
import java.util.Locale;

public final class ShoutGreeterFactory implements GreeterFactory<NoConfig> {

  @Override
  public String name() {
    return "shout";
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
        bind(Greeter.class).toInstance(who -> "HEY " + who.toUpperCase(Locale.ROOT));
      }
    };
  }
}
