package io.capstan.runtime.clock;

import io.capstan.spi.clock.Cancellable;
import java.util.Comparator;

/**
 * One task in the {@link DeterministicExecutor}'s queue, and the handle returned for it. Periodic
 * tasks are the same object across runs: the executor takes it out of the queue, runs it, gives it
 * a new due time and sequence number and puts it back, so one handle cancels every future run.
 *
 * <p>All mutable fields are guarded by the executor's lock; {@code due} and {@code sequence} change
 * only while the task is out of the queue, because the queue is sorted by them.
 */
final class VirtualTask implements Cancellable {

  /** Earliest due time first; among equal due times, the one scheduled first. */
  static final Comparator<VirtualTask> ORDER =
      Comparator.comparingLong((VirtualTask t) -> t.due).thenComparingLong(t -> t.sequence);

  enum State {
    PENDING,
    DONE,
    CANCELLED
  }

  /** How a periodic task finds its next due time; null for one-shot tasks. */
  @FunctionalInterface
  interface Next {
    long after(long due, long endedAt);
  }

  final Runnable task;
  final Next next;
  private final DeterministicExecutor owner;
  long due;
  long sequence;
  State state = State.PENDING;

  VirtualTask(DeterministicExecutor owner, Runnable task, Next next, long due, long sequence) {
    this.owner = owner;
    this.task = task;
    this.next = next;
    this.due = due;
    this.sequence = sequence;
  }

  boolean periodic() {
    return next != null;
  }

  @Override
  public boolean cancel() {
    return owner.cancel(this);
  }

  @Override
  public String toString() {
    return task.toString();
  }
}
