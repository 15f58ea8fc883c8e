package io.capstan.plugins.admission.rbac;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Provides;
import io.capstan.plugins.admission.alwaysallow.AlwaysAllow;
import io.capstan.spi.admission.AdmissionPlugin;
import io.capstan.spi.admission.AdmissionPluginFactory;
import io.capstan.spi.auth.Authorizer;
import io.capstan.spi.client.InformerFactory;
import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.plugin.PluginFactory;
import io.capstan.tck.plugin.AbstractPluginTest;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The kit's checks for admission plugin {@code RBACEscalation}, with a real API server's informers. */
class RbacEscalationPluginTest extends AbstractPluginTest<NoConfig> {

  static RbacCluster host;

  @BeforeAll
  static void startHost() throws Exception {
    host = new RbacCluster(Files.createTempDirectory("rbac-escalation-plugin"), false);
  }

  @AfterAll
  static void stopHost() throws Exception {
    host.close();
  }

  @Override
  protected PluginFactory<NoConfig> factory() {
    return new RbacEscalationFactory();
  }

  @Override
  @SuppressWarnings("rawtypes")
  protected Class<? extends PluginFactory> spiFactoryType() {
    return AdmissionPluginFactory.class;
  }

  @Override
  protected List<Class<?>> serviceTypes() {
    return List.of(AdmissionPlugin.class);
  }

  @Override
  protected Module hostModule() {
    return new AbstractModule() {
      @Override
      protected void configure() {
        bind(InformerFactory.class).toInstance(host.informers);
      }

      @Provides
      List<Authorizer> chain() {
        return List.of(new AlwaysAllow());
      }
    };
  }
}
