package io.capstan.plugins.admission.noderestriction;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Scopes;
import io.capstan.spi.admission.AdmissionPlugin;
import io.capstan.spi.admission.AdmissionPluginFactory;
import io.capstan.spi.plugin.NoConfig;

/** Registers {@link NodeRestriction}. No settings. */
public final class NodeRestrictionFactory implements AdmissionPluginFactory<NoConfig> {

  @Override
  public String name() {
    return NodeRestriction.NAME;
  }

  @Override
  public String description() {
    return "a node's credential (system:node:NAME) may change only its own Node and the status of pods bound to it";
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
        bind(AdmissionPlugin.class).to(NodeRestriction.class).in(Scopes.SINGLETON);
      }
    };
  }
}
