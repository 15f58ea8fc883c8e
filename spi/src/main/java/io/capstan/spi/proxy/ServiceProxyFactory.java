package io.capstan.spi.proxy;

import io.capstan.spi.plugin.PluginFactory;

/**
 * A proxy mode, selected by {@code proxy.mode} ({@code userspace}, {@code iptables},
 * {@code ipvs}: kube-proxy's names) and configured under {@code proxy.<mode>.*}. Its module must
 * bind {@link ServiceProxy}.
 */
public interface ServiceProxyFactory<C> extends PluginFactory<C> {}
