package io.capstan.runtime.apiserver.validation;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Services: Kubernetes' {@code ValidateService}, {@code validateServicePort} and the clusterIP part
 * of {@code ValidateServiceUpdate} (pkg/apis/core/validation, 1.32). Node port ranges and IP
 * allocation are the allocator's job; here only their format. Defaulted fields (type,
 * sessionAffinity, a port's protocol and targetPort) are checked only when set. Stateless.
 */
final class ServiceValidation {

  static final List<String> TYPES = List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort");
  private static final FieldPath SPEC = FieldPath.root("spec");
  private static final int KUBELET_PORT = 10250;

  private ServiceValidation() {}

  static void create(ServiceSpec spec, FieldErrors errs) {
    ServiceSpec s = spec == null ? new ServiceSpec() : spec;
    String type = MetaValidation.text(s.getType());
    List<ServicePort> ports = s.getPorts() == null ? List.of() : s.getPorts();
    List<String> clusterIPs = clusterIPs(s);
    boolean headless = clusterIPs.size() == 1 && clusterIPs.get(0).equals("None");
    if (ports.isEmpty() && !headless && !type.equals("ExternalName")) {
      errs.required(SPEC.child("ports"), "");
    }
    switch (type) {
      case "LoadBalancer" -> {
        if (headless) {
          errs.invalid(SPEC.child("clusterIPs").index(0), "None", "may not be set to 'None' for LoadBalancer services");
        }
        for (int i = 0; i < ports.size(); i++) {
          if (ports.get(i).getPort() != null && ports.get(i).getPort() == KUBELET_PORT) {
            errs.invalid(SPEC.child("ports").index(i), KUBELET_PORT,
                "may not expose port 10250 externally since it is used by kubelet");
          }
        }
      }
      case "NodePort" -> {
        if (headless) {
          errs.invalid(SPEC.child("clusterIPs").index(0), "None", "may not be set to 'None' for NodePort services");
        }
      }
      case "ExternalName" -> externalName(s, errs);
      default -> { }
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      port(ports.get(i), ports.size() > 1, names, SPEC.child("ports").index(i), errs);
    }
    MetaValidation.labels(s.getSelector(), SPEC.child("selector"), errs);
    String affinity = MetaValidation.text(s.getSessionAffinity());
    PodSpecValidation.enumField(affinity, List.of("ClientIP", "None"), SPEC.child("sessionAffinity"), errs);
    if (affinity.equals("None") && s.getSessionAffinityConfig() != null) {
      errs.forbidden(SPEC.child("sessionAffinityConfig"), "must not be set when session affinity is None");
    }
    if (!type.equals("ExternalName")) {
      for (int i = 0; i < clusterIPs.size(); i++) {
        String ip = clusterIPs.get(i);
        FieldPath idx = SPEC.child("clusterIPs").index(i);
        if (ip.equals("None")) {
          if (i > 0) {
            errs.invalid(idx, ip, "'None' must be the first and only value");
          }
        } else if (!ip.isEmpty()) {
          errs.invalidEach(idx, ip, NameRules.ip(ip));
        }
      }
    }
    List<String> externalIPs = s.getExternalIPs() == null ? List.of() : s.getExternalIPs();
    for (int i = 0; i < externalIPs.size(); i++) {
      errs.invalidEach(SPEC.child("externalIPs").index(i), externalIPs.get(i), NameRules.ip(externalIPs.get(i)));
    }
    PodSpecValidation.enumField(type, TYPES, SPEC.child("type"), errs);
    if (type.equals("ClusterIP")) {
      for (int i = 0; i < ports.size(); i++) {
        if (ports.get(i).getNodePort() != null && ports.get(i).getNodePort() != 0) {
          errs.forbidden(SPEC.child("ports").index(i).child("nodePort"), "may not be used when `type` is 'ClusterIP'");
        }
      }
    }
    duplicates(ports, errs);
    trafficPolicies(s, type, externalIPs, errs);
  }

  /** The new clusterIP may not differ from the stored one once set (an empty one means "keep"). */
  static void update(ServiceSpec spec, ServiceSpec old, FieldErrors errs) {
    ServiceSpec n = spec == null ? new ServiceSpec() : spec;
    ServiceSpec o = old == null ? new ServiceSpec() : old;
    if ("ExternalName".equals(n.getType()) || "ExternalName".equals(o.getType())) {
      return;
    }
    List<String> now = clusterIPs(n);
    List<String> before = clusterIPs(o);
    for (int i = 0; i < Math.min(now.size(), before.size()); i++) {
      if (!now.get(i).isEmpty() && !before.get(i).isEmpty() && !now.get(i).equals(before.get(i))) {
        errs.invalid(SPEC.child("clusterIPs").index(0), now, "may not change once set");
        return;
      }
    }
  }

