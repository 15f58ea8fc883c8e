package io.capstan.runtime.scheduler.framework;

import io.capstan.spi.scheduler.SchedulerPlugin;
import io.capstan.spi.scheduler.SignPlugin;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A profile's pod signatures (Kubernetes' {@code SignPod}): the fragments of every plugin that
 * takes part in finding a node. Empty when one of those plugins cannot sign, or does not sign this
 * pod: such a profile or pod is always scheduled in a full cycle.
 */
final class PodSigner {

  /** The extension points whose results a batch reuses. */
  private static final List<ExtensionPoint> SIGNED = List.of(ExtensionPoint.PRE_FILTER, ExtensionPoint.FILTER,
      ExtensionPoint.PRE_SCORE, ExtensionPoint.SCORE);

  private final String profileName;
  private final List<SignPlugin> signers;
  private final boolean signable;

  PodSigner(String profileName, Map<ExtensionPoint, List<SchedulerPlugin>> plugins) {
    this.profileName = profileName;
    Set<SchedulerPlugin> involved = new LinkedHashSet<>();
    for (ExtensionPoint point : SIGNED) {
      involved.addAll(plugins.getOrDefault(point, List.of()));
    }
    List<SignPlugin> found = new ArrayList<>();
    boolean all = true;
    for (SchedulerPlugin p : involved) {
      if (p instanceof SignPlugin s) {
        found.add(s);
      } else {
        all = false;
      }
    }
    this.signers = List.copyOf(found);
    this.signable = all;
  }

  /** Whether every plugin of the profile that filters or scores can sign pods. */
  boolean signable() {
    return signable;
  }

  Optional<PodSignature> sign(Pod pod) {
    if (!signable) {
      return Optional.empty();
    }
    List<Object> fragments = new ArrayList<>(signers.size() * 2 + 1);
    fragments.add(profileName);
    // the framework's own input: nominated pods of higher or equal priority count against a node
    fragments.add(pod.getSpec() == null ? null : pod.getSpec().getPriority());
    for (SignPlugin s : signers) {
      Optional<List<Object>> own;
      try {
        own = s.signPod(pod);
      } catch (RuntimeException e) {
        return Optional.empty(); // a plugin that cannot tell is treated as "do not batch"
      }
      if (own == null || own.isEmpty()) {
        return Optional.empty();
      }
      fragments.add(s.name());
      fragments.addAll(own.get());
    }
    return Optional.of(new PodSignature(fragments));
  }
}
