package io.capstan.plugins.controllers.clusterroleaggregation;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import io.capstan.runtime.client.informer.DefaultInformerFactory;
import io.capstan.runtime.clock.PooledTaskExecutor;
import io.capstan.runtime.clock.WallClock;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.InformerFactory;
import io.capstan.spi.controller.ControllerFactory;
import io.capstan.spi.controller.ControllerNames;
import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.plugin.PluginFactory;
import io.capstan.tck.plugin.AbstractPluginTest;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The kit's checks for controller {@code clusterrole-aggregation}. */
class ClusterRoleAggregationPluginTest extends AbstractPluginTest<NoConfig> {

  static final PooledTaskExecutor EXECUTOR = new PooledTaskExecutor(1, Duration.ofSeconds(1));

  @AfterAll
  static void stopExecutor() throws Exception {
    EXECUTOR.close();
  }

  @Override
  protected PluginFactory<NoConfig> factory() {
    return new ClusterRoleAggregationFactory();
  }

  @Override
  @SuppressWarnings("rawtypes")
  protected Class<? extends PluginFactory> spiFactoryType() {
    return ControllerFactory.class;
  }

  @Override
  protected List<Class<?>> serviceTypes() {
    return List.of(io.capstan.spi.controller.Controller.class);
  }

  @Override
  protected Module hostModule() {
    return new AbstractModule() {
      @Override
      protected void configure() {
        // never started here: the module only has to wire; a client that is never called
        ApiClient unused = new ApiClient() {
          @Override
          public <T extends io.fabric8.kubernetes.api.model.HasMetadata> io.capstan.spi.client.ResourceClient<T> resources(Class<T> type) {
            throw new UnsupportedOperationException("no API server in the wiring test");
          }
        };
        bind(InformerFactory.class).toInstance(new DefaultInformerFactory(unused, EXECUTOR, new WallClock()));
      }
    };
  }

  @Test
  void namedAsKubernetesAndReconcilesClusterRoles() {
    assertThat(factory().name()).isEqualTo("clusterrole-aggregation").isNotIn(ControllerNames.DEFAULTS);
    assertThat(new ClusterRoleAggregation(() -> null).primaryType()).isEqualTo(ClusterRole.class);
  }
}
