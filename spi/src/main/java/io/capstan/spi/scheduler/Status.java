package io.capstan.spi.scheduler;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The result of an extension point: a code, human-readable reasons, the plugin that produced it and,
 * for {@link Code#ERROR}, the cause. Never null: plugins return {@link #success()} when all is well
 * (Kubernetes' nil status).
 *
 * <p>The reasons end up in the pod's {@code PodScheduled=False} condition and in events ("0/5 nodes
 * are available: 3 Insufficient cpu, 2 node(s) had untolerated taint"), so write them as short
 * phrases about the node, without the node's name: the scheduler counts identical reasons.
 *
 * @param code what happened
 * @param reasons why, in order; empty for a plain success
 * @param plugin the plugin that returned it, filled in by the framework ({@link #withPlugin})
 * @param cause the exception behind an {@link Code#ERROR}, if any
 */
public record Status(Code code, List<String> reasons, Optional<String> plugin,
    Optional<Throwable> cause) {

  /** Kubernetes' status codes, same names and meanings ({@code framework/interface.go}). */
  public enum Code {
    /** All is well. */
    SUCCESS,
    /**
     * An internal or unexpected failure, never "does not fit". Aborts the scheduling cycle; the pod
     * is requeued without recording which plugin rejected it.
     */
    ERROR,
    /** The pod does not fit, but PostFilter (preemption) might make room. Requeued with backoff. */
    UNSCHEDULABLE,
    /**
     * The pod does not fit and preemption would not help (wrong node selector, untolerated taint);
     * preemption skips such nodes. Requeued with backoff.
     */
    UNSCHEDULABLE_AND_UNRESOLVABLE,
    /** Permit only: hold the pod until allowed, rejected or timed out. */
    WAIT,
    /**
     * "Not my business": PreFilter → the paired Filter and PreFilterExtensions are not run;
     * PreScore → the paired Score is not run; Bind → let the next binder handle the pod.
     */
    SKIP,
    /**
     * Scheduling could go on but the plugin waits for something external; the pod goes straight
     * back to the active queue, without backoff.
     */
    PENDING
  }

  private static final Status SUCCESS = new Status(Code.SUCCESS, List.of(), Optional.empty(),
      Optional.empty());

  public Status {
    requireNonNull(code, "code");
    reasons = List.copyOf(requireNonNull(reasons, "reasons"));
    requireNonNull(plugin, "plugin");
    requireNonNull(cause, "cause");
  }

  public static Status success() {
    return SUCCESS;
  }

  public static Status of(Code code, String... reasons) {
    return new Status(code, List.of(reasons), Optional.empty(), Optional.empty());
  }

  /** An {@link Code#ERROR} with a message. */
  public static Status error(String message) {
    return of(Code.ERROR, message);
  }

  /** An {@link Code#ERROR} caused by an exception; its message becomes the reason. */
  public static Status error(Throwable cause) {
    requireNonNull(cause, "cause");
    return new Status(Code.ERROR, List.of(cause.getMessage() != null ? cause.getMessage() : cause.toString()), Optional.empty(),
        Optional.of(cause));
  }

  public static Status unschedulable(String... reasons) {
    return of(Code.UNSCHEDULABLE, reasons);
  }

  public static Status unschedulableAndUnresolvable(String... reasons) {
    return of(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, reasons);
  }

  /** A Permit {@link Code#WAIT} ({@code wait} is taken by {@link Object#wait()}). */
  public static Status waiting(String... reasons) {
    return of(Code.WAIT, reasons);
  }

  public static Status skip() {
    return of(Code.SKIP);
  }

  public static Status pending(String... reasons) {
    return of(Code.PENDING, reasons);
  }

  /** The same status attributed to {@code pluginName}. */
  public Status withPlugin(String pluginName) {
    return new Status(code, reasons, Optional.of(requireNonNull(pluginName, "pluginName")), cause);
  }

  /** The same status with one more reason. */
  public Status withReason(String reason) {
    List<String> more = new ArrayList<>(reasons);
    more.add(requireNonNull(reason, "reason"));
    return new Status(code, more, plugin, cause);
  }

  public boolean isSuccess() {
    return code == Code.SUCCESS;
  }

  public boolean isError() {
    return code == Code.ERROR;
  }

  public boolean isSkip() {
    return code == Code.SKIP;
  }

  public boolean isWait() {
    return code == Code.WAIT;
  }

  /** Kubernetes' {@code IsRejected}: UNSCHEDULABLE, UNSCHEDULABLE_AND_UNRESOLVABLE or PENDING. */
  public boolean isRejected() {
    return code == Code.UNSCHEDULABLE || code == Code.UNSCHEDULABLE_AND_UNRESOLVABLE
        || code == Code.PENDING;
  }

  /** The reasons joined with {@code ", "}. */
  public String message() {
    return String.join(", ", reasons);
  }

  /**
   * Merges the statuses of several plugins into one, as Kubernetes' {@code PluginToStatus.Merge}:
   * the code of highest precedence wins (ERROR over UNSCHEDULABLE_AND_UNRESOLVABLE over
   * UNSCHEDULABLE over WAIT, SKIP and PENDING, which tie and keep the first seen, over SUCCESS), its
   * plugin and cause are kept, and the reasons of all statuses are concatenated in order.
   */
  public static Status merge(Collection<Status> statuses) {
    requireNonNull(statuses, "statuses");
    Status best = SUCCESS;
    List<String> reasons = new ArrayList<>();
    Optional<Throwable> cause = Optional.empty();
    for (Status s : statuses) {
      requireNonNull(s, "status");
      if (precedence(s.code) > precedence(best.code)) {
        best = s;
      }
      if (s.code == Code.ERROR && s.cause.isPresent()) {
        cause = s.cause;
      }
      reasons.addAll(s.reasons);
    }
    return new Status(best.code, reasons, best.plugin, best.code == Code.ERROR ? cause
        : Optional.empty());
  }

  private static int precedence(Code code) {
    return switch (code) {
      case ERROR -> 3;
      case UNSCHEDULABLE_AND_UNRESOLVABLE -> 2;
      case UNSCHEDULABLE -> 1;
      case WAIT, SKIP, PENDING -> 0;
      case SUCCESS -> -1;
    };
  }

  @Override
  public String toString() {
    return code + plugin.map(p -> " from " + p).orElse("")
        + (reasons.isEmpty() ? "" : ": " + message());
  }
}
