package io.capstan.runtime.node;

import io.capstan.spi.clock.Cancellable;
import io.capstan.spi.node.ProbeKind;
import io.fabric8.kubernetes.api.model.Probe;
import java.util.ArrayList;
import java.util.List;

/**
 * The probe results of one container instance, updated by probe timers on the executor and read
 * by the pod's sync. Consecutive successes and failures are counted against each probe's
 * thresholds, as the kubelet's prober workers do.
 */
final class ProbeState {

  private final Probe liveness;
  private final Probe readiness;
  private final Probe startup;
  private final List<Cancellable> timers = new ArrayList<>(); // guarded by this
  private boolean started; // guarded by this
  private boolean ready; // guarded by this
  private boolean livenessFailed; // guarded by this
  private boolean startupFailed; // guarded by this
  private int readySuccesses;
  private int readyFailures;
  private int liveFailures;
  private int startFailures;
  private final java.util.EnumSet<ProbeKind> warned = java.util.EnumSet.noneOf(ProbeKind.class); // guarded by this

  ProbeState(Probe liveness, Probe readiness, Probe startup) {
    this.liveness = liveness;
    this.readiness = readiness;
    this.startup = startup;
    this.started = startup == null;
  }

  Probe probe(ProbeKind kind) {
    return switch (kind) {
      case LIVENESS -> liveness;
      case READINESS -> readiness;
      case STARTUP -> startup;
    };
  }

  synchronized void addTimer(Cancellable timer) {
    timers.add(timer);
  }

  synchronized void cancel() {
    timers.forEach(Cancellable::cancel);
    timers.clear();
  }

  synchronized boolean started() {
    return started;
  }

  /** Ready: the readiness probe's verdict, or simply started when there is none. */
  synchronized boolean ready() {
    return readiness == null ? started : started && ready;
  }

  /** The container must be killed: liveness or startup failed past their thresholds. */
  synchronized boolean mustKill() {
    return livenessFailed || startupFailed;
  }

  synchronized String killReason() {
    return startupFailed ? "Startup probe failed" : "Liveness probe failed";
  }

  /**
   * Records one result.
   *
   * @return true when a verdict changed (the pod must be synced)
   */
  synchronized boolean record(ProbeKind kind, boolean success) {
    Probe p = probe(kind);
    int failureThreshold = p.getFailureThreshold() == null ? 3 : p.getFailureThreshold();
    int successThreshold = p.getSuccessThreshold() == null ? 1 : p.getSuccessThreshold();
    switch (kind) {
      case STARTUP -> {
        if (started || startupFailed) {
          return false;
        }
        if (success) {
          started = true;
          return true;
        }
        if (++startFailures >= failureThreshold) {
          startupFailed = true;
          return true;
        }
        return false;
      }
      case LIVENESS -> {
        if (!started || livenessFailed) {
          return false;
        }
        liveFailures = success ? 0 : liveFailures + 1;
        if (liveFailures >= failureThreshold) {
          livenessFailed = true;
          return true;
        }
        return false;
      }
      default -> {
        if (!started) {
          return false;
        }
        if (success) {
          readyFailures = 0;
          if (!ready && ++readySuccesses >= successThreshold) {
            ready = true;
            return true;
          }
        } else {
          readySuccesses = 0;
          if (ready && ++readyFailures >= failureThreshold) {
            ready = false;
            return true;
          }
        }
        return false;
      }
    }
  }

  /** True the first time a probe of this kind is reported as impossible to run. */
  synchronized boolean warnOnce(ProbeKind kind) {
    return warned.add(kind);
  }

  /** True while a probe other than readiness still has to decide something. */
  synchronized boolean awaitingStartup() {
    return !started && startup != null;
  }
}
