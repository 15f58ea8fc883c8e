package io.capstan.plugins.admission.rbac;

import io.capstan.plugins.admission.alwaysallow.AlwaysAllowFactory;
import io.capstan.spi.admission.AdmissionPluginFactory;
import io.capstan.spi.auth.AuthorizerFactory;
import io.capstan.tck.plugin.AbstractPluginRegistrationTest;
import java.util.List;

/** The authorization plugins of this module are registered, under names unique per SPI. */
class RbacPluginRegistrationTest extends AbstractPluginRegistrationTest {

  @Override
  protected List<Registration> registrations() {
    return List.of(
        new Registration(AuthorizerFactory.class, RbacAuthorizerFactory.class),
        new Registration(AuthorizerFactory.class, AlwaysAllowFactory.class),
        new Registration(AdmissionPluginFactory.class, RbacEscalationFactory.class));
  }
}
