package io.capstan.examples.scheduler.zonefence;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.scheduler.CycleState;
import io.capstan.spi.scheduler.FilterPlugin;
import io.capstan.spi.scheduler.NodeInfo;
import io.capstan.spi.scheduler.Status;
import io.fabric8.kubernetes.api.model.Pod;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A filter that keeps pods inside a set of zones: a data-residency fence. Nodes whose zone label is
 * missing or outside the allowed zones are rejected. A pod can narrow (never widen) the fence with
 * the annotation {@value #ZONES_ANNOTATION} ({@code "zone-a,zone-b"}).
 *
 * <p>Like every filter it is called concurrently for many nodes, so it keeps no mutable state.
 */
public final class ZoneFence implements FilterPlugin {

  public static final String NAME = "ZoneFence";
  public static final String ZONES_ANNOTATION = "examples.capstan.io/zones";

  private final ZoneFenceConfig config;

  @Inject
  public ZoneFence(ZoneFenceConfig config) {
    this.config = requireNonNull(config, "config");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Status filter(CycleState state, Pod pod, NodeInfo nodeInfo) {
    Map<String, String> labels = nodeInfo.node().getMetadata().getLabels();
    String zone = labels == null ? null : labels.get(config.zoneLabel());
    if (zone == null) {
      return Status.unschedulableAndUnresolvable("node has no " + config.zoneLabel() + " label");
    }
    List<String> allowed = allowedFor(pod);
    if (!allowed.contains(zone)) {
      return Status.unschedulableAndUnresolvable("zone " + zone + " is outside the fence " + allowed);
    }
    return Status.success();
  }

  /** The configured zones, narrowed by the pod's annotation when it has one. */
  private List<String> allowedFor(Pod pod) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    String wanted = annotations == null ? null : annotations.get(ZONES_ANNOTATION);
    if (wanted == null || wanted.isBlank()) {
      return config.allowedZones();
    }
    return Arrays.stream(wanted.split(",")).map(String::trim).filter(config.allowedZones()::contains).toList();
  }
}
