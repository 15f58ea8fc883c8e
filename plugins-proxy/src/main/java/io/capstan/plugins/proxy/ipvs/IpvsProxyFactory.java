package io.capstan.plugins.proxy.ipvs;

import com.google.inject.Module;
import io.capstan.spi.proxy.ServiceProxyFactory;

/** Registers the {@code ipvs} proxy mode ({@code proxy.mode: ipvs}). */
public final class IpvsProxyFactory implements ServiceProxyFactory<IpvsProxyConfig> {

  public static final String NAME = "ipvs";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "kube-proxy's IPVS mode: virtual servers, ipsets and a small nat ruleset; "
        + "dry run (state files only) where the kernel has no IPVS";
  }

  @Override
  public Class<IpvsProxyConfig> configType() {
    return IpvsProxyConfig.class;
  }

  @Override
  public Module module(IpvsProxyConfig config) {
    return new IpvsProxyModule(config);
  }
}
