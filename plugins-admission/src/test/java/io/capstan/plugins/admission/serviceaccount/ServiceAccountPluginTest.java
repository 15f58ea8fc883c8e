package io.capstan.plugins.admission.serviceaccount;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import io.capstan.plugins.admission.cluster.WiringOnly;
import io.capstan.spi.admission.AdmissionPlugin;
import io.capstan.spi.admission.AdmissionPluginFactory;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.plugin.PluginFactory;
import io.capstan.tck.plugin.AbstractPluginTest;
import java.util.List;

/** The kit's checks: name, registration, (no) settings, wiring of the admission service. */
class ServiceAccountPluginTest extends AbstractPluginTest<ServiceAccountConfig> {

  @Override
  protected PluginFactory<ServiceAccountConfig> factory() {
    return new ServiceAccountFactory();
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
  protected java.util.Map<String, Object> settings() {
    return java.util.Map.of("mountServiceAccountToken", true);
  }


  @Override
  protected Module hostModule() {
    return new AbstractModule() {
      @Override
      protected void configure() {
        bind(io.capstan.spi.client.InformerFactory.class).toInstance(WiringOnly.informers());
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
