package io.capstan.spi.controller;

import io.capstan.spi.api.ObjectKey;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Drives the objects of one primary kind toward their spec, in the style of the Java Operator SDK
 * and client-go controllers. The host (the controller manager) owns informers, the work queue and
 * the worker threads; the controller only declares what it watches and reconciles one key at a
 * time.
 *
 * <p><b>When things are called.</b> {@link #setup(ControllerSetup)} once, before informers start.
 * {@link #reconcile(ObjectKey, ControllerContext)} after every informer the controller declared
 * has synced, whenever a key is taken from the queue: after an event mapped to it, after a
 * requested requeue, and on each periodic resync of the primary informer.
 *
 * <p><b>Reconcile contract.</b>
 *
 * <ul>
 *   <li><em>Level-based and idempotent:</em> decide from the current state in the listers, not from
 *       which event arrived; running it twice in a row must do nothing the second time. Events can
 *       be merged, dropped on relist, or arrive late.
 *   <li><em>May be called for a deleted object:</em> the primary lister then returns empty; clean
 *       up what is not garbage-collected by owner references (usually nothing) and return
 *       {@link Result#done()}.
 *   <li><em>Per-key serialisation:</em> the queue never hands the same key to two workers at once,
 *       so a reconcile need not lock against itself; different keys run concurrently on up to
 *       {@code controllers.<name>.workers} workers (default {@link #defaultWorkers()}).
 *   <li><em>Threading and blocking:</em> runs on a worker thread and may block on API calls (it is
 *       the place for them). Time comes from {@code ctx.clock()}; waits are expressed as
 *       {@link Result#requeueAfter}, never as sleeps, so virtual-time simulation works.
 *   <li><em>Errors:</em> return {@link Result#error(Throwable)} or throw; the host logs with the key,
 *       and re-adds the key rate-limited. {@code ConflictException} is routine: return
 *       {@link Result#requeue()}.
 *   <li><em>Objects from listers are shared:</em> copy before changing, write the copy through
 *       {@code ctx.client()}.
 * </ul>
 *
 * <p>Thread-safe: one instance serves all workers.
 */
public interface Controller {

  /**
   * The controller's name as in kube-controller-manager's {@code --controllers} flag (see
   * {@link ControllerNames}); lower-kebab-case for new ones. Equal to its factory's name.
   */
  String name();

  /** The kind reconciled; keys in the queue are keys of objects of this kind. */
  Class<? extends HasMetadata> primaryType();

  /**
   * Declares the secondary kinds to watch and how their events map to primary keys. The default
   * watches only the primary kind.
   */
  default void setup(ControllerSetup setup) {}

  /** The number of workers when the configuration does not say. */
  default int defaultWorkers() {
    return 1;
  }

  /**
   * Brings the object named by {@code key} toward its desired state.
   *
   * @return what to do with the key next, never null
   * @throws Exception any failure; treated as {@link Result#error(Throwable)}
   */
  Result reconcile(ObjectKey key, ControllerContext ctx) throws Exception;
}
