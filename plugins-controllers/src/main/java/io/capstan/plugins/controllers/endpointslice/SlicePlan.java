package io.capstan.plugins.controllers.endpointslice;

import io.capstan.spi.api.DeepCopy;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to create, update and delete so that a Service's slices hold exactly the desired endpoints:
 * per group (address type and ports) an endpoint stays in the slice that holds it, new endpoints
 * fill slices with room before new slices are made (at most {@code max} endpoints each), slices left
 * empty and slices of groups no longer wanted are deleted. A Service without endpoints keeps one
 * empty placeholder slice, as Kubernetes does. Comparisons use a normalised signature, so what the
 * API server echoes back (empty strings dropped, defaults filled) never looks like a change.
 */
record SlicePlan(List<EndpointSlice> creates, List<EndpointSlice> updates, List<EndpointSlice> deletes) {

  static SlicePlan of(Service service, Map<DesiredEndpoints.Group, List<Endpoint>> desired, List<EndpointSlice> existing,
      int max) {
    Map<String, String> labels = labels(service);
    Map<DesiredEndpoints.Group, List<Endpoint>> wanted = new LinkedHashMap<>(desired);
    if (wanted.isEmpty()) {
      String family = service.getSpec().getIpFamilies() != null && service.getSpec().getIpFamilies().contains("IPv6")
          && !service.getSpec().getIpFamilies().contains("IPv4") ? "IPv6" : "IPv4";
      wanted.put(new DesiredEndpoints.Group(family, List.of()), List.of()); // the placeholder
    }
    Map<String, List<EndpointSlice>> byGroup = new HashMap<>();
    existing.stream().sorted(Comparator.comparing(s -> s.getMetadata().getName()))
        .forEach(s -> byGroup.computeIfAbsent(groupKey(s.getAddressType(), s.getPorts()), k -> new ArrayList<>()).add(s));
    List<EndpointSlice> creates = new ArrayList<>();
    List<EndpointSlice> updates = new ArrayList<>();
    List<EndpointSlice> deletes = new ArrayList<>();
    for (var entry : wanted.entrySet()) {
      DesiredEndpoints.Group group = entry.getKey();
      List<EndpointSlice> slices = byGroup.getOrDefault(groupKey(group.addressType(), group.ports()), new ArrayList<>());
      byGroup.remove(groupKey(group.addressType(), group.ports()));
      Map<String, Endpoint> remaining = new LinkedHashMap<>();
      entry.getValue().forEach(e -> remaining.put(key(e), e));
      List<List<Endpoint>> contents = new ArrayList<>();
      for (EndpointSlice slice : slices) {
        List<Endpoint> kept = new ArrayList<>();
        for (Endpoint old : slice.getEndpoints() == null ? List.<Endpoint>of() : slice.getEndpoints()) {
          Endpoint now = remaining.remove(key(old));
          if (now != null && kept.size() < max) {
            kept.add(now);
          } else if (now != null) {
            remaining.put(key(now), now);
          }
        }
        contents.add(kept);
      }
      var rest = new ArrayList<>(remaining.values()).iterator();
      for (List<Endpoint> content : contents) {
        while (content.size() < max && rest.hasNext()) {
          content.add(rest.next());
        }
      }
      boolean keepPlaceholder = entry.getValue().isEmpty();
      for (int i = 0; i < slices.size(); i++) {
        List<Endpoint> content = contents.get(i);
        content.sort(Comparator.comparing(e -> e.getAddresses().get(0)));
        if (content.isEmpty() && !(keepPlaceholder && i == 0)) {
          deletes.add(slices.get(i));
        } else if (!same(slices.get(i), content, group, labels)) {
          EndpointSlice copy = DeepCopy.of(slices.get(i));
          copy.setEndpoints(content);
          copy.setPorts(group.ports());
          copy.getMetadata().setLabels(labels);
          updates.add(copy);
        }
      }
      List<Endpoint> chunk = new ArrayList<>();
      while (rest.hasNext()) {
        chunk.add(rest.next());
        if (chunk.size() == max || !rest.hasNext()) {
          creates.add(slice(service, group, labels, chunk));
          chunk = new ArrayList<>();
        }
      }
      if (keepPlaceholder && slices.isEmpty()) {
        creates.add(slice(service, group, labels, List.of()));
      }
    }
    byGroup.values().forEach(deletes::addAll);
    return new SlicePlan(creates, updates, deletes);
  }

