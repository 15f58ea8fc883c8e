package io.capstan.runtime.node;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.client.AlreadyExistsException;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.ConflictException;
import io.capstan.spi.client.NotFoundException;
import io.capstan.spi.clock.Cancellable;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.node.RuntimeVersion;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers one node and keeps it alive as the kubelet does: the Node object with capacity,
 * labels, taints, addresses and podCIDR; a Lease in {@code kube-node-lease} renewed every 10 s
 * (one update per node per interval, each node at its own offset so thousands of nodes spread
 * their writes); node conditions written when they change or every 5 minutes.
 */
final class NodeHeartbeat {

  private static final Logger LOG = LoggerFactory.getLogger(NodeHeartbeat.class);

  private final NodeIdentity identity;
  private final RuntimeVersion runtimeVersion;
  private final ApiClient client;
  private final Clock clock;
  private final TaskExecutor executor;
  private final NodeSettings settings;
  private Node node; // guarded by this
  private Lease lease; // guarded by this
  private Instant lastReport; // guarded by this
  private Instant readySince; // guarded by this
  private Cancellable timer = () -> false;
  private volatile long renewals;
  /** Memory the node's running containers use now, in bytes (their runtime's stats). */
  private java.util.function.LongSupplier memoryInUse = () -> 0;
  private boolean memoryPressure; // guarded by this
  private Instant pressureSince; // guarded by this

  /** The kubelet's default hard eviction threshold: {@code memory.available<100Mi}. */
  static final long EVICTION_HARD_MEMORY_BYTES = 100L << 20;

  NodeHeartbeat(NodeIdentity identity, RuntimeVersion runtimeVersion, ApiClient client, Clock clock,
      TaskExecutor executor, NodeSettings settings) {
    this.identity = requireNonNull(identity, "identity");
    this.runtimeVersion = requireNonNull(runtimeVersion, "runtimeVersion");
    this.client = requireNonNull(client, "client");
    this.clock = requireNonNull(clock, "clock");
    this.executor = requireNonNull(executor, "executor");
    this.settings = requireNonNull(settings, "settings");
  }

  /** Where the node's memory use comes from (the agent's containers' stats). */
  synchronized void measureMemory(java.util.function.LongSupplier inUse) {
    this.memoryInUse = requireNonNull(inUse, "inUse");
  }

  /** Creates (or, after a restart, updates) the Node and its Lease. Blocking. */
  synchronized void register() {
    Instant now = clock.now();
    readySince = now;
    pressureSince = now;
    List<NodeCondition> conditions = NodeObjects.healthyConditions(now, now);
    var nodes = client.resources(Node.class);
    try {
      node = nodes.create(NodeObjects.node(identity, NodeObjects.status(identity, runtimeVersion, conditions)));
    } catch (AlreadyExistsException exists) {
      Node current = nodes.get("", identity.name()).orElseThrow(() -> exists);
      Map<String, String> labels = new LinkedHashMap<>(current.getMetadata().getLabels() == null ? Map.of() : current.getMetadata().getLabels());
      labels.putAll(identity.labels());
      Node updated = new NodeBuilder(current).editMetadata().withLabels(labels).endMetadata().build();
      if (updated.getSpec().getPodCIDR() == null) {
        updated.getSpec().setPodCIDR(identity.podCidr());
        updated.getSpec().setPodCIDRs(List.of(identity.podCidr()));
      }
      updated = nodes.update(updated);
      updated.setStatus(NodeObjects.status(identity, runtimeVersion, conditions));
      node = nodes.updateStatus(updated);
    }
    lastReport = now;
    var leases = client.resources(Lease.class);
    try {
      lease = leases.create(NodeObjects.lease(identity, node, (int) settings.leaseDuration().toSeconds(), now));
    } catch (AlreadyExistsException exists) {
      Lease current = leases.get(NodeObjects.LEASE_NAMESPACE, identity.name()).orElseThrow(() -> exists);
      lease = leases.update(renewed(current, now));
    }
    LOG.debug("node {} registered", identity.name());
  }

  /** Starts renewing, the first renewal at this node's own offset within the interval. */
  void start(int nodeCount) {
    Duration interval = settings.leaseRenewInterval();
    long offset = nodeCount <= 1 ? 0 : interval.toNanos() / nodeCount * (identity.index() % nodeCount);
    // fixed delay, as the kubelet's wait.Until: a renewal delayed by load is not followed by a
    // catch-up one, so a busy process never writes more than one Lease per node per interval
    timer = executor.scheduleWithFixedDelay(Duration.ofNanos(offset).plus(interval), interval, this::beat);
  }

  void stop() {
    timer.cancel();
  }

  long renewals() {
    return renewals;
  }

  private Lease renewed(Lease current, Instant now) {
    return new LeaseBuilder(current).editSpec().withHolderIdentity(identity.name())
        .withLeaseDurationSeconds((int) settings.leaseDuration().toSeconds())
        .withRenewTime(ZonedDateTime.ofInstant(now, ZoneOffset.UTC)).endSpec().build();
  }

  /** One heartbeat: renew the Lease; write the node status when it is due. */
  synchronized void beat() {
    Instant now = clock.now();
    var leases = client.resources(Lease.class);
    try {
      try {
        lease = leases.update(renewed(lease, now));
      } catch (ConflictException stale) {
        lease = leases.update(renewed(leases.get(NodeObjects.LEASE_NAMESPACE, identity.name()).orElseThrow(), now));
      } catch (NotFoundException gone) {
        lease = leases.create(NodeObjects.lease(identity, node, (int) settings.leaseDuration().toSeconds(), now));
      }
      renewals++;
      // the eviction manager's signal, checked every renewal (10 s, the kubelet's housekeeping period)
      long available = PodRequests.quantityUnits(identity.pool().memory()) - memoryInUse.getAsLong();
      boolean pressure = available < EVICTION_HARD_MEMORY_BYTES;
      if (pressure != memoryPressure) {
        memoryPressure = pressure;
        pressureSince = now;
        LOG.info("node {}: MemoryPressure={} ({} bytes available)", identity.name(), pressure, available);
        reportStatus(now);
      } else if (Duration.between(lastReport, now).compareTo(settings.statusReportFrequency()) >= 0) {
        reportStatus(now);
      }
    } catch (RuntimeException e) {
      LOG.warn("node {}: heartbeat failed: {}", identity.name(), e.toString());
    }
  }

  /** Writes the node's conditions with a fresh heartbeat time, keeping transition times. */
  private void reportStatus(Instant now) {
    var nodes = client.resources(Node.class);
    Node current = nodes.get("", identity.name()).orElse(null);
    if (current == null) {
      register();
      return;
    }
    Node updated = new NodeBuilder(current).build();
    boolean wasReady = current.getStatus() != null && current.getStatus().getConditions() != null
        && current.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    if (!wasReady) {
      readySince = now;
    }
    updated.setStatus(NodeObjects.status(identity, runtimeVersion,
        NodeObjects.conditions(now, readySince, memoryPressure, pressureSince)));
    node = nodes.updateStatus(updated);
    lastReport = now;
  }

  /** Writes the status now (the node lifecycle controller marked it unknown, or a test asks). */
  synchronized void reportNow() {
    reportStatus(clock.now());
  }
}
