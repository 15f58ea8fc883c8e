package io.capstan.plugins.admission.limitranger;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import io.capstan.spi.admission.AdmissionPlugin;
import io.capstan.spi.admission.AdmissionPluginFactory;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.plugin.NoConfig;
import io.capstan.spi.plugin.PluginFactory;
import io.capstan.tck.plugin.AbstractPluginTest;
import java.util.List;

/** The kit's checks: name, registration, (no) settings, wiring of the admission service. */
class LimitRangerPluginTest extends AbstractPluginTest<NoConfig> {

  @Override
  protected PluginFactory<NoConfig> factory() {
    return new LimitRangerFactory();
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
        bind(io.capstan.spi.client.InformerFactory.class).toInstance(io.capstan.plugins.admission.cluster.WiringOnly.informers());
        bind(io.capstan.spi.clock.Clock.class).toInstance(new io.capstan.runtime.clock.VirtualClock(java.time.Instant.EPOCH));
        bind(ApiClient.class).toInstance(new ApiClient() {
          @Override
          public <T extends io.fabric8.kubernetes.api.model.HasMetadata> io.capstan.spi.client.ResourceClient<T> resources(Class<T> type) {
            throw new UnsupportedOperationException("not used while wiring");
          }
        });
      }
    };
  }
}