  private static void externalName(ServiceSpec s, FieldErrors errs) {
    if (s.getClusterIPs() != null && !s.getClusterIPs().isEmpty()) {
      errs.forbidden(SPEC.child("clusterIPs"), "may not be set for ExternalName services");
    }
    if (s.getIpFamilies() != null && !s.getIpFamilies().isEmpty()) {
      errs.forbidden(SPEC.child("ipFamilies"), "may not be set for ExternalName services");
    }
    if (s.getIpFamilyPolicy() != null) {
      errs.forbidden(SPEC.child("ipFamilyPolicy"), "may not be set for ExternalName services");
    }
    String name = MetaValidation.text(s.getExternalName());
    // the value is a CNAME and may end with a dot to mark it fully qualified
    String cname = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    if (cname.isEmpty()) {
      errs.required(SPEC.child("externalName"), "");
    } else {
      errs.invalidEach(SPEC.child("externalName"), cname, NameRules.dns1123Subdomain(cname));
    }
  }

  /** {@code validateServicePort}: names required when there are several, unique DNS labels. */
  private static void port(ServicePort p, boolean requireName, Set<String> names, FieldPath path, FieldErrors errs) {
    String name = MetaValidation.text(p.getName());
    if (requireName && name.isEmpty()) {
      errs.required(path.child("name"), "");
    } else if (!name.isEmpty()) {
      errs.invalidEach(path.child("name"), name, NameRules.dns1123Label(name));
      if (!names.add(name)) {
        errs.duplicate(path.child("name"), name);
      }
    }
    int port = p.getPort() == null ? 0 : p.getPort();
    errs.invalidEach(path.child("port"), port, NameRules.portNumber(port));
    String protocol = MetaValidation.text(p.getProtocol());
    if (!protocol.isEmpty() && !ContainerValidation.PROTOCOLS.contains(protocol)) {
      errs.notSupported(path.child("protocol"), protocol, ContainerValidation.PROTOCOLS);
    }
    IntOrString target = p.getTargetPort();
    if (target != null && target.getIntVal() != null && target.getIntVal() != 0) {
      errs.invalidEach(path.child("targetPort"), target.getIntVal(), NameRules.portNumber(target.getIntVal()));
    } else if (target != null && target.getStrVal() != null && !target.getStrVal().isEmpty()) {
      errs.invalidEach(path.child("targetPort"), target.getStrVal(), NameRules.portName(target.getStrVal()));
    }
    if (p.getNodePort() != null && p.getNodePort() != 0) {
      errs.invalidEach(path.child("nodePort"), p.getNodePort(), NameRules.portNumber(p.getNodePort()));
    }
    if (p.getAppProtocol() != null) {
      errs.invalidEach(path.child("appProtocol"), p.getAppProtocol(), NameRules.qualifiedName(p.getAppProtocol()));
    }
  }

  /** Ports and node ports are unique per protocol. */
  private static void duplicates(List<ServicePort> ports, FieldErrors errs) {
    Set<String> nodePorts = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      ServicePort p = ports.get(i);
      if (p.getNodePort() != null && p.getNodePort() != 0
          && !nodePorts.add(MetaValidation.text(p.getProtocol()) + "/" + p.getNodePort())) {
        errs.duplicate(SPEC.child("ports").index(i).child("nodePort"), p.getNodePort());
      }
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      ServicePort p = ports.get(i);
      String protocol = p.getProtocol() == null || p.getProtocol().isEmpty() ? "TCP" : p.getProtocol();
      if (!seen.add(protocol + "/" + p.getPort())) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("protocol", protocol);
        key.put("port", p.getPort());
        errs.duplicate(SPEC.child("ports").index(i), key);
      }
    }
  }

  private static void trafficPolicies(ServiceSpec s, String type, List<String> externalIPs, FieldErrors errs) {
    boolean external = type.equals("LoadBalancer") || type.equals("NodePort")
        || (type.equals("ClusterIP") && !externalIPs.isEmpty());
    String etp = MetaValidation.text(s.getExternalTrafficPolicy());
    if (!etp.isEmpty()) {
      if (!external && !type.isEmpty()) {
        errs.invalid(SPEC.child("externalTrafficPolicy"), etp, "may only be set for externally-accessible services");
      } else {
        PodSpecValidation.enumField(etp, List.of("Cluster", "Local"), SPEC.child("externalTrafficPolicy"), errs);
      }
    }
    PodSpecValidation.enumField(s.getInternalTrafficPolicy(), List.of("Cluster", "Local"),
        SPEC.child("internalTrafficPolicy"), errs);
    PodSpecValidation.enumField(s.getIpFamilyPolicy(), List.of("SingleStack", "PreferDualStack", "RequireDualStack"),
        SPEC.child("ipFamilyPolicy"), errs);
    List<String> families = s.getIpFamilies() == null ? List.of() : s.getIpFamilies();
    for (int i = 0; i < families.size(); i++) {
      PodSpecValidation.enumField(families.get(i), List.of("IPv4", "IPv6"), SPEC.child("ipFamilies").index(i), errs);
    }
  }

  /** {@code spec.clusterIPs}, or {@code [spec.clusterIP]} before the registry mirrors one into the other. */
  static List<String> clusterIPs(ServiceSpec s) {
    if (s.getClusterIPs() != null && !s.getClusterIPs().isEmpty()) {
      List<String> out = new ArrayList<>();
      s.getClusterIPs().forEach(ip -> out.add(MetaValidation.text(ip)));
      return out;
    }
    String ip = MetaValidation.text(s.getClusterIP());
    return ip.isEmpty() ? List.of() : List.of(ip);
  }
}
