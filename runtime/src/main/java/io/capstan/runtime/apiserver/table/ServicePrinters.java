package io.capstan.runtime.apiserver.table;

import static io.capstan.runtime.apiserver.table.Cells.list;
import static io.capstan.runtime.apiserver.table.Cells.str;
import static io.capstan.runtime.apiserver.table.Columns.AGE;
import static io.capstan.runtime.apiserver.table.Columns.NAME;
import static io.capstan.runtime.apiserver.table.Columns.col;
import static io.capstan.runtime.apiserver.table.Columns.wide;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code kubectl get services} (NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, wide SELECTOR) and
 * {@code kubectl get endpoints} (NAME ENDPOINTS AGE), as Kubernetes' {@code printService} and
 * {@code printEndpoints}: EXTERNAL-IP is {@code <none>} for ClusterIP and NodePort services without
 * external IPs, the load balancer's addresses or {@code <pending>} for LoadBalancer, the external
 * name for ExternalName; PORT(S) reads {@code 80/TCP,443:30443/TCP}; ENDPOINTS shows at most three
 * {@code ip:port} pairs and then {@code + N more...}. Stateless.
 */
final class ServicePrinters {

  private ServicePrinters() {}

  static KindPrinter service() {
    return TypedPrinter.of(Service.class, List.of(NAME,
        col("Type", "string", "type determines how the Service is exposed."),
        col("Cluster-IP", "string", "clusterIP is the IP address of the service and is usually assigned randomly."),
        col("External-IP", "string", "externalIPs is a list of IP addresses for which nodes in the cluster will "
            + "also accept traffic for this service."),
        col("Port(s)", "string", "The list of ports that are exposed by this service."), AGE,
        wide("Selector", "string", "Route service traffic to pods with label keys and values matching this "
            + "selector.")), ServicePrinters::serviceCells);
  }

  static List<Object> serviceCells(Service svc, Instant now) {
    ServiceSpec spec = svc.getSpec() == null ? new ServiceSpec() : svc.getSpec();
    String ports = list(spec.getPorts()).stream().map(ServicePrinters::port).collect(Collectors.joining(","));
    return Columns.cells(svc.getMetadata().getName(), str(spec.getType()), clusterIp(spec), externalIp(svc),
        ports.isEmpty() ? "<none>" : ports, Ages.since(svc.getMetadata().getCreationTimestamp(), now),
        Cells.formatLabels(spec.getSelector()));
  }

  /**
   * {@code spec.clusterIPs[0]}, or {@code <none>}. Kubernetes fills {@code clusterIPs} from
   * {@code clusterIP}, so a spec with only {@code clusterIP} prints it too.
   */
  private static String clusterIp(ServiceSpec spec) {
    if (!list(spec.getClusterIPs()).isEmpty()) {
      return spec.getClusterIPs().get(0);
    }
    return str(spec.getClusterIP()).isEmpty() ? "<none>" : spec.getClusterIP();
  }

  /** {@code getServiceExternalIP} with {@code wide} true, as the server always prints. */
  private static String externalIp(Service svc) {
    ServiceSpec spec = svc.getSpec() == null ? new ServiceSpec() : svc.getSpec();
    List<String> external = list(spec.getExternalIPs());
    switch (str(spec.getType())) {
      case "ClusterIP", "NodePort":
        return external.isEmpty() ? "<none>" : String.join(",", external);
      case "LoadBalancer":
        String lb = loadBalancer(svc.getStatus() == null || svc.getStatus().getLoadBalancer() == null ? List.of()
            : svc.getStatus().getLoadBalancer().getIngress());
        if (!external.isEmpty()) {
          List<String> all = new ArrayList<>();
          if (!lb.isEmpty()) {
            all.addAll(List.of(lb.split(",")));
          }
          all.addAll(external);
          return String.join(",", all);
        }
        return lb.isEmpty() ? "<pending>" : lb;
      case "ExternalName":
        return str(spec.getExternalName());
      default:
        return "<unknown>";
    }
  }

  /** {@code loadBalancerStatusStringer}: the sorted, distinct IPs (or host names) of the ingress points. */
  private static String loadBalancer(List<LoadBalancerIngress> ingress) {
    TreeSet<String> result = new TreeSet<>();
    for (LoadBalancerIngress i : list(ingress)) {
      if (!str(i.getIp()).isEmpty()) {
        result.add(i.getIp());
      } else if (!str(i.getHostname()).isEmpty()) {
        result.add(i.getHostname());
      }
    }
    return String.join(",", result);
  }

  /**
   * {@code makePortString} for one port: {@code 80/TCP} or {@code 80:30080/TCP}. A missing protocol
   * is TCP, Kubernetes' default.
   */
  private static String port(ServicePort p) {
    String protocol = str(p.getProtocol()).isEmpty() ? "TCP" : p.getProtocol();
    long port = Cells.num(p.getPort());
    return p.getNodePort() != null && p.getNodePort() > 0 ? port + ":" + p.getNodePort() + "/" + protocol
        : port + "/" + protocol;
  }

  static KindPrinter endpoints() {
    return TypedPrinter.of(Endpoints.class, List.of(NAME,
        col("Endpoints", "string", "The set of all endpoints is the union of all subsets."), AGE),
        (ep, now) -> Columns.cells(ep.getMetadata().getName(), formatEndpoints(ep),
            Ages.since(ep.getMetadata().getCreationTimestamp(), now)));
  }

  /** {@code formatEndpoints} with all ports. */
  static String formatEndpoints(Endpoints endpoints) {
    List<EndpointSubset> subsets = list(endpoints.getSubsets());
    if (subsets.isEmpty()) {
      return "<none>";
    }
    List<String> shown = new ArrayList<>();
    int max = 3;
    boolean more = false;
    int count = 0;
    for (EndpointSubset ss : subsets) {
      List<EndpointAddress> addresses = list(ss.getAddresses());
      if (list(ss.getPorts()).isEmpty()) {
        count += addresses.size();
        for (EndpointAddress a : addresses) {
          if (shown.size() == max) {
            more = true;
            break;
          }
          shown.add(str(a.getIp()));
        }
        continue;
      }
      for (EndpointPort port : ss.getPorts()) {
        count += addresses.size();
        for (EndpointAddress a : addresses) {
          if (shown.size() == max) {
            more = true;
            break;
          }
          shown.add(hostPort(str(a.getIp()), Cells.num(port.getPort())));
        }
      }
    }
    String joined = String.join(",", shown);
    return more ? joined + " + " + (count - max) + " more..." : joined;
  }

  /** Go's {@code net.JoinHostPort}: IPv6 addresses in brackets. */
  static String hostPort(String host, long port) {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