  private static EndpointSlice slice(Service service, DesiredEndpoints.Group group, Map<String, String> labels,
      List<Endpoint> endpoints) {
    List<Endpoint> sorted = new ArrayList<>(endpoints);
    sorted.sort(Comparator.comparing(e -> e.getAddresses().get(0)));
    return new EndpointSliceBuilder().withNewMetadata().withGenerateName(service.getMetadata().getName() + "-")
        .withNamespace(service.getMetadata().getNamespace()).withLabels(labels)
        .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("v1").withKind("Service")
            .withName(service.getMetadata().getName()).withUid(service.getMetadata().getUid()).withController(true)
            .withBlockOwnerDeletion(true).build())
        .endMetadata().withAddressType(group.addressType()).withPorts(group.ports()).withEndpoints(sorted).build();
  }

  /** The Service's labels plus the two that make a slice ours, as Kubernetes sets them. */
  static Map<String, String> labels(Service service) {
    Map<String, String> labels = new HashMap<>();
    if (service.getMetadata().getLabels() != null) {
      labels.putAll(service.getMetadata().getLabels());
    }
    if ("None".equals(service.getSpec().getClusterIP())) {
      labels.put("service.kubernetes.io/headless", "");
    }
    labels.put(EndpointSliceController.SERVICE_NAME_LABEL, service.getMetadata().getName());
    labels.put(EndpointSliceController.MANAGED_BY_LABEL, EndpointSliceController.MANAGED_BY);
    return labels;
  }

  private static boolean same(EndpointSlice slice, List<Endpoint> content, DesiredEndpoints.Group group,
      Map<String, String> labels) {
    List<Endpoint> current = slice.getEndpoints() == null ? List.of() : slice.getEndpoints();
    return current.size() == content.size()
        && current.stream().map(SlicePlan::signature).toList().equals(content.stream().map(SlicePlan::signature).toList())
        && groupKey(slice.getAddressType(), slice.getPorts()).equals(groupKey(group.addressType(), group.ports()))
        && Objects.equals(slice.getMetadata().getLabels() == null ? Map.of() : slice.getMetadata().getLabels(), labels);
  }

  static String groupKey(String addressType, List<EndpointPort> ports) {
    StringBuilder key = new StringBuilder(String.valueOf(addressType));
    for (EndpointPort p : ports == null ? List.<EndpointPort>of() : ports) {
      key.append('|').append(Objects.requireNonNullElse(p.getName(), "")).append('/').append(p.getPort()).append('/')
          .append(Objects.requireNonNullElse(p.getProtocol(), "TCP")).append('/').append(p.getAppProtocol());
    }
    return key.toString();
  }

  /** An endpoint's identity: its pod, else its first address. */
  private static String key(Endpoint e) {
    return e.getTargetRef() != null && e.getTargetRef().getUid() != null ? e.getTargetRef().getUid()
        : String.valueOf(e.getAddresses());
  }

  private static String signature(Endpoint e) {
    var c = e.getConditions();
    return e.getAddresses() + "|" + (c == null ? "" : c.getReady() + "," + c.getServing() + "," + c.getTerminating())
        + "|" + e.getNodeName() + "|" + e.getZone() + "|" + e.getHostname() + "|"
        + (e.getTargetRef() == null ? "" : e.getTargetRef().getName() + "/" + e.getTargetRef().getUid());
  }
}
