package io.capstan.plugins.controllers.nodelifecycle;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.api.ObjectKey;
import io.capstan.spi.client.ConflictException;
import io.capstan.spi.client.Lister;
import io.capstan.spi.client.NotFoundException;
import io.capstan.spi.controller.Controller;
import io.capstan.spi.controller.ControllerContext;
import io.capstan.spi.controller.ControllerNames;
import io.capstan.spi.controller.ControllerSetup;
import io.capstan.spi.controller.EventType;
import io.capstan.spi.controller.Result;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes' node lifecycle controller: a node whose Lease was not renewed within the grace period
 * gets its conditions set to Unknown and the {@code node.kubernetes.io/unreachable} taints (a node
 * that reports Ready=False gets {@code not-ready}); its pods are marked not ready and, after their
 * toleration seconds, evicted at a rate limited per zone; a node that heartbeats again is Ready
 * and untainted. It wakes exactly when a Lease would expire or an eviction falls due, so nothing
 * polls.
 */
public final class NodeLifecycleController implements Controller {

  public static final String NAME = ControllerNames.NODE_LIFECYCLE;
  static final String BY_NODE = "spec.nodeName";
  static final String ZONE_LABEL = "topology.kubernetes.io/zone";
  private static final Logger LOG = LoggerFactory.getLogger(NodeLifecycleController.class);

  private final NodeLifecycleConfig config;
  private final ZoneEvictionLimiter limiter;

