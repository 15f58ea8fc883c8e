package io.capstan.plugins.controllers.disruption;

import io.capstan.spi.api.DeepCopy;
import io.capstan.spi.api.LabelSelectorSpec;
import io.capstan.spi.api.ObjectKey;
import io.capstan.spi.client.Lister;
import io.capstan.spi.client.NotFoundException;
import io.capstan.spi.controller.Controller;
import io.capstan.spi.controller.ControllerContext;
import io.capstan.spi.controller.ControllerSetup;
import io.capstan.spi.controller.EventType;
import io.capstan.spi.controller.Result;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes' disruption controller: keeps every PodDisruptionBudget's status — {@code
 * expectedPods}, {@code desiredHealthy} ({@link BudgetCount}), {@code currentHealthy} (selected pods
 * that are Ready, not being deleted and not just evicted), {@code disruptionsAllowed} = current −
 * desired (0 when negative or nothing is expected), {@code disruptedPods} (evictions not yet seen as
 * deletions, dropped after two minutes), the {@code DisruptionAllowed} condition and {@code
 * observedGeneration} — which the pods' {@code eviction} subresource spends. A budget that cannot
 * be evaluated fails safe: 0 disruptions allowed, condition reason {@code SyncFailed}.
 */
public final class DisruptionController implements Controller {

  public static final String NAME = "disruption";
  /** Kubernetes' {@code DeletionTimeout}: how long an evicted pod may take to show its deletion. */
  static final Duration DELETION_TIMEOUT = Duration.ofMinutes(2);
  private static final Logger log = LoggerFactory.getLogger(DisruptionController.class);

  private volatile Lister<PodDisruptionBudget> budgets;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Class<PodDisruptionBudget> primaryType() {
    return PodDisruptionBudget.class;
  }

  @Override
  public void setup(ControllerSetup setup) {
    budgets = setup.informers().sharedInformer(PodDisruptionBudget.class).lister();
    setup.watch(Pod.class, this::budgetsSelecting);
    // a scale change of a controller changes expectedPods of the budgets of its namespace
    setup.watch(ReplicaSet.class, this::budgetsIn);
    setup.watch(Deployment.class, this::budgetsIn);
    setup.watch(StatefulSet.class, this::budgetsIn);
    setup.watch(ReplicationController.class, this::budgetsIn);
  }

  private Set<ObjectKey> budgetsIn(HasMetadata object) {
    Set<ObjectKey> keys = new HashSet<>();
    budgets.list(object.getMetadata().getNamespace()).forEach(b -> keys.add(ObjectKey.of(b)));
    return keys;
  }

  private Set<ObjectKey> budgetsSelecting(Pod pod) {
    Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
    Set<ObjectKey> keys = new HashSet<>();
    for (PodDisruptionBudget budget : budgets.list(pod.getMetadata().getNamespace())) {
      try {
        if (LabelSelectorSpec.fromFabric8(budget.getSpec().getSelector()).matches(labels)) {
          keys.add(ObjectKey.of(budget));
        }
      } catch (IllegalArgumentException invalid) {
        keys.add(ObjectKey.of(budget)); // its reconcile reports the selector
      }
    }
    return keys;
  }

