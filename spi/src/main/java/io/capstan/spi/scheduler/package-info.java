/**
 * The Kubernetes scheduling framework as SPIs: one small interface per extension point, each
 * extending {@link io.capstan.spi.scheduler.SchedulerPlugin}, with Kubernetes' names, order and
 * meanings, so a plugin ported from Go keeps its shape.
 *
 * <p>Order in one pod's life: {@link io.capstan.spi.scheduler.PreEnqueuePlugin PreEnqueue} and
 * {@link io.capstan.spi.scheduler.QueueSortPlugin QueueSort} in the queue; then the serial
 * scheduling cycle: {@link io.capstan.spi.scheduler.PreFilterPlugin PreFilter}, {@link
 * io.capstan.spi.scheduler.FilterPlugin Filter} (parallel over nodes), {@link
 * io.capstan.spi.scheduler.PostFilterPlugin PostFilter} (only if no node fits), {@link
 * io.capstan.spi.scheduler.PreScorePlugin PreScore}, {@link io.capstan.spi.scheduler.ScorePlugin
 * Score} (parallel over nodes) and NormalizeScore, {@link io.capstan.spi.scheduler.ReservePlugin
 * Reserve}, {@link io.capstan.spi.scheduler.PermitPlugin Permit}; then the binding cycle on its own
 * thread: wait on permit, {@link io.capstan.spi.scheduler.PreBindPlugin PreBind}, {@link
 * io.capstan.spi.scheduler.BindPlugin Bind}, {@link io.capstan.spi.scheduler.PostBindPlugin
 * PostBind}. Every extension point reports through a {@link io.capstan.spi.scheduler.Status}, never
 * null and never by throwing.
 */
package io.capstan.spi.scheduler;
