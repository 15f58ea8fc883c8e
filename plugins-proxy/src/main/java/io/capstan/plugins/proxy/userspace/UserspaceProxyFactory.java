package io.capstan.plugins.proxy.userspace;

import static java.util.Objects.requireNonNull;

import com.google.inject.Module;
import io.capstan.spi.proxy.ServiceProxyFactory;

/**
 * The {@code userspace} proxy mode ({@code proxy.mode: userspace}, the default), registered in
 * {@code META-INF/services/io.capstan.spi.proxy.ServiceProxyFactory}.
 */
public final class UserspaceProxyFactory implements ServiceProxyFactory<UserspaceProxyConfig> {

  public static final String NAME = "userspace";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Java NIO proxy: one local port per service port, round-robin over ready endpoints; needs no root";
  }

  @Override
  public Class<UserspaceProxyConfig> configType() {
    return UserspaceProxyConfig.class;
  }

  @Override
  public Module module(UserspaceProxyConfig config) {
    return new UserspaceProxyModule(requireNonNull(config, "config"));
  }
}
