package io.capstan.plugins.admission.rbac;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Scopes;
import io.capstan.spi.admission.AdmissionPlugin;
import io.capstan.spi.admission.AdmissionPluginFactory;
import io.capstan.spi.plugin.NoConfig;

/**
 * Registers {@link RbacEscalation} as admission plugin {@code RBACEscalation}. Needs from the host
 * the shared {@code InformerFactory} and the authorizer chain ({@code List<Authorizer>}).
 */
public final class RbacEscalationFactory implements AdmissionPluginFactory<NoConfig> {

  @Override
  public String name() {
    return RbacEscalation.NAME;
  }

  @Override
  public String description() {
    return "RBAC escalation prevention: no granting of permissions one does not hold (escalate/bind verbs excepted)";
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
        bind(AdmissionPlugin.class).to(RbacEscalation.class).in(Scopes.SINGLETON);
      }
    };
  }
}
