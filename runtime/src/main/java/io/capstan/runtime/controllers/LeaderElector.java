package io.capstan.runtime.controllers;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.client.AlreadyExistsException;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.ResourceClient;
import io.capstan.spi.clock.Cancellable;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election through a coordination.k8s.io/v1 Lease, as client-go's {@code leaderelection}
 * package does it. Every {@code retryPeriod} each candidate tries to acquire or renew the Lease with
 * an optimistic-concurrency update. A candidate takes over a Lease held by another only when the
 * Lease's record has not changed for {@code leaseDuration} by its own clock (it trusts no remote
 * timestamp). The leader stops acting when it has not renewed for {@code renewDeadline}, which is
 * shorter than {@code leaseDuration}, so two candidates never both lead. On close the leader
 * releases the Lease (empty holder), so a successor need not wait.
 *
 * <p>Runs as a chain of tasks on the executor; the callbacks run on it too and must not block.
 */
public final class LeaderElector implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LeaderElector.class);

  /** What the elector tells its owner. */
  public interface Callbacks {
    void startedLeading();

    void stoppedLeading();
  }

  private final ApiClient client;
  private final Clock clock;
  private final TaskExecutor executor;
  private final LeaderElectionSettings settings;
  private final String identity;
  private final Callbacks callbacks;
  private LeaseSpec observed; // guarded by this
  private long observedAt; // guarded by this, clock.nanoTime()
  private long lastRenew; // guarded by this
  private boolean leading; // guarded by this
  private boolean closed; // guarded by this
  private Cancellable next = () -> false; // guarded by this

  public LeaderElector(ApiClient client, Clock clock, TaskExecutor executor, LeaderElectionSettings settings,
      String identity, Callbacks callbacks) {
    this.client = requireNonNull(client, "client");
    this.clock = requireNonNull(clock, "clock");
    this.executor = requireNonNull(executor, "executor");
    this.settings = requireNonNull(settings, "settings");
    this.identity = requireNonNull(identity, "identity");
    this.callbacks = requireNonNull(callbacks, "callbacks");
  }

  public String identity() {
    return identity;
  }

  public synchronized boolean isLeader() {
    return leading;
  }

  /** Starts campaigning at once. */
  public synchronized void start() {
    next = executor.schedule(Duration.ZERO, this::tick);
  }

  private void tick() {
    synchronized (this) {
      if (closed) {
        return;
      }
    }
    boolean renewed;
    try {
      renewed = tryAcquireOrRenew();
    } catch (RuntimeException e) {
      LOG.debug("leader election {}: lease {}/{} not renewed: {}", identity, settings.leaseNamespace(),
          settings.leaseName(), e.toString());
      renewed = false;
    }
    boolean started = false;
    boolean stopped = false;
    synchronized (this) {
      if (closed) {
        return;
      }
      long now = clock.nanoTime();
      if (renewed) {
        lastRenew = now;
        if (!leading) {
          leading = true;
          started = true;
        }
      } else if (leading && now - lastRenew >= settings.renewDeadline().toNanos()) {
        leading = false;
        stopped = true;
      }
      next = executor.schedule(settings.retryPeriod(), this::tick);
    }
    if (started) {
      LOG.info("leader election: {} became leader of lease {}/{}", identity, settings.leaseNamespace(),
          settings.leaseName());
      callbacks.startedLeading();
    }
    if (stopped) {
      LOG.warn("leader election: {} lost lease {}/{} (no renewal for {})", identity, settings.leaseNamespace(),
          settings.leaseName(), settings.renewDeadline());
      callbacks.stoppedLeading();
    }
  }

  private boolean tryAcquireOrRenew() {
    ResourceClient<Lease> leases = client.resources(Lease.class);
    ZonedDateTime now = ZonedDateTime.ofInstant(clock.now(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    int durationSeconds = (int) Math.max(1, settings.leaseDuration().toSeconds());
    Optional<Lease> current = leases.get(settings.leaseNamespace(), settings.leaseName());
    if (current.isEmpty()) {
      LeaseSpec spec = new LeaseSpec(now, identity, durationSeconds, 0, null, now, null);
      try {
        leases.create(new LeaseBuilder().withNewMetadata().withNamespace(settings.leaseNamespace())
            .withName(settings.leaseName()).endMetadata().withSpec(spec).build());
      } catch (AlreadyExistsException raced) {
        return false;
      }
      observe(spec);
      return true;
    }
    Lease lease = current.get();
    LeaseSpec spec = lease.getSpec() == null ? new LeaseSpec() : lease.getSpec();
    long observedAtNow = observe(spec);
    String holder = spec.getHolderIdentity() == null ? "" : spec.getHolderIdentity();
    if (!holder.isEmpty() && !holder.equals(identity)) {
      long duration = Duration.ofSeconds(spec.getLeaseDurationSeconds() == null ? durationSeconds
          : spec.getLeaseDurationSeconds()).toNanos();
      if (clock.nanoTime() - observedAtNow < duration) {
        return false; // held, and renewed within its duration as far as we saw
      }
    }
    boolean ours = holder.equals(identity);
    int transitions = spec.getLeaseTransitions() == null ? 0 : spec.getLeaseTransitions();
    LeaseSpec renewed = new LeaseSpec(ours && spec.getAcquireTime() != null ? spec.getAcquireTime() : now, identity,
        durationSeconds, ours ? transitions : transitions + 1, null, now, null);
    Lease updated = new LeaseBuilder(lease).withSpec(renewed).build();
    leases.update(updated); // ConflictException: someone else wrote first; we try again next period
    observe(renewed);
    return true;
  }

  /** Records the lease record we saw; returns when it last changed, on our clock. */
  private synchronized long observe(LeaseSpec spec) {
    if (observed == null || !sameRecord(observed, spec)) {
      observed = spec;
      observedAt = clock.nanoTime();
    }
    return observedAt;
  }

  private static boolean sameRecord(LeaseSpec a, LeaseSpec b) {
    return Objects.equals(a.getHolderIdentity(), b.getHolderIdentity())
        && Objects.equals(a.getRenewTime(), b.getRenewTime())
        && Objects.equals(a.getAcquireTime(), b.getAcquireTime())
        && Objects.equals(a.getLeaseTransitions(), b.getLeaseTransitions())
        && Objects.equals(a.getLeaseDurationSeconds(), b.getLeaseDurationSeconds());
  }

  /** Stops campaigning; a leader stops leading and releases the Lease. Idempotent. */
  @Override
  public void close() {
    boolean wasLeading;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      next.cancel();
      wasLeading = leading;
      leading = false;
    }
    if (wasLeading) {
      callbacks.stoppedLeading();
      release();
    }
  }

  private void release() {
    try {
      ResourceClient<Lease> leases = client.resources(Lease.class);
      Optional<Lease> current = leases.get(settings.leaseNamespace(), settings.leaseName());
      if (current.isPresent() && current.get().getSpec() != null
          && identity.equals(current.get().getSpec().getHolderIdentity())) {
        LeaseSpec spec = current.get().getSpec();
        ZonedDateTime now = ZonedDateTime.ofInstant(clock.now(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        leases.update(new LeaseBuilder(current.get()).withSpec(new LeaseSpec(spec.getAcquireTime(), "", 1,
            spec.getLeaseTransitions(), null, now, null)).build());
        LOG.info("leader election: {} released lease {}/{}", identity, settings.leaseNamespace(), settings.leaseName());
      }
    } catch (RuntimeException e) {
      LOG.debug("leader election: {} could not release its lease: {}", identity, e.toString());
    }
  }
}
