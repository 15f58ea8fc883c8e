package io.capstan.spi.auth;

import io.capstan.spi.plugin.PluginFactory;

/**
 * An authorizer plugin ({@code RBAC}, {@code AlwaysAllow}, ...), listed by name in
 * {@code apiserver.authorization} and configured under {@code apiserver.authorization.<name>.*}.
 * Its module must bind {@link Authorizer}; the kernel builds the chain in list order.
 */
public interface AuthorizerFactory<C> extends PluginFactory<C> {}
