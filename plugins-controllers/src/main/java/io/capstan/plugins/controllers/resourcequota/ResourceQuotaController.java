package io.capstan.plugins.controllers.resourcequota;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.api.CanonicalQuantity;
import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.api.ObjectKey;
import io.capstan.spi.api.Quantities;
import io.capstan.spi.client.ConflictException;
import io.capstan.spi.client.NotFoundException;
import io.capstan.spi.controller.Controller;
import io.capstan.spi.controller.ControllerContext;
import io.capstan.spi.controller.ControllerSetup;
import io.capstan.spi.controller.EventMapper;
import io.capstan.spi.controller.Result;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes' resourcequota controller: keeps each ResourceQuota's {@code status.hard} equal to its
 * spec and its {@code status.used} equal to what the namespace really uses. It recomputes a quota
 * when the quota is created or changed, when a pod, service, config map, secret, replication
 * controller or claim of its namespace changes or is deleted (that is how deletes release quota),
 * and on a full resync every five minutes for the kinds counted by {@code count/<resource>.<group>}.
 * The ResourceQuota admission plugin charges creates in between; both write {@code status} with
 * compare-and-swap on the resourceVersion, so neither loses the other's update.
 */
public final class ResourceQuotaController implements Controller {

  public static final String NAME = "resourcequota";
  static final Duration RESYNC = Duration.ofMinutes(5);

  private static final Logger log = LoggerFactory.getLogger(ResourceQuotaController.class);

  private final QuotaRecount recount;
  /** Quota names by namespace, as the last reconciles saw them: where an object's change must go. */
  private final Map<String, Set<String>> quotasByNamespace = new ConcurrentHashMap<>();

  @Inject
  public ResourceQuotaController(KindRegistry kinds) {
    this.recount = new QuotaRecount(requireNonNull(kinds, "kinds"));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Class<? extends HasMetadata> primaryType() {
    return ResourceQuota.class;
  }

  @Override
  public void setup(ControllerSetup setup) {
    setup.watch(Pod.class, quotasOfNamespace());
    setup.watch(Service.class, quotasOfNamespace());
    setup.watch(ConfigMap.class, quotasOfNamespace());
    setup.watch(Secret.class, quotasOfNamespace());
    setup.watch(ReplicationController.class, quotasOfNamespace());
    setup.watch(PersistentVolumeClaim.class, quotasOfNamespace());
  }

  /** Maps an object to every quota of its namespace. */
  <T extends HasMetadata> EventMapper<T> quotasOfNamespace() {
    return object -> {
      String namespace = object.getMetadata().getNamespace();
      Set<String> names = namespace == null ? null : quotasByNamespace.get(namespace);
      return names == null ? Set.of() : names.stream().map(n -> new ObjectKey(namespace, n)).collect(Collectors.toSet());
    };
  }

  @Override
  public Result reconcile(ObjectKey key, ControllerContext ctx) {
    Optional<ResourceQuota> cached = ctx.lister(ResourceQuota.class).get(key.namespace(), key.name());
    if (cached.isEmpty()) {
      forget(key);
      return Result.done();
    }
    quotasByNamespace.computeIfAbsent(key.namespace(), ns -> ConcurrentHashMap.newKeySet()).add(key.name());
    // The status is written with the resourceVersion read here: a charge by admission in between
    // makes the write conflict, and the requeued reconcile counts again.
    Optional<ResourceQuota> current = ctx.client().resources(ResourceQuota.class).get(key.namespace(), key.name());
    if (current.isEmpty()) {
      forget(key);
      return Result.done();
    }
    ResourceQuota quota = current.get();
    Map<String, Quantity> hard = quota.getSpec() == null || quota.getSpec().getHard() == null ? Map.of() : quota.getSpec().getHard();
    Map<String, CanonicalQuantity> used = hard.isEmpty() ? Map.of() : recount.usage(ctx.client(), quota);
    if (sameValues(hard, quota.getStatus() == null ? null : quota.getStatus().getHard())
        && sameValues(toFabric8(used), quota.getStatus() == null ? null : quota.getStatus().getUsed())) {
      return Result.requeueAfter(RESYNC);
    }
    ResourceQuota next = new ResourceQuotaBuilder(quota).editOrNewStatus()
        .withHard(new TreeMap<>(hard)).withUsed(toFabric8(used)).endStatus().build();
    try {
      ctx.client().resources(ResourceQuota.class).updateStatus(next);
      log.debug("quota {} usage recomputed: {}", key, used);
    } catch (ConflictException e) {
      return Result.requeue();
    } catch (NotFoundException e) {
      forget(key);
      return Result.done();
    }
    return Result.requeueAfter(RESYNC);
  }

  private void forget(ObjectKey key) {
    Set<String> names = quotasByNamespace.get(key.namespace());
    if (names != null) {
      names.remove(key.name());
    }
  }

  private static Map<String, Quantity> toFabric8(Map<String, CanonicalQuantity> values) {
    Map<String, Quantity> out = new TreeMap<>();
    values.forEach((k, v) -> out.put(k, Quantities.toFabric8(v)));
    return out;
  }

  private static boolean sameValues(Map<String, Quantity> want, Map<String, Quantity> have) {
    if (have == null || !want.keySet().equals(have.keySet())) {
      return false;
    }
    return want.entrySet().stream().allMatch(e -> Quantities.equal(e.getValue(), have.get(e.getKey())));
  }
}
