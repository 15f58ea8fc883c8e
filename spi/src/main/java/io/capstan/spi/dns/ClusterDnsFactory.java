package io.capstan.spi.dns;

import io.capstan.spi.plugin.PluginFactory;

/**
 * A cluster DNS server, selected by {@code dns.plugin} ({@code cluster-dns}) and configured under
 * {@code dns.<name>.*}. Its module must bind {@link ClusterDns}.
 */
public interface ClusterDnsFactory<C> extends PluginFactory<C> {}