  @Override
  public Result reconcile(ObjectKey key, ControllerContext ctx) {
    Optional<PodDisruptionBudget> cached = ctx.lister(PodDisruptionBudget.class).get(key.namespace(), key.name());
    if (cached.isEmpty() || cached.get().getMetadata().getDeletionTimestamp() != null) {
      return Result.done();
    }
    PodDisruptionBudget pdb = cached.get();
    Instant now = ctx.clock().now();
    LabelSelectorSpec selector;
    try {
      selector = LabelSelectorSpec.fromFabric8(pdb.getSpec().getSelector());
    } catch (IllegalArgumentException invalid) {
      return write(pdb, failSafe(pdb, "SyncFailed", "invalid selector: " + invalid.getMessage(), now), ctx, Optional.empty());
    }
    List<Pod> pods = ctx.lister(Pod.class).list(key.namespace(), p -> selector.matches(
        p.getMetadata().getLabels() == null ? Map.of() : p.getMetadata().getLabels()));
    if (pods.isEmpty()) {
      ctx.events().event(pdb, EventType.NORMAL, "NoPods", "No matching pods found");
    }
    BudgetCount.Expected expected;
    try {
      expected = new BudgetCount(type -> ctx.lister(cast(type))).expected(pdb, pods);
    } catch (BudgetCount.CountException e) {
      ctx.events().event(pdb, EventType.WARNING, e.reason, e.getMessage());
      return write(pdb, failSafe(pdb, "SyncFailed", e.getMessage(), now), ctx, Optional.empty());
    }
    Map<String, String> disrupted = new TreeMap<>();
    Optional<Instant> recheck = Optional.empty();
    Map<String, String> previous = pdb.getStatus() == null || pdb.getStatus().getDisruptedPods() == null
        ? Map.of() : pdb.getStatus().getDisruptedPods();
    for (Pod pod : pods) {
      String since = previous.get(pod.getMetadata().getName());
      if (since == null || pod.getMetadata().getDeletionTimestamp() != null) {
        continue;
      }
      Instant expiry = parse(since).orElse(Instant.MIN).plus(DELETION_TIMEOUT);
      if (expiry.isBefore(now)) {
        log.info("{}: pod {} was expected to be deleted at {} but it was not; it counts as healthy again", key,
            pod.getMetadata().getName(), since);
        continue;
      }
      disrupted.put(pod.getMetadata().getName(), since);
      recheck = recheck.filter(r -> r.isBefore(expiry)).or(() -> Optional.of(expiry));
    }
    int healthy = (int) pods.stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null
        && !disrupted.containsKey(p.getMetadata().getName()) && ready(p)).count();
    int allowed = healthy - expected.desiredHealthy();
    if (expected.expectedPods() <= 0 || allowed <= 0) {
      allowed = 0;
    }
    PodDisruptionBudgetStatus status = status(pdb, expected.expectedPods(), expected.desiredHealthy(), healthy, allowed,
        disrupted, condition(pdb, allowed > 0 ? "True" : "False", allowed > 0 ? "SufficientPods" : "InsufficientPods",
            "", now));
    return write(pdb, status, ctx, recheck.map(r -> Duration.between(now, r).plusSeconds(1)));
  }

  private static PodDisruptionBudgetStatus failSafe(PodDisruptionBudget pdb, String reason, String message, Instant now) {
    PodDisruptionBudgetStatus old = pdb.getStatus() == null ? new PodDisruptionBudgetStatus() : pdb.getStatus();
    return status(pdb, nz(old.getExpectedPods()), nz(old.getDesiredHealthy()), nz(old.getCurrentHealthy()), 0,
        old.getDisruptedPods() == null ? Map.of() : old.getDisruptedPods(), condition(pdb, "False", reason, message, now));
  }

  private static PodDisruptionBudgetStatus status(PodDisruptionBudget pdb, int expected, int desired, int healthy,
      int allowed, Map<String, String> disrupted, Condition condition) {
    PodDisruptionBudgetStatus status = new PodDisruptionBudgetStatus();
    status.setObservedGeneration(generation(pdb));
    status.setExpectedPods(expected);
    status.setDesiredHealthy(desired);
    status.setCurrentHealthy(healthy);
    status.setDisruptionsAllowed(allowed);
    status.setDisruptedPods(disrupted.isEmpty() ? null : new TreeMap<>(disrupted));
    status.setConditions(List.of(condition));
    return status;
  }

  /** The DisruptionAllowed condition, keeping its transition time while its status stays. */
  private static Condition condition(PodDisruptionBudget pdb, String status, String reason, String message, Instant now) {
    Optional<Condition> old = pdb.getStatus() == null || pdb.getStatus().getConditions() == null ? Optional.empty()
        : pdb.getStatus().getConditions().stream().filter(c -> "DisruptionAllowed".equals(c.getType())).findFirst();
    String since = old.filter(c -> status.equals(c.getStatus())).map(Condition::getLastTransitionTime)
        .orElse(now.truncatedTo(ChronoUnit.SECONDS).toString());
    return new ConditionBuilder().withType("DisruptionAllowed").withStatus(status).withReason(reason)
        .withMessage(message).withObservedGeneration(generation(pdb)).withLastTransitionTime(since).build();
  }

  private Result write(PodDisruptionBudget pdb, PodDisruptionBudgetStatus status, ControllerContext ctx,
      Optional<Duration> recheck) {
    if (!Objects.equals(status, pdb.getStatus())) {
      PodDisruptionBudget copy = DeepCopy.of(pdb);
      copy.setStatus(status);
      try {
        ctx.client().resources(PodDisruptionBudget.class).updateStatus(copy);
      } catch (NotFoundException gone) {
        return Result.done();
      }
      log.debug("{}/{}: disruptionsAllowed={} currentHealthy={} desiredHealthy={} expectedPods={}",
          pdb.getMetadata().getNamespace(), pdb.getMetadata().getName(), status.getDisruptionsAllowed(),
          status.getCurrentHealthy(), status.getDesiredHealthy(), status.getExpectedPods());
    }
    return recheck.map(Result::requeueAfter).orElse(Result.done());
  }

  private static boolean ready(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static Optional<Instant> parse(String time) {
    try {
      return Optional.of(Instant.parse(time));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static long generation(HasMetadata object) {
    return object.getMetadata().getGeneration() == null ? 0 : object.getMetadata().getGeneration();
  }

  private static int nz(Integer value) {
    return value == null ? 0 : value;
  }

  @SuppressWarnings("unchecked")
  private static <T extends HasMetadata> Class<T> cast(Class<?> type) {
    return (Class<T>) type;
  }
}
