package io.capstan.runtime.scheduler;

import static java.util.Objects.requireNonNull;

import io.capstan.runtime.scheduler.framework.HostServices;
import io.capstan.runtime.scheduler.queue.Nominator;
import io.capstan.spi.api.DeepCopy;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.ConflictException;
import io.capstan.spi.client.DeleteOptions;
import io.capstan.spi.client.InformerFactory;
import io.capstan.spi.client.NotFoundException;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.scheduler.PodInfo;
import io.capstan.spi.scheduler.Status;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's side of its profiles' handles: the queue's nominator, listers of the shared
 * informers for the kinds the default plugins read, and the API writes of preemption.
 */
final class SchedulerHostServices implements HostServices {

  private static final Logger log = LoggerFactory.getLogger(SchedulerHostServices.class);

  /** The kinds the default plugins list (InterPodAffinity, PodTopologySpread, DefaultPreemption). */
  static final Set<Class<? extends HasMetadata>> LISTED = Set.of(Namespace.class, Service.class,
      ReplicationController.class, ReplicaSet.class, StatefulSet.class, PodDisruptionBudget.class);

  private final ApiClient client;
  private final InformerFactory informers;
  private final Nominator nominator;
  private final Clock clock;
  private final SchedulerReporter reporter;

  SchedulerHostServices(ApiClient client, InformerFactory informers, Nominator nominator, Clock clock,
      SchedulerReporter reporter) {
    this.client = requireNonNull(client, "client");
    this.informers = requireNonNull(informers, "informers");
    this.nominator = requireNonNull(nominator, "nominator");
    this.clock = requireNonNull(clock, "clock");
    this.reporter = requireNonNull(reporter, "reporter");
  }

  /** Creates the informers of the listed kinds, so they start (and sync) with the scheduler's. */
  void registerInformers() {
    LISTED.forEach(informers::sharedInformer);
  }

  @Override
  public List<PodInfo> nominatedPodsForNode(String nodeName) {
    return nominator.nominatedPodsFor(nodeName);
  }

  @Override
  public boolean noNominations() {
    return nominator.isEmpty();
  }

  @Override
  public <T extends HasMetadata> List<T> listObjects(Class<T> type, Optional<String> namespace) {
    if (!LISTED.contains(type)) {
      throw new UnsupportedOperationException("the scheduler does not cache " + type.getSimpleName()
          + "; it caches " + LISTED.stream().map(Class::getSimpleName).sorted().toList());
    }
    return informers.sharedInformer(type).lister().list(namespace.orElse(""));
  }

  @Override
  public Status evict(String profileName, Pod victim, Pod preemptor) {
    String ns = victim.getMetadata().getNamespace();
    String name = victim.getMetadata().getName();
    String uid = victim.getMetadata().getUid();
    String now = DateTimeFormatter.ISO_INSTANT.format(clock.now().truncatedTo(ChronoUnit.SECONDS));
    try {
      updateStatus(victim, status -> {
        List<PodCondition> conditions = new ArrayList<>(status.getConditions() == null ? List.of() : status.getConditions());
        conditions.removeIf(c -> "DisruptionTarget".equals(c.getType()));
        PodCondition c = new PodCondition();
        c.setType("DisruptionTarget");
        c.setStatus("True");
        c.setReason("PreemptionByScheduler");
        c.setMessage(profileName + ": preempting to accommodate a higher priority pod");
        c.setLastTransitionTime(now);
        conditions.add(c);
        status.setConditions(conditions);
        return status;
      });
      client.resources(Pod.class).delete(ns, name, new DeleteOptions(Optional.empty(), OptionalLong.empty(),
          Optional.of(uid), Optional.empty(), false));
    } catch (NotFoundException e) {
      return Status.success();
    } catch (ConflictException e) {
      // the uid precondition failed: a newer pod of that name, the victim is gone
      return Status.success();
    } catch (RuntimeException e) {
      log.warn("cannot preempt pod {}/{}: {}", ns, name, e.toString());
      return Status.error(e);
    }
    String node = victim.getSpec() == null || victim.getSpec().getNodeName() == null ? ""
        : victim.getSpec().getNodeName();
    reporter.event(victim, profileName, "Normal", "Preempted", "Preempting",
        "Preempted by pod " + preemptor.getMetadata().getUid() + " on node " + node);
    return Status.success();
  }

  @Override
  public Status clearNominatedNodeName(Pod pod) {
    nominator.delete(pod.getMetadata().getUid());
    try {
      updateStatus(pod, status -> {
        if (status.getNominatedNodeName() == null || status.getNominatedNodeName().isEmpty()) {
          return null;
        }
        status.setNominatedNodeName(null);
        return status;
      });
      return Status.success();
    } catch (NotFoundException e) {
      return Status.success();
    } catch (RuntimeException e) {
      return Status.error(e);
    }
  }

  /** Reads the pod, changes a copy of its status ({@code null}: nothing to do), writes it; retries conflicts. */
  private void updateStatus(Pod pod, UnaryOperator<PodStatus> change) {
    String ns = pod.getMetadata().getNamespace();
    String name = pod.getMetadata().getName();
    for (int attempt = 0; ; attempt++) {
      Optional<Pod> current = client.resources(Pod.class).get(ns, name);
      if (current.isEmpty() || !current.get().getMetadata().getUid().equals(pod.getMetadata().getUid())) {
        throw NotFoundException.of("pods", name);
      }
      Pod copy = DeepCopy.of(current.get());
      PodStatus status = change.apply(copy.getStatus() == null ? new PodStatus() : copy.getStatus());
      if (status == null) {
        return;
      }
      copy.setStatus(status);
      try {
        client.resources(Pod.class).updateStatus(copy);
        return;
      } catch (ConflictException e) {
        if (attempt >= 4) {
          throw e;
        }
      }
    }
  }
}