  @Inject
  public NodeLifecycleController(NodeLifecycleConfig config) {
    this.config = requireNonNull(config, "config");
    this.limiter = new ZoneEvictionLimiter(config.evictionQps());
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Class<? extends HasMetadata> primaryType() {
    return Node.class;
  }

  @Override
  public void setup(ControllerSetup setup) {
    setup.watch(Lease.class, lease -> "kube-node-lease".equals(lease.getMetadata().getNamespace())
        ? Set.of(ObjectKey.clusterScoped(lease.getMetadata().getName())) : Set.of());
    setup.index(Pod.class, BY_NODE, pod -> pod.getSpec() == null || pod.getSpec().getNodeName() == null
        ? List.of() : List.of(pod.getSpec().getNodeName()));
    setup.read(Pod.class);
  }

  @Override
  public int defaultWorkers() {
    return config.workers();
  }

  @Override
  public Result reconcile(ObjectKey key, ControllerContext ctx) {
    Optional<Node> found = ctx.lister(Node.class).get("", key.name());
    if (found.isEmpty()) {
      return Result.done();
    }
    Node node = found.get();
    Instant now = ctx.clock().now();
    Optional<Lease> lease = ctx.lister(Lease.class).get("kube-node-lease", key.name());
    Instant expires = NodeHealth.lastHeartbeat(node, lease).plus(config.gracePeriod());
    boolean unreachable = !now.isBefore(expires);
    String ready = NodeHealth.readyStatus(node);
    try {
      if (unreachable && !"Unknown".equals(ready)) {
        node = markUnknown(node, now, ctx);
        ready = "Unknown";
        markPodsNotReady(key.name(), ctx);
      }
      boolean unknown = "Unknown".equals(ready) && NodeHealth.condition(node, "Ready").isPresent();
      node = taint(node, unreachable || unknown, "False".equals(ready) && !unreachable, now, ctx);
    } catch (ConflictException stale) {
      return Result.requeue();
    } catch (NotFoundException gone) {
      return Result.done();
    }
    Duration next = evict(node, now, ctx);
    if (!unreachable) {
      Duration untilExpiry = Duration.between(now, expires).plusMillis(1);
      next = next.isZero() ? untilExpiry : min(next, untilExpiry);
    }
    return next.isZero() ? Result.done() : Result.requeueAfter(next);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static String timestamp(Instant time) {
    return DateTimeFormatter.ISO_INSTANT.format(time.truncatedTo(ChronoUnit.SECONDS));
  }

  private Node markUnknown(Node node, Instant now, ControllerContext ctx) {
    Node copy = new NodeBuilder(node).build();
    List<NodeCondition> conditions = new ArrayList<>();
    for (String type : NodeHealth.CONDITIONS) {
      NodeCondition c = NodeHealth.condition(node, type).map(old -> new io.fabric8.kubernetes.api.model.NodeConditionBuilder(old).build())
          .orElseGet(() -> {
            NodeCondition fresh = new NodeCondition();
            fresh.setType(type);
            return fresh;
          });
      if (!"Unknown".equals(c.getStatus())) {
        c.setLastTransitionTime(timestamp(now));
      }
      c.setStatus("Unknown");
      c.setReason("NodeStatusUnknown");
      c.setMessage("Kubelet stopped posting node status.");
      conditions.add(c);
    }
    copy.getStatus().setConditions(conditions);
    LOG.info("node {}: no heartbeat for {}; marking it Unknown", node.getMetadata().getName(), config.gracePeriod());
    ctx.events().event(node, EventType.NORMAL, "NodeNotReady", "Node " + node.getMetadata().getName() + " status is now: NodeNotReady");
    return ctx.client().resources(Node.class).updateStatus(copy);
  }

  private void markPodsNotReady(String nodeName, ControllerContext ctx) {
    for (Pod pod : ctx.lister(Pod.class).byIndex(BY_NODE, nodeName)) {
      if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
        continue;
      }
      boolean ready = pod.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
      if (!ready) {
        continue;
      }
      Pod copy = new io.fabric8.kubernetes.api.model.PodBuilder(pod).build();
      copy.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType()) || "ContainersReady".equals(c.getType()))
          .forEach(c -> {
            c.setStatus("False");
            c.setLastTransitionTime(timestamp(ctx.clock().now()));
          });
      try {
        ctx.client().resources(Pod.class).updateStatus(copy);
      } catch (ConflictException | NotFoundException e) {
        // the next reconcile of the node sees it again
      }
    }
  }

  private Node taint(Node node, boolean unreachable, boolean notReady, Instant now, ControllerContext ctx) {
    List<Taint> before = NodeHealth.taints(node);
    List<Taint> after = NodeHealth.withTaint(before, NodeHealth.UNREACHABLE, unreachable, timestamp(now));
    after = NodeHealth.withTaint(after, NodeHealth.NOT_READY, notReady, timestamp(now));
    if (sameTaints(before, after)) {
      return node;
    }
    Node copy = new NodeBuilder(node).editSpec().withTaints(after).endSpec().build();
    LOG.info("node {}: taints now {}", node.getMetadata().getName(), after.stream().map(t -> t.getKey() + ":" + t.getEffect()).toList());
    return ctx.client().resources(Node.class).update(copy);
  }

  private static boolean sameTaints(List<Taint> a, List<Taint> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (Taint t : a) {
      if (b.stream().noneMatch(u -> Objects.equals(t.getKey(), u.getKey()) && Objects.equals(t.getEffect(), u.getEffect()))) {
        return false;
      }
    }
    return true;
  }

  /** Evicts the pods whose toleration of the node's NoExecute taints ran out; when to look again. */
  private Duration evict(Node node, Instant now, ControllerContext ctx) {
    List<Taint> noExecute = NodeHealth.taints(node).stream()
        .filter(t -> "NoExecute".equals(t.getEffect()) && (NodeHealth.UNREACHABLE.equals(t.getKey()) || NodeHealth.NOT_READY.equals(t.getKey())))
        .toList();
    if (noExecute.isEmpty()) {
      return Duration.ZERO;
    }
    String zone = node.getMetadata().getLabels() == null ? "" : node.getMetadata().getLabels().getOrDefault(ZONE_LABEL, "");
    Duration next = Duration.ZERO;
    for (Pod pod : ctx.lister(Pod.class).byIndex(BY_NODE, node.getMetadata().getName())) {
      if (pod.getMetadata().getDeletionTimestamp() != null) {
        continue;
      }
      Optional<Instant> due = Tolerations.evictionTime(pod, noExecute, config.defaultTolerationSeconds());
      if (due.isEmpty()) {
        continue;
      }
      Duration wait = due.get().isAfter(now) ? Duration.between(now, due.get()) : limiter.tryAcquire(zone, now);
      if (wait.isZero()) {
        try {
          ctx.client().resources(Pod.class).delete(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
          ctx.events().event(pod, EventType.NORMAL, "TaintManagerEviction", "Marking for deletion Pod "
              + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName());
          LOG.info("node {}: evicted pod {}/{}", node.getMetadata().getName(), pod.getMetadata().getNamespace(), pod.getMetadata().getName());
        } catch (NotFoundException | ConflictException gone) {
          // already going
        }
        continue;
      }
      next = next.isZero() ? wait : min(next, wait);
    }
    return next;
  }
}
