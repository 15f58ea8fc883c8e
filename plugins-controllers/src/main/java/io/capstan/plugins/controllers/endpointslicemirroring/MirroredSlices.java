package io.capstan.plugins.controllers.endpointslicemirroring;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
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
 * What the mirroring controller writes for one Endpoints object, as Kubernetes' mirroring does:
 * each subset's addresses ({@code ready: true}) and notReadyAddresses ({@code ready: false}), at
 * most {@code max} per subset, grouped by address type and the subset's ports into slices of at
 * most {@code max} endpoints, sorted by address; hostname, nodeName and targetRef copied. Labels:
 * the Endpoints' own plus {@code kubernetes.io/service-name} and the mirroring controller's
 * {@code managed-by}; owner: the Endpoints object. The plan reuses the existing slices of a group
 * in name order, rewrites only those whose content or labels differ, and deletes the rest.
 */
record MirroredSlices(List<EndpointSlice> creates, List<EndpointSlice> updates, List<EndpointSlice> deletes) {

  static MirroredSlices plan(Endpoints endpoints, List<EndpointSlice> existing, int max) {
    Map<String, String> labels = labels(endpoints);
    Map<String, List<EndpointSlice>> byGroup = new HashMap<>();
    existing.stream().sorted(Comparator.comparing(s -> s.getMetadata().getName()))
        .forEach(s -> byGroup.computeIfAbsent(group(s.getAddressType(), s.getPorts()), k -> new ArrayList<>()).add(s));
    List<EndpointSlice> creates = new ArrayList<>();
    List<EndpointSlice> updates = new ArrayList<>();
    for (var wanted : desired(endpoints, max).entrySet()) {
      List<EndpointSlice> slices = byGroup.getOrDefault(wanted.getKey(), List.of());
      byGroup.remove(wanted.getKey());
      List<Endpoint> all = wanted.getValue().endpoints();
      for (int from = 0, i = 0; from < all.size(); from += max, i++) {
        List<Endpoint> chunk = all.subList(from, Math.min(all.size(), from + max));
        if (i < slices.size()) {
          EndpointSlice current = slices.get(i);
          if (!signatures(current.getEndpoints()).equals(signatures(chunk))
              || !Objects.equals(current.getMetadata().getLabels(), labels)) {
            updates.add(new EndpointSliceBuilder(current).editMetadata().withLabels(labels).endMetadata()
                .withEndpoints(chunk).build());
          }
        } else {
          creates.add(slice(endpoints, wanted.getValue(), labels, chunk));
        }
      }
      int used = (all.size() + max - 1) / max;
      if (slices.size() > used) {
        byGroup.put(wanted.getKey(), slices.subList(used, slices.size()));
      }
    }
    List<EndpointSlice> deletes = new ArrayList<>();
    byGroup.values().forEach(deletes::addAll);
    return new MirroredSlices(creates, updates, deletes);
  }

  /** Endpoints of one address type and port list. */
  private record Group(String addressType, List<EndpointPort> ports, List<Endpoint> endpoints) {}

  private static Map<String, Group> desired(Endpoints endpoints, int max) {
    Map<String, Group> groups = new LinkedHashMap<>();
    for (EndpointSubset subset : endpoints.getSubsets() == null ? List.<EndpointSubset>of() : endpoints.getSubsets()) {
      List<EndpointPort> ports = (subset.getPorts() == null ? List.<io.fabric8.kubernetes.api.model.EndpointPort>of()
          : subset.getPorts()).stream().map(p -> new EndpointPortBuilder().withName(p.getName() == null ? "" : p.getName())
          .withPort(p.getPort()).withProtocol(p.getProtocol() == null ? "TCP" : p.getProtocol())
          .withAppProtocol(p.getAppProtocol()).build()).toList();
      int taken = 0;
      for (boolean ready : new boolean[] {true, false}) {
        List<EndpointAddress> addresses = ready ? subset.getAddresses() : subset.getNotReadyAddresses();
        for (EndpointAddress address : addresses == null ? List.<EndpointAddress>of() : addresses) {
          if (taken++ >= max) {
            break; // Kubernetes mirrors at most maxEndpointsPerSubset addresses of a subset
          }
          String type = address.getIp().contains(":") ? "IPv6" : "IPv4";
          groups.computeIfAbsent(group(type, ports), k -> new Group(type, ports, new ArrayList<>())).endpoints()
              .add(new EndpointBuilder().withAddresses(address.getIp()).withNewConditions().withReady(ready).endConditions()
                  .withHostname(address.getHostname()).withNodeName(address.getNodeName())
                  .withTargetRef(address.getTargetRef()).build());
        }
      }
    }
    groups.values().forEach(g -> g.endpoints().sort(Comparator.comparing(e -> e.getAddresses().get(0))));
    return groups;
  }

  private static EndpointSlice slice(Endpoints endpoints, Group group, Map<String, String> labels, List<Endpoint> chunk) {
    return new EndpointSliceBuilder().withNewMetadata().withGenerateName(endpoints.getMetadata().getName() + "-")
        .withNamespace(endpoints.getMetadata().getNamespace()).withLabels(labels)
        .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("v1").withKind("Endpoints")
            .withName(endpoints.getMetadata().getName()).withUid(endpoints.getMetadata().getUid()).withController(true)
            .withBlockOwnerDeletion(true).build())
        .endMetadata().withAddressType(group.addressType()).withPorts(group.ports()).withEndpoints(chunk).build();
  }

  static Map<String, String> labels(Endpoints endpoints) {
    Map<String, String> labels = new HashMap<>();
    if (endpoints.getMetadata().getLabels() != null) {
      labels.putAll(endpoints.getMetadata().getLabels());
    }
    labels.put(EndpointSliceMirroringController.SERVICE_NAME_LABEL, endpoints.getMetadata().getName());
    labels.put(EndpointSliceMirroringController.MANAGED_BY_LABEL, EndpointSliceMirroringController.MANAGED_BY);
    return labels;
  }

  static String group(String addressType, List<EndpointPort> ports) {
    StringBuilder key = new StringBuilder(String.valueOf(addressType));
    for (EndpointPort p : ports == null ? List.<EndpointPort>of() : ports) {
      key.append('|').append(Objects.requireNonNullElse(p.getName(), "")).append('/').append(p.getPort()).append('/')
          .append(Objects.requireNonNullElse(p.getProtocol(), "TCP")).append('/').append(p.getAppProtocol());
    }
    return key.toString();
  }

  private static List<String> signatures(List<Endpoint> endpoints) {
    return (endpoints == null ? List.<Endpoint>of() : endpoints).stream().map(e -> e.getAddresses() + "|"
        + (e.getConditions() == null ? null : e.getConditions().getReady()) + "|" + e.getHostname() + "|" + e.getNodeName()
        + "|" + (e.getTargetRef() == null ? "" : e.getTargetRef().getKind() + "/" + e.getTargetRef().getName()))
        .toList();
  }
}
