package io.capstan.plugins.admission.webhook;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Scopes;
import io.capstan.spi.admission.AdmissionPlugin;
import io.capstan.spi.admission.AdmissionPluginFactory;
import io.capstan.spi.plugin.NoConfig;

/** Registers {@link MutatingAdmissionWebhook}. No settings: the webhooks are MutatingWebhookConfiguration objects. */
public final class MutatingAdmissionWebhookFactory implements AdmissionPluginFactory<NoConfig> {

  @Override
  public String name() {
    return MutatingAdmissionWebhook.NAME;
  }

  @Override
  public String description() {
    return "calls the webhooks of MutatingWebhookConfiguration objects with an admission.k8s.io/v1 AdmissionReview";
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
        bind(AdmissionPlugin.class).to(MutatingAdmissionWebhook.class).in(Scopes.SINGLETON);
      }
    };
  }
}
