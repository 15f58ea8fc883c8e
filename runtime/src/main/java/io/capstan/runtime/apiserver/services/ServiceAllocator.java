package io.capstan.runtime.apiserver.services;

import static java.util.Objects.requireNonNull;

import io.capstan.runtime.apiserver.errors.ApiErrors;
import io.capstan.runtime.apiserver.validation.ErrorType;
import io.capstan.runtime.apiserver.validation.FieldError;
import io.capstan.runtime.apiserver.validation.InvalidStatus;
import io.capstan.spi.api.ResourceKind;
import io.capstan.spi.store.Store;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Gives a Service the ClusterIP and NodePorts its type needs, honouring the ones it asks for, as
 * kube-apiserver's service registry does before validation; refuses a taken or out-of-range value
 * with Kubernetes' 422 message. Thread-safe.
 */
public final class ServiceAllocator {

  private final ServiceCidr cidr;
  private final NodePortRange ports;
  private final Claims ips;
  private final Claims nodePorts;
  private final Band ipBand;
  private final Band portBand;

  public ServiceAllocator(Store store, ServiceCidr cidr, NodePortRange ports, RandomGenerator random) {
    this.cidr = requireNonNull(cidr, "cidr");
    this.ports = requireNonNull(ports, "ports");
    this.ips = new Claims(store, "serviceips");
    this.nodePorts = new Claims(store, "servicenodeports");
    this.ipBand = new Band(cidr.usable(), cidr.staticBand(), random);
    this.portBand = new Band(ports.size(), ports.staticBand(), random);
  }

  /** Learns what is taken from the store; call once the store has started, before allocating. */
  public void load() {
    ips.all().keySet().forEach(ip -> cidr.offsetOf(ip).ifPresent(ipBand::markTaken));
    nodePorts.all().keySet().stream().mapToInt(Integer::parseInt).filter(ports::contains)
        .forEach(p -> portBand.markTaken(p - ports.first()));
  }

  public ServiceCidr cidr() {
    return cidr;
  }

  /**
   * Fills in and claims what {@code service} (already given its uid) needs.
   *
   * @return an undo that releases what this call claimed, for when the write fails afterwards
   */
  public Runnable assign(ResourceKind kind, Service service) {
    String owner = service.getMetadata().getUid();
    ServiceSpec spec = service.getSpec();
    if (spec == null || "ExternalName".equals(spec.getType())) {
      return () -> { };
    }
    List<Runnable> undo = new ArrayList<>();
    try {
      assignClusterIp(kind, service, owner, undo);
      if ("NodePort".equals(spec.getType()) || "LoadBalancer".equals(spec.getType())) {
        assignNodePorts(kind, service, owner, undo);
      }
    } catch (RuntimeException failed) {
      undo.forEach(Runnable::run);
      throw failed;
    }
    return () -> undo.forEach(Runnable::run);
  }

  private void assignClusterIp(ResourceKind kind, Service service, String owner, List<Runnable> undo) {
    ServiceSpec spec = service.getSpec();
    String wanted = spec.getClusterIP();
    if (wanted == null || wanted.isEmpty()) {
      wanted = spec.getClusterIPs() == null || spec.getClusterIPs().isEmpty() ? "" : spec.getClusterIPs().get(0);
    }
    if ("None".equals(wanted)) {
      spec.setClusterIP("None");
      spec.setClusterIPs(List.of("None"));
      return;
    }
    String ip;
    if (wanted.isEmpty()) {
      ip = next(ipBand, ips, owner, undo, o -> cidr.address(o))
          .orElseThrow(() -> ApiErrors.internal("failed to allocate a serviceIP: range is full"));
    } else {
      String requested = wanted;
      long offset = cidr.offsetOf(requested).orElseThrow(() -> invalid(kind, service, "spec.clusterIPs", List.of(requested),
          "failed to allocate IP " + requested + ": the provided IP (" + requested + ") is not in the valid range. "
              + "The range of valid IPs is " + cidr.cidr()));
      if (!ips.claim(requested, owner)) {
        throw invalid(kind, service, "spec.clusterIPs", List.of(requested),
            "failed to allocate IP " + requested + ": provided IP is already allocated");
      }
      ipBand.markTaken(offset);
      undo.add(() -> release(ips, ipBand, requested, offset, owner));
      ip = requested;
    }
    spec.setClusterIP(ip);
    spec.setClusterIPs(List.of(ip));
    if (spec.getIpFamilies() == null || spec.getIpFamilies().isEmpty()) {
      spec.setIpFamilies(List.of("IPv4"));
    }
    if (spec.getIpFamilyPolicy() == null) {
      spec.setIpFamilyPolicy("SingleStack");
    }
  }

