package io.capstan.spi.auth;

import io.capstan.spi.plugin.PluginFactory;

/**
 * An authenticator plugin ({@code token-file}, {@code anonymous}, ...), listed by name in
 * {@code apiserver.authentication} and configured under
 * {@code apiserver.authentication.<name>.*}. Its module must bind {@link Authenticator}; each
 * listed plugin's module is installed privately and the kernel builds the chain in list order.
 */
public interface AuthenticatorFactory<C> extends PluginFactory<C> {}
