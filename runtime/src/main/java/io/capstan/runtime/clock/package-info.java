/**
 * The two default {@link io.capstan.spi.clock.ClockFactory} plugins: {@code wall} ({@link
 * io.capstan.runtime.clock.WallClock} and the {@link io.capstan.runtime.clock.PooledTaskExecutor})
 * for real deployments, and {@code virtual} ({@link io.capstan.runtime.clock.VirtualClock} and the
 * {@link io.capstan.runtime.clock.DeterministicExecutor}) for reproducible simulations, where the
 * same seed gives the same run byte for byte.
 */
package io.capstan.runtime.clock;