  private void assignNodePorts(ResourceKind kind, Service service, String owner, List<Runnable> undo) {
    List<ServicePort> list = service.getSpec().getPorts() == null ? List.of() : service.getSpec().getPorts();
    Set<Integer> mine = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      ServicePort port = list.get(i);
      Integer wanted = port.getNodePort();
      if (wanted == null || wanted == 0) {
        String got = next(portBand, nodePorts, owner, undo, o -> Long.toString(o + ports.first()))
            .orElseThrow(() -> ApiErrors.internal("failed to allocate a nodePort: range is full"));
        port.setNodePort(Integer.parseInt(got));
      } else if (!mine.contains(wanted)) {
        String field = "spec.ports[" + i + "].nodePort";
        if (!ports.contains(wanted)) {
          throw invalid(kind, service, field, wanted, "provided port is not in the valid range. The range of valid ports is "
              + ports);
        }
        if (!nodePorts.claim(Integer.toString(wanted), owner)) {
          throw invalid(kind, service, field, wanted, "provided port is already allocated");
        }
        long offset = wanted - ports.first();
        portBand.markTaken(offset);
        undo.add(() -> release(nodePorts, portBand, Integer.toString(wanted), offset, owner));
      }
      mine.add(port.getNodePort()); // TCP and UDP of one Service may share a node port
    }
  }

  private java.util.Optional<String> next(Band band, Claims claims, String owner, List<Runnable> undo,
      java.util.function.LongFunction<String> name) {
    for (OptionalLong candidate = band.candidate(); candidate.isPresent(); candidate = band.candidate()) {
      long offset = candidate.getAsLong();
      String item = name.apply(offset);
      band.markTaken(offset);
      if (claims.claim(item, owner)) {
        undo.add(() -> release(claims, band, item, offset, owner));
        return java.util.Optional.of(item);
      }
    }
    return java.util.Optional.empty();
  }

  /** Releases these addresses and node ports if {@code owner} still holds them. */
  public void release(String owner, Set<String> releasedIps, Set<Integer> releasedPorts) {
    releasedIps.forEach(ip -> release(ips, ipBand, ip, cidr.offsetOf(ip).orElse(-1L), owner));
    releasedPorts.forEach(port -> release(nodePorts, portBand, Integer.toString(port),
        ports.contains(port) ? port - ports.first() : -1L, owner));
  }

  /** Every address and port claimed, with the uid that holds it: for repair. */
  public java.util.Map<String, String> claimedIps() {
    return ips.all();
  }

  public java.util.Map<String, String> claimedPorts() {
    return nodePorts.all();
  }

  /** Claims again what a stored Service holds (after a crash between claim and write); false on a clash. */
  public boolean reclaim(String owner, Set<String> heldIps, Set<Integer> heldPorts) {
    boolean ok = true;
    for (String ip : heldIps) {
      ok &= ips.claim(ip, owner);
      cidr.offsetOf(ip).ifPresent(ipBand::markTaken);
    }
    for (int port : heldPorts) {
      ok &= nodePorts.claim(Integer.toString(port), owner);
      if (ports.contains(port)) {
        portBand.markTaken(port - ports.first());
      }
    }
    return ok;
  }

  private static void release(Claims claims, Band band, String item, long offset, String owner) {
    claims.release(item, owner);
    if (offset >= 0 && claims.ownerOf(item).isEmpty()) {
      band.markFree(offset);
    }
  }

  private static RuntimeException invalid(ResourceKind kind, Service service, String field, Object value, String detail) {
    return InvalidStatus.exception(kind, service.getMetadata().getName(),
        List.of(new FieldError(ErrorType.INVALID, field, value, detail)));
  }
}
