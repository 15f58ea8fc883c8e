package io.capstan.runtime.apiserver.table;

import static io.capstan.runtime.apiserver.table.Cells.list;
import static io.capstan.runtime.apiserver.table.Cells.str;
import static io.capstan.runtime.apiserver.table.Columns.AGE;
import static io.capstan.runtime.apiserver.table.Columns.NAME;
import static io.capstan.runtime.apiserver.table.Columns.col;

import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassParametersReference;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressSpec;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code kubectl get ingresses} (NAME CLASS HOSTS ADDRESS PORTS AGE), {@code ingressclasses},
 * {@code networkpolicies} and {@code endpointslices}, as Kubernetes' {@code printIngress},
 * {@code printIngressClass}, {@code printNetworkPolicy} and {@code printEndpointSlice}. Stateless.
 */
final class NetworkingPrinters {

  private NetworkingPrinters() {}

  static KindPrinter ingress() {
    return TypedPrinter.of(Ingress.class, List.of(NAME,
        col("Class", "string", "The name of the IngressClass resource that should be used for additional "
            + "configuration"),
        col("Hosts", "string", "Hosts that incoming requests are matched against before the ingress rule"),
        col("Address", "string", "Address is a list containing ingress points for the load-balancer"),
        col("Ports", "string", "Ports of TLS configurations that open"), AGE), NetworkingPrinters::ingressCells);
  }

  static List<Object> ingressCells(Ingress ing, Instant now) {
    IngressSpec spec = ing.getSpec() == null ? new IngressSpec() : ing.getSpec();
    TreeSet<String> addresses = new TreeSet<>();
    if (ing.getStatus() != null && ing.getStatus().getLoadBalancer() != null) {
      for (IngressLoadBalancerIngress i : list(ing.getStatus().getLoadBalancer().getIngress())) {
        if (!str(i.getIp()).isEmpty()) {
          addresses.add(i.getIp());
        } else if (!str(i.getHostname()).isEmpty()) {
          addresses.add(i.getHostname());
        }
      }
    }
    return Columns.cells(ing.getMetadata().getName(),
        spec.getIngressClassName() == null ? "<none>" : spec.getIngressClassName(), hosts(list(spec.getRules())),
        String.join(",", addresses), list(spec.getTls()).isEmpty() ? "80" : "80, 443",
        Ages.since(ing.getMetadata().getCreationTimestamp(), now));
  }

  /** {@code formatHosts}: up to three hosts, {@code *} when none. */
  static String hosts(List<IngressRule> rules) {
    List<String> hosts = new ArrayList<>();
    int max = 3;
    boolean more = false;
    for (IngressRule rule : rules) {
      if (hosts.size() == max) {
        more = true;
      }
      if (!more && !str(rule.getHost()).isEmpty()) {
        hosts.add(rule.getHost());
      }
    }
    if (hosts.isEmpty()) {
      return "*";
    }
    String joined = String.join(",", hosts);
    return more ? joined + " + " + (rules.size() - max) + " more..." : joined;
  }

  static KindPrinter ingressClass() {
    return TypedPrinter.of(IngressClass.class, List.of(NAME,
        col("Controller", "string", "Controller that is responsible for handling this class"),
        col("Parameters", "string", "A reference to a resource with additional parameters"), AGE), (ic, now) -> {
          String parameters = "<none>";
          String controller = "";
          if (ic.getSpec() != null) {
            controller = str(ic.getSpec().getController());
            IngressClassParametersReference p = ic.getSpec().getParameters();
            if (p != null) {
              parameters = str(p.getKind()) + (p.getApiGroup() == null ? "" : "." + p.getApiGroup()) + "/"
                  + str(p.getName());
            }
          }
          return Columns.cells(ic.getMetadata().getName(), controller, parameters,
              Ages.since(ic.getMetadata().getCreationTimestamp(), now));
        });
  }

  static KindPrinter networkPolicy() {
    return TypedPrinter.of(NetworkPolicy.class, List.of(NAME,
        col("Pod-Selector", "string", "podSelector selects the pods to which this NetworkPolicy object applies."),
        AGE), (np, now) -> Columns.cells(np.getMetadata().getName(), Cells.formatLabelSelector(
            np.getSpec() == null || np.getSpec().getPodSelector() == null
                ? new io.fabric8.kubernetes.api.model.LabelSelector() : np.getSpec().getPodSelector()),
            Ages.since(np.getMetadata().getCreationTimestamp(), now)));
  }

  static KindPrinter endpointSlice() {
    return TypedPrinter.of(EndpointSlice.class, List.of(NAME,
        col("AddressType", "string", "addressType specifies the type of address carried by this EndpointSlice."),
        col("Ports", "string", "ports specifies the list of network ports exposed by each endpoint in this slice."),
        col("Endpoints", "string", "endpoints is a list of unique endpoints in this slice."), AGE), (es, now) -> {
          List<String> ports = new ArrayList<>();
          int portCount = 0;
          for (EndpointPort p : list(es.getPorts())) {
            if (ports.size() < 3) {
              ports.add(p.getPort() != null ? p.getPort().toString() : p.getName() != null ? p.getName() : "*");
            }
            portCount++;
          }
          List<String> addresses = new ArrayList<>();
          int addressCount = 0;
          for (Endpoint e : list(es.getEndpoints())) {
            for (String a : list(e.getAddresses())) {
              if (addresses.size() < 3) {
                addresses.add(a);
              }
              addressCount++;
            }
          }
          return Columns.cells(es.getMetadata().getName(), str(es.getAddressType()), withMore(ports, portCount),
              withMore(addresses, addressCount), Ages.since(es.getMetadata().getCreationTimestamp(), now));
        });
  }

  /** {@code listWithMoreString} with max 3: {@code <unset>} when empty. */
  static String withMore(List<String> shown, int count) {
    String joined = String.join(",", shown);
    if (count > 3) {
      return joined + " + " + (count - 3) + " more...";
    }
    return joined.isEmpty() ? "<unset>" : joined;
  }
}
