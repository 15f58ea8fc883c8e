package io.capstan.plugins.proxy.iptables;

import static java.util.Objects.requireNonNull;

import com.google.inject.Module;
import io.capstan.spi.proxy.ServiceProxyFactory;

/**
 * The {@code iptables} proxy mode ({@code proxy.mode: iptables}), registered in
 * {@code META-INF/services/io.capstan.spi.proxy.ServiceProxyFactory}.
 */
public final class IptablesProxyFactory implements ServiceProxyFactory<IptablesProxyConfig> {

  public static final String NAME = "iptables";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "kube-proxy's iptables mode: KUBE-SERVICES/SVC/SEP NAT rules applied with iptables-restore (dry run without root)";
  }

  @Override
  public Class<IptablesProxyConfig> configType() {
    return IptablesProxyConfig.class;
  }

  @Override
  public Module module(IptablesProxyConfig config) {
    return new IptablesProxyModule(requireNonNull(config, "config"));
  }
}
