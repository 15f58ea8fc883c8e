package io.capstan.plugins.controllers.daemonset;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.plugins.controllers.shared.ControllerRevisions;
import io.capstan.spi.controller.ControllerContext;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.List;
import java.util.Set;

/** A DaemonSet's ControllerRevisions: {@link ControllerRevisions} applied to its template and history limit. */
final class DaemonSetRevisions {

  static final String HASH_LABEL = ControllerRevisions.HASH_LABEL;

  private DaemonSetRevisions() {}

  static JsonNode data(PodTemplateSpec template) {
    return ControllerRevisions.data(template);
  }

  static String hash(JsonNode data) {
    return ControllerRevisions.hash(data);
  }

  static PodTemplateSpec template(ControllerRevision revision) {
    return ControllerRevisions.template(revision);
  }

  static ControllerRevision ensure(DaemonSet set, List<ControllerRevision> owned, ControllerContext ctx) {
    return ControllerRevisions.ensure(set, "DaemonSet", set.getSpec().getTemplate(), owned, ctx);
  }

  static void prune(DaemonSet set, List<ControllerRevision> owned, Set<String> live, ControllerContext ctx) {
    ControllerRevisions.prune(set.getSpec().getRevisionHistoryLimit(), owned, live, ctx);
  }
}
