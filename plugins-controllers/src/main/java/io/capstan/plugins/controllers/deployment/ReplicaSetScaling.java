package io.capstan.plugins.controllers.deployment;

import io.capstan.spi.api.KubeJson;
import io.capstan.spi.controller.ControllerContext;
import io.capstan.spi.controller.EventType;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.Map;

/**
 * Kubernetes' {@code scaleReplicaSet}: sets a ReplicaSet's replicas and its desired-replicas and
 * max-replicas annotations (what proportional scaling reads back), with a {@code ScalingReplicaSet}
 * event on the Deployment. An update with the cached resourceVersion: a conflict propagates.
 */
final class ReplicaSetScaling {

  private ReplicaSetScaling() {}

  private static String pointer(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  /** @return the written ReplicaSet, or the given one when nothing changed */
  static ReplicaSet scale(ReplicaSet rs, int replicas, Deployment d, ControllerContext ctx) {
    int current = Deployments.specReplicas(rs);
    String desired = String.valueOf(Deployments.replicas(d));
    String max = String.valueOf(Deployments.replicas(d) + Deployments.maxSurge(d));
    Map<String, String> annotations = rs.getMetadata().getAnnotations() == null ? Map.of() : rs.getMetadata().getAnnotations();
    boolean annotationsOk = desired.equals(annotations.get(Deployments.DESIRED_REPLICAS))
        && max.equals(annotations.get(Deployments.MAX_REPLICAS));
    if (current == replicas && annotationsOk) {
      return rs;
    }
    // A JSON patch that tests the size it changes: the ReplicaSet controller's frequent status
    // writes do not make it fail (an update with the cached resourceVersion would), while a size
    // changed since the cache was filled does, so a stale cache never scales twice.
    var ops = KubeJson.mapper().createArrayNode();
    ops.addObject().put("op", "test").put("path", "/spec/replicas").put("value", current);
    ops.addObject().put("op", "replace").put("path", "/spec/replicas").put("value", replicas);
    if (rs.getMetadata().getAnnotations() == null) {
      ops.addObject().put("op", "add").put("path", "/metadata/annotations").putObject("value")
          .put(Deployments.DESIRED_REPLICAS, desired).put(Deployments.MAX_REPLICAS, max);
    } else {
      ops.addObject().put("op", "add").put("path", "/metadata/annotations/" + pointer(Deployments.DESIRED_REPLICAS))
          .put("value", desired);
      ops.addObject().put("op", "add").put("path", "/metadata/annotations/" + pointer(Deployments.MAX_REPLICAS))
          .put("value", max);
    }
    ReplicaSet written;
    try {
      written = ctx.client().resources(ReplicaSet.class).patch(rs.getMetadata().getNamespace(),
          rs.getMetadata().getName(), io.capstan.spi.client.PatchType.JSON, ops.toString());
    } catch (io.capstan.spi.client.NotFoundException gone) {
      throw gone;
    } catch (io.capstan.spi.client.ApiException failedTest) {
      if (failedTest.code() != 400 && failedTest.code() != 422) {
        throw failedTest;
      }
      // the size test failed: the cache is behind; the host retries this Deployment quietly
      throw io.capstan.spi.client.ConflictException.of("replicasets", rs.getMetadata().getName());
    }
    if (current != replicas) {
      String direction = replicas > current ? "up" : "down";
      ctx.events().eventf(d, EventType.NORMAL, "ScalingReplicaSet", "Scaled %s replica set %s from %d to %d",
          direction, rs.getMetadata().getName(), current, replicas);
    }
    return written;
  }
}
