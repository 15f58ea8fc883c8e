package io.capstan.spi.api;

import io.capstan.spi.plugin.PluginFactory;

/**
 * The factory of a plugin that adds resource kinds (custom kinds of a tailored control plane).
 * Registered in {@code META-INF/services/io.capstan.spi.api.ResourceKindFactory}.
 *
 * <p>Unlike most SPIs, kind plugins are not chosen by one configuration key: every discovered
 * factory is used, because a kind must be known before objects of it can be stored or served. The
 * module returned by {@link #module(Object)} binds its {@link ResourceKindProvider} like any other
 * plugin binds its service:
 *
 * <pre>{@code
 * bind(ResourceKindProvider.class).to(MyKinds.class);
 * }</pre>
 *
 * <p>The kernel installs each plugin's module privately, collects every provider (the built-in
 * kinds arrive the same way, from the {@code builtin} plugin over {@link BuiltInKinds#all()}) and
 * builds the one {@link KindRegistry} of the process; duplicates stop start-up with a message
 * naming both kinds.
 *
 * @param <C> the plugin's configuration record ({@link io.capstan.spi.plugin.NoConfig} for none)
 */
public interface ResourceKindFactory<C> extends PluginFactory<C> {}
