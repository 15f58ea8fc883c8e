package io.capstan.spi.api;

import io.capstan.spi.plugin.PluginFactory;

/**
 * The factory of a plugin that adds resource kinds (custom kinds of a tailored control plane).
 * Registered in {@code META-INF/services/io.capstan.spi.api.ResourceKindFactory}.
 *
 * <p>Unlike most SPIs, kind plugins are not chosen by one configuration key: every discovered
 * factory is used, because a kind must be known before objects of it can be stored or served. The
 * module returned by {@link #module(Object)} must add a {@link ResourceKindProvider} to the set the
 * kernel injects, with a Guice multibinder:
 *
 * <pre>{@code
 * Multibinder.newSetBinder(binder(), ResourceKindProvider.class).addBinding().to(MyKinds.class);
 * }</pre>
 *
 * <p>The kernel then builds one {@link KindRegistry} from {@link BuiltInKinds#all()} and every
 * provider; duplicates stop start-up with a message naming both kinds.
 *
 * @param <C> the plugin's configuration record ({@link io.capstan.spi.plugin.NoConfig} for none)
 */
public interface ResourceKindFactory<C> extends PluginFactory<C> {}
