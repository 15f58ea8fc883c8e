package io.capstan.plugins.admission.namespacelifecycle;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import io.capstan.spi.admission.AdmissionPlugin;
import io.capstan.spi.admission.AdmissionPluginFactory;
import io.capstan.spi.plugin.NoConfig;

/** Registers {@link NamespaceLifecycle}. */
public final class NamespaceLifecycleFactory implements AdmissionPluginFactory<NoConfig> {

  @Override
  public String name() {
    return NamespaceLifecycle.NAME;
  }

  @Override
  public String description() {
    return "no content in missing or terminating namespaces; system namespaces are not deletable";
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
        bind(AdmissionPlugin.class).to(NamespaceLifecycle.class);
      }
    };
  }
}
