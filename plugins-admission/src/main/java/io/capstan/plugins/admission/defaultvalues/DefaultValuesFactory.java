package io.capstan.plugins.admission.defaultvalues;

import com.google.inject.Module;
import io.capstan.spi.admission.AdmissionPluginFactory;
import io.capstan.spi.plugin.NoConfig;

/**
 * Registers {@link DefaultValues}, listed in
 * {@code META-INF/services/io.capstan.spi.admission.AdmissionPluginFactory}. No settings: the
 * defaults are Kubernetes' own.
 */
public final class DefaultValuesFactory implements AdmissionPluginFactory<NoConfig> {

  @Override
  public String name() {
    return DefaultValues.NAME;
  }

  @Override
  public String description() {
    return "fills in Kubernetes' default values (restartPolicy, replicas, port protocols, ...) on create and update";
  }

  @Override
  public Class<NoConfig> configType() {
    return NoConfig.class;
  }

  @Override
  public Module module(NoConfig config) {
    return new DefaultValuesModule();
  }
}
