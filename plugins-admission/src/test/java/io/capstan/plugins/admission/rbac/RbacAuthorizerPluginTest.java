package io.capstan.plugins.admission.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import io.capstan.spi.auth.Authorizer;
import io.capstan.spi.auth.AuthorizerFactory;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.InformerFactory;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.plugin.PluginFactory;
import io.capstan.tck.plugin.AbstractPluginTest;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The kit's checks for authorizer {@code RBAC}, wired with a real API server's client and informers. */
class RbacAuthorizerPluginTest extends AbstractPluginTest<RbacAuthorizerConfig> {

  static RbacCluster host;

  @BeforeAll
  static void startHost() throws Exception {
    host = new RbacCluster(Files.createTempDirectory("rbac-plugin"), false);
  }

  @AfterAll
  static void stopHost() throws Exception {
    host.close();
  }

  @Override
  protected PluginFactory<RbacAuthorizerConfig> factory() {
    return new RbacAuthorizerFactory();
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

  @Override
  protected Map<String, Object> settings() {
    return Map.of("bootstrapPolicy", false);
  }

  @Override
  protected Module hostModule() {
    return new AbstractModule() {
      @Override
      protected void configure() {
        bind(ApiClient.class).toInstance(host.admin);
        bind(InformerFactory.class).toInstance(host.informers);
        bind(TaskExecutor.class).toInstance(host.executor);
      }
    };
  }

  @Test
  void bootstrapPolicyIsOnByDefaultAndCanBeSwitchedOff() {
    assertThat(bindSettings(Map.of()).bootstrapPolicy()).isTrue();
    assertThat(bindSettings(Map.of("bootstrapPolicy", false)).bootstrapPolicy()).isFalse();
    assertThat(factory().name()).isEqualTo("RBAC");
  }
}
