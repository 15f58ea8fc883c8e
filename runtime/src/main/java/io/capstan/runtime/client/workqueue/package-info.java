/**
 * The runtime's {@link io.capstan.spi.controller.WorkQueue} and
 * {@link io.capstan.spi.controller.RateLimiter}s, with the semantics of client-go's
 * {@code k8s.io/client-go/util/workqueue} ({@code queue.go}, {@code delaying_queue.go},
 * {@code rate_limiting_queue.go}, {@code default_rate_limiters.go}).
 *
 * <p>{@link io.capstan.runtime.client.workqueue.DefaultWorkQueue} is the queue: de-duplicating,
 * per-key exclusive, with delayed and rate-limited adds timed by the injected
 * {@link io.capstan.spi.clock.Clock} and a single timer on the injected
 * {@link io.capstan.spi.clock.TaskExecutor}, so it runs unchanged on worker threads ({@code take})
 * and on the deterministic executor ({@code poll}). The rate limiters are
 * {@link io.capstan.runtime.client.workqueue.ItemExponentialFailureRateLimiter},
 * {@link io.capstan.runtime.client.workqueue.BucketRateLimiter},
 * {@link io.capstan.runtime.client.workqueue.MaxOfRateLimiter} and their usual combination
 * {@link io.capstan.runtime.client.workqueue.DefaultControllerRateLimiter}. Metrics reach a
 * {@link io.capstan.runtime.client.workqueue.WorkQueueMetrics} listener.
 */
package io.capstan.runtime.client.workqueue;
