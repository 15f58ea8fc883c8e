/** Time and background work: the {@link io.capstan.spi.clock.Clock} and {@link io.capstan.spi.clock.TaskExecutor} SPIs. */
package io.capstan.spi.clock;
