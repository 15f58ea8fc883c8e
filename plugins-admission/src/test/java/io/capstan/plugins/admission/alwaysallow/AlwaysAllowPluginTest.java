package io.capstan.plugins.admission.alwaysallow;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.spi.auth.AuthorizationAttributes;
import io.capstan.spi.auth.Authorizer;
import io.capstan.spi.auth.AuthorizerFactory;
import io.capstan.spi.auth.Decision;
import io.capstan.spi.auth.UserInfo;
import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.plugin.PluginFactory;
import io.capstan.tck.plugin.AbstractPluginTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kit's checks for authorizer {@code AlwaysAllow}, and that it allows everyone everything. */
class AlwaysAllowPluginTest extends AbstractPluginTest<NoConfig> {

  @Override
  protected PluginFactory<NoConfig> factory() {
    return new AlwaysAllowFactory();
  }

  @Override
  @SuppressWarnings("rawtypes")
  protected Class<? extends PluginFactory> spiFactoryType() {
    return AuthorizerFactory.class;
  }

  @Override
  protected List<Class<?>> serviceTypes() {
    return List.of(Authorizer.class);
  }

  @Test
  void allowsAnyoneAnything() {
    Authorizer authorizer = new AlwaysAllow();
    assertThat(authorizer.authorize(AuthorizationAttributes.resource(UserInfo.anonymous(), "delete", "kube-system",
        "", "v1", "secrets", "", "token")).decision()).isEqualTo(Decision.ALLOW);
    assertThat(authorizer.authorize(AuthorizationAttributes.nonResource(UserInfo.of("x"), "post", "/anything"))
        .decision()).isEqualTo(Decision.ALLOW);
    assertThat(factory().name()).isEqualTo("AlwaysAllow");
  }
}
