package io.capstan.plugins.admission.limitranger;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Scopes;
import io.capstan.spi.admission.AdmissionPlugin;
import io.capstan.spi.admission.AdmissionPluginFactory;
import io.capstan.spi.plugin.NoConfig;

/** Registers {@link LimitRanger}. No settings. */
public final class LimitRangerFactory implements AdmissionPluginFactory<NoConfig> {

  @Override
  public String name() {
    return LimitRanger.NAME;
  }

  @Override
  public String description() {
    return "default requests and limits from the namespace's LimitRanges; enforces their min, max and limit/request ratio";
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
        bind(AdmissionPlugin.class).to(LimitRanger.class).in(Scopes.SINGLETON);
      }
    };
  }
}
