package io.capstan.plugins.proxy.iptables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.spi.plugin.InvalidConfigException;
import io.capstan.spi.plugin.PluginFactory;
import io.capstan.spi.proxy.ServiceProxy;
import io.capstan.spi.proxy.ServiceProxyFactory;
import io.capstan.tck.plugin.AbstractPluginTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The kit's checks (name, registration, settings, wiring) plus the settings' own rules. */
class IptablesPluginTest extends AbstractPluginTest<IptablesProxyConfig> {

  @Override
  protected PluginFactory<IptablesProxyConfig> factory() {
    return new IptablesProxyFactory();
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
    return Map.of("clusterCidr", "10.100.0.0/16", "masqueradeBit", 15, "apply", "never");
  }

  @Test
  void settingsHaveKubeProxysDefaultsAndRefuseNonsense() {
    IptablesProxyConfig defaults = bindSettings(Map.of());
    assertThat(defaults.clusterCidr()).isEqualTo("10.244.0.0/16");
    assertThat(defaults.mark()).isEqualTo("0x4000");
    assertThat(bindSettings(settings()).mark()).isEqualTo("0x8000");
    assertThatThrownBy(() -> bindSettings(Map.of("apply", "sometimes"))).hasRootCauseInstanceOf(InvalidConfigException.class)
        .rootCause().hasMessageContaining("must be auto, always or never");
    assertThatThrownBy(() -> bindSettings(Map.of("masqueradeBit", 40))).rootCause().hasMessageContaining("0 to 31");
  }

  @Test
  void withoutTheRightToApplyItWritesTheRulesOnly() throws Exception {
    java.nio.file.Path file = java.nio.file.Files.createTempDirectory("ipt").resolve("out/rules");
    IptablesProxy proxy = new IptablesProxy(new IptablesProxyConfig(null, null, "never", file.toString(), null, null), false);
    proxy.start();
    proxy.sync(IptablesRulesetTest.state(IptablesRulesetTest.demo(io.capstan.spi.proxy.ServiceType.CLUSTER_IP, 0,
        io.capstan.spi.proxy.SessionAffinity.NONE), io.capstan.spi.proxy.EndpointInfo.ready("10.244.1.2", 8080, "n")));
    assertThat(java.nio.file.Files.readString(file)).startsWith("*filter\n").contains("KUBE-SVC-CTBMGJDNUDRWEDVR");
    proxy.close();
  }
}
