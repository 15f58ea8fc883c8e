package io.capstan.plugins.proxy.ipvs;

import io.capstan.spi.plugin.PluginFactory;
import io.capstan.spi.proxy.ServiceProxy;
import io.capstan.spi.proxy.ServiceProxyFactory;
import io.capstan.tck.plugin.AbstractPluginTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The kit's checks: name, registration, settings, wiring (started in dry-run mode). */
class IpvsProxyPluginTest extends AbstractPluginTest<IpvsProxyConfig> {

  @Override
  protected PluginFactory<IpvsProxyConfig> factory() {
    return new IpvsProxyFactory();
  }

  @Override
  @SuppressWarnings("rawtypes")
  protected Class<? extends PluginFactory> spiFactoryType() {
    return ServiceProxyFactory.class;
  }

  @Override
  protected List<Class<?>> serviceTypes() {
    return List.of(ServiceProxy.class);
  }

  @Override
  protected Map<String, Object> settings() {
    return Map.of("stateDir", Path.of(System.getProperty("java.io.tmpdir"), "capstan-ipvs-plugin-test")
            .toString(), "scheduler", "wrr", "nodeIps", List.of("192.168.1.10"),
        "clusterCidr", "10.244.0.0/16", "dryRun", true);
  }
}
