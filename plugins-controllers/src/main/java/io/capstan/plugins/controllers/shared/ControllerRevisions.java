package io.capstan.plugins.controllers.shared;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.spi.api.DeepCopy;
import io.capstan.spi.api.KubeJson;
import io.capstan.spi.api.OwnerReferences;
import io.capstan.spi.client.AlreadyExistsException;
import io.capstan.spi.client.NotFoundException;
import io.capstan.spi.controller.ControllerContext;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ControllerRevisions (apps/v1) of a workload with a pod template (DaemonSet, StatefulSet), as
 * Kubernetes' history package keeps them: one per distinct pod template, named {@code <set>-<hash>},
 * numbered in order of use (a template used again, as by a rollback, gets the next number), pruned
 * to {@code revisionHistoryLimit}.
 */
public final class ControllerRevisions {

  public static final String HASH_LABEL = "controller-revision-hash";
  private static final String SAFE = "bcdfghjklmnpqrstvwxz2456789";

  private ControllerRevisions() {}

  /** Kubernetes' revision data: a patch replacing spec.template. */
  public static JsonNode data(PodTemplateSpec template) {
    ObjectNode spec = KubeJson.mapper().createObjectNode();
    ObjectNode templateNode = KubeJson.mapper().valueToTree(template);
    templateNode.put("$patch", "replace");
    spec.set("template", templateNode);
    ObjectNode root = KubeJson.mapper().createObjectNode();
    root.set("spec", spec);
    return root;
  }

  /** FNV-32a of the data, in Kubernetes' safe alphabet. */
  public static String hash(JsonNode data) {
    int h = 0x811c9dc5;
    for (byte b : data.toString().getBytes(StandardCharsets.UTF_8)) {
      h ^= (b & 0xff);
      h *= 0x01000193;
    }
    long value = Integer.toUnsignedLong(h);
    StringBuilder out = new StringBuilder();
    do {
      out.append(SAFE.charAt((int) (value % SAFE.length())));
      value /= SAFE.length();
    } while (value > 0);
    return out.toString();
  }

  /** The template a revision recorded. */
  public static PodTemplateSpec template(ControllerRevision revision) {
    JsonNode data = KubeJson.mapper().valueToTree(revision.getData());
    ObjectNode template = ((ObjectNode) data.path("spec").path("template")).deepCopy();
    template.remove("$patch");
    return KubeJson.mapper().convertValue(template, PodTemplateSpec.class);
  }

  /**
   * The revision of the set's current template, created or renumbered as needed; {@code owned} are
   * the set's revisions from the cache, {@code kind} its kind in apps/v1.
   */
  public static ControllerRevision ensure(HasMetadata set, String kind, PodTemplateSpec template,
      List<ControllerRevision> owned, ControllerContext ctx) {
    JsonNode data = data(template);
    String name = set.getMetadata().getName() + "-" + hash(data);
    long max = owned.stream().mapToLong(r -> r.getRevision() == null ? 0 : r.getRevision()).max().orElse(0);
    Optional<ControllerRevision> existing = owned.stream().filter(r -> name.equals(r.getMetadata().getName())).findFirst();
    if (existing.isPresent()) {
      ControllerRevision r = existing.get();
      if (r.getRevision() != null && r.getRevision() == max) {
        return r;
      }
      ControllerRevision copy = DeepCopy.of(r);
      copy.setRevision(max + 1);
      return ctx.client().resources(ControllerRevision.class).update(copy);
    }
    ControllerRevision revision = new ControllerRevision();
    revision.setApiVersion("apps/v1");
    revision.setKind("ControllerRevision");
    revision.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name)
        .withNamespace(set.getMetadata().getNamespace())
        .withLabels(labels(template, hash(data)))
        .withOwnerReferences(OwnerReferences.newControllerRef(set, "apps/v1", kind)).build());
    revision.setData(KubeJson.mapper().convertValue(data, Map.class));
    revision.setRevision(max + 1);
    try {
      return ctx.client().resources(ControllerRevision.class).create(revision);
    } catch (AlreadyExistsException raced) {
      return ctx.client().resources(ControllerRevision.class).get(revision.getMetadata().getNamespace(), name)
          .orElseThrow(() -> raced);
    }
  }

  private static Map<String, String> labels(PodTemplateSpec template, String hash) {
    Map<String, String> labels = new HashMap<>();
    if (template.getMetadata() != null && template.getMetadata().getLabels() != null) {
      labels.putAll(template.getMetadata().getLabels());
    }
    labels.put(HASH_LABEL, hash);
    return labels;
  }

  /** Deletes the oldest revisions beyond {@code revisionHistoryLimit} (default 10), never one in {@code live}. */
  public static void prune(Integer revisionHistoryLimit, List<ControllerRevision> owned, Set<String> live,
      ControllerContext ctx) {
    int limit = revisionHistoryLimit == null ? 10 : revisionHistoryLimit;
    List<ControllerRevision> history = owned.stream().filter(r -> !live.contains(r.getMetadata().getName()))
        .sorted(Comparator.comparingLong(r -> r.getRevision() == null ? 0 : r.getRevision())).toList();
    for (int i = 0; i < history.size() - limit; i++) {
      ControllerRevision r = history.get(i);
      try {
        ctx.client().resources(ControllerRevision.class).delete(r.getMetadata().getNamespace(), r.getMetadata().getName());
      } catch (NotFoundException gone) {
        // pruned already
      }
    }
  }
}
