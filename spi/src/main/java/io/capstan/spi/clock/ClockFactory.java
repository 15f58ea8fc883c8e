package io.capstan.spi.clock;

import io.capstan.spi.plugin.PluginFactory;

/**
 * A source of time and work, selected by {@code runtime.clock} ({@code wall} by default,
 * {@code virtual} for deterministic simulation). Its module must bind both {@link Clock} and
 * {@link TaskExecutor}; the executor must measure delays on that clock. If the executor owns threads
 * it should also implement {@link io.capstan.spi.plugin.Lifecycle} so the kernel stops it.
 */
public interface ClockFactory<C> extends PluginFactory<C> {}
