package io.capstan.plugins.controllers.statefulset;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.plugins.controllers.shared.ControllerRevisions;
import io.capstan.spi.controller.ControllerContext;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import java.util.Set;

/** A StatefulSet's ControllerRevisions: {@link ControllerRevisions} applied to its template and history limit. */
final class StatefulSetRevisions {

  static final String HASH_LABEL = ControllerRevisions.HASH_LABEL;

  private StatefulSetRevisions() {}

  static JsonNode data(PodTemplateSpec template) {
    return ControllerRevisions.data(template);
  }

  static String hash(JsonNode data) {
    return ControllerRevisions.hash(data);
  }

  static PodTemplateSpec template(ControllerRevision revision) {
    return ControllerRevisions.template(revision);
  }

  static ControllerRevision ensure(StatefulSet set, List<ControllerRevision> owned, ControllerContext ctx) {
    return ControllerRevisions.ensure(set, "StatefulSet", set.getSpec().getTemplate(), owned, ctx);
  }

  static void prune(StatefulSet set, List<ControllerRevision> owned, Set<String> live, ControllerContext ctx) {
    ControllerRevisions.prune(set.getSpec().getRevisionHistoryLimit(), owned, live, ctx);
  }
}
