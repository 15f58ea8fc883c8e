package io.capstan.spi.scheduler;

/**
 * The root of every scheduler plugin. A plugin class implements this plus any subset of the
 * extension-point interfaces ({@link FilterPlugin}, {@link ScorePlugin}, ...); the framework
 * enables it at every point it implements that the profile turns on, in the profile's order.
 *
 * <p>One instance serves one profile for the life of the scheduler, so any state kept across
 * cycles must be thread-safe (filters run in parallel and binding cycles run concurrently with the
 * next scheduling cycle). State of one cycle belongs in the {@link CycleState}.
 *
 * <p>Every method that returns a {@link Status} reports failure through it and must not throw; an
 * exception escaping a plugin is caught by the framework and treated as {@link Status#error}.
 */
public interface SchedulerPlugin {

  /**
   * The plugin's name, equal to its factory's {@code name()}; Kubernetes' own for the defaults
   * ({@code NodeResourcesFit}, {@code TaintToleration}).
   */
  String name();
}
