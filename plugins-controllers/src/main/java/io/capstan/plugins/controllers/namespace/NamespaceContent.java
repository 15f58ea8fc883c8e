package io.capstan.plugins.controllers.namespace;

import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.api.ResourceKind;
import io.capstan.spi.client.ApiException;
import io.capstan.spi.client.DeleteOptions;
import io.capstan.spi.client.ListOptions;
import io.capstan.spi.client.NotFoundException;
import io.capstan.spi.client.PropagationPolicy;
import io.capstan.spi.client.ResourceClient;
import io.capstan.spi.controller.ControllerContext;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceCondition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One pass over a terminating namespace: deletes every object of every namespaced kind that
 * supports delete, and tallies what remains (by kind, and by the finalizers holding objects) and
 * what failed, for the status conditions Kubernetes reports.
 */
final class NamespaceContent {

  private final Map<String, Integer> remainingByResource = new TreeMap<>();
  private final Map<String, Integer> remainingByFinalizer = new TreeMap<>();
  private final List<String> failures = new ArrayList<>();

  static NamespaceContent deleteAll(KindRegistry kinds, String namespace, ControllerContext ctx) {
    NamespaceContent content = new NamespaceContent();
    for (ResourceKind kind : kinds.all()) {
      if (!kind.namespaced() || !kind.verbs().contains("delete") || !kind.verbs().contains("list")) {
        continue;
      }
      try {
        content.deleteKind(kind, namespace, ctx);
      } catch (ApiException | IllegalArgumentException e) {
        content.failures.add(kind.qualifiedResource() + ": " + e.getMessage());
      }
    }
    return content;
  }

  private void deleteKind(ResourceKind kind, String namespace, ControllerContext ctx) {
    ResourceClient<? extends HasMetadata> client = ctx.client().resources(kind);
    List<? extends HasMetadata> items = client.list(ListOptions.inNamespace(namespace)).items();
    for (HasMetadata object : items) {
      if (object.getMetadata().getDeletionTimestamp() == null) {
        try {
          client.delete(namespace, object.getMetadata().getName(), DeleteOptions.DEFAULTS
              .withPropagationPolicy(PropagationPolicy.BACKGROUND).withPreconditionUid(object.getMetadata().getUid()));
        } catch (NotFoundException gone) {
          continue;
        }
      }
    }
    List<? extends HasMetadata> left = items.isEmpty() ? items : client.list(ListOptions.inNamespace(namespace)).items();
    if (!left.isEmpty()) {
      remainingByResource.put(kind.qualifiedResource(), left.size());
      for (HasMetadata object : left) {
        List<String> finalizers = object.getMetadata().getFinalizers();
        if (finalizers != null) {
          finalizers.forEach(f -> remainingByFinalizer.merge(f, 1, Integer::sum));
        }
      }
    }
  }

  boolean empty() {
    return remainingByResource.isEmpty() && failures.isEmpty();
  }

  int remaining() {
    return remainingByResource.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Kubernetes' namespace conditions, keeping lastTransitionTime of unchanged ones. */
  List<NamespaceCondition> conditions(Instant now, List<NamespaceCondition> previous) {
    List<NamespaceCondition> out = new ArrayList<>();
    out.add(condition("NamespaceDeletionDiscoveryFailure", false, "ResourcesDiscovered", "All resources successfully discovered", now, previous));
    out.add(condition("NamespaceDeletionGroupVersionParsingFailure", false, "ParsedGroupVersions", "All legacy kube types successfully parsed", now, previous));
    out.add(failures.isEmpty()
        ? condition("NamespaceDeletionContentFailure", false, "ContentDeleted", "All content successfully deleted, may be waiting on finalization", now, previous)
        : condition("NamespaceDeletionContentFailure", true, "ContentDeletionFailed", "Failed to delete all resource types, " + failures.size()
            + " remaining: " + String.join(", ", failures), now, previous));
    out.add(remainingByResource.isEmpty()
        ? condition("NamespaceContentRemaining", false, "ContentRemoved", "All content successfully removed", now, previous)
        : condition("NamespaceContentRemaining", true, "SomeResourcesRemain", "Some resources are remaining: "
            + join(remainingByResource, " has ", "objects"), now, previous));
    out.add(remainingByFinalizer.isEmpty()
        ? condition("NamespaceFinalizersRemaining", false, "ContentHasNoFinalizers", "All content-preserving finalizers finished", now, previous)
        : condition("NamespaceFinalizersRemaining", true, "SomeFinalizersRemain", "Some content in the namespace has finalizers remaining: "
            + join(remainingByFinalizer, " in ", "resource instances"), now, previous));
    return out;
  }

  private static String join(Map<String, Integer> counts, String verb, String unit) {
    List<String> parts = new ArrayList<>();
    counts.forEach((name, n) -> parts.add(name + verb + n + " " + unit));
    return String.join(", ", parts);
  }

  private static NamespaceCondition condition(String type, boolean value, String reason, String message, Instant now,
      List<NamespaceCondition> previous) {
    String status = value ? "True" : "False";
    String time = NamespaceController.keep(previous).stream()
        .filter(c -> type.equals(c.getType()) && status.equals(c.getStatus())).map(NamespaceCondition::getLastTransitionTime)
        .findFirst().orElse(now.truncatedTo(ChronoUnit.SECONDS).toString());
    NamespaceCondition c = new NamespaceCondition();
    c.setType(type);
    c.setStatus(status);
    c.setReason(reason);
    c.setMessage(message);
    c.setLastTransitionTime(time);
    return c;
  }
}
