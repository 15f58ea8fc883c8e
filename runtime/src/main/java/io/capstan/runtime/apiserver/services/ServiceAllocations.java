package io.capstan.runtime.apiserver.services;

import static java.util.Objects.requireNonNull;

import io.capstan.runtime.apiserver.resource.ApiRequest;
import io.capstan.runtime.apiserver.resource.ResourceApi;
import io.capstan.runtime.apiserver.resource.WriteHooks;
import io.capstan.runtime.apiserver.watch.WatchCache;
import io.capstan.runtime.apiserver.watch.WatchEventOut;
import io.capstan.runtime.apiserver.watch.WatchFilter;
import io.capstan.runtime.apiserver.watch.WatchSink;
import io.capstan.spi.api.ResourceKind;
import io.capstan.spi.auth.UserInfo;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Service allocation in the API server's write path (a {@link WriteHooks}), plus its upkeep: at
 * start it repairs the claims from the stored Services (claims a crash left behind are released,
 * claims a stored Service lost are taken again), then releases what a Service stops holding as
 * the Services' watch reports updates and deletes — whichever way the Service went.
 */
public final class ServiceAllocations implements WriteHooks, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ServiceAllocations.class);
  static final UserInfo SYSTEM = UserInfo.of("system:apiserver", UserInfo.GROUP_MASTERS);

  private final ServiceAllocator allocator;
  private final Map<String, HeldAllocations> held = new ConcurrentHashMap<>();
  private AutoCloseable subscription = () -> { };

  public ServiceAllocations(ServiceAllocator allocator) {
    this.allocator = requireNonNull(allocator, "allocator");
  }

  public ServiceAllocator allocator() {
    return allocator;
  }

  private static boolean isService(ResourceKind kind) {
    return kind.group().isEmpty() && kind.kind().equals("Service");
  }

  @Override
  public Runnable beforeCreate(ApiRequest request, HasMetadata object) {
    return isService(request.kind()) && object instanceof Service service ? allocator.assign(request.kind(), service) : () -> { };
  }

  @Override
  public Runnable beforeUpdate(ApiRequest request, HasMetadata object, HasMetadata old) {
    if (!isService(request.kind()) || !(object instanceof Service service) || !(old instanceof Service was)) {
      return () -> { };
    }
    keepAllocated(service, was);
    return allocator.assign(request.kind(), service);
  }

  /** An update that leaves out the ClusterIP or a node port keeps the allocated one, as Kubernetes does. */
  private static void keepAllocated(Service service, Service old) {
    if (service.getSpec() == null || old.getSpec() == null) {
      return;
    }
    String ip = service.getSpec().getClusterIP();
    if ((ip == null || ip.isEmpty()) && old.getSpec().getClusterIP() != null
        && !"ExternalName".equals(service.getSpec().getType())) {
      service.getSpec().setClusterIP(old.getSpec().getClusterIP());
      service.getSpec().setClusterIPs(old.getSpec().getClusterIPs());
    }
    boolean wantsNodePorts = "NodePort".equals(service.getSpec().getType()) || "LoadBalancer".equals(service.getSpec().getType());
    List<ServicePort> oldPorts = old.getSpec().getPorts() == null ? List.of() : old.getSpec().getPorts();
    for (ServicePort port : service.getSpec().getPorts() == null ? List.<ServicePort>of() : service.getSpec().getPorts()) {
      if (wantsNodePorts && (port.getNodePort() == null || port.getNodePort() == 0)) {
        oldPorts.stream().filter(p -> p.getNodePort() != null && p.getNodePort() > 0)
            .filter(p -> java.util.Objects.equals(p.getPort(), port.getPort())
                && java.util.Objects.equals(protocol(p), protocol(port)))
            .findFirst().ifPresent(p -> port.setNodePort(p.getNodePort()));
      }
    }
  }

  private static String protocol(ServicePort port) {
    return port.getProtocol() == null ? "TCP" : port.getProtocol();
  }

  /**
   * Repairs the claims from the stored Services and follows the Services' changes; then makes sure
   * the {@code kubernetes} Service points at this server.
   */
  public void start(ResourceApi api, java.net.InetSocketAddress apiServer) {
    allocator.load();
    ResourceKind kind = api.kinds().byResource("", "services").orElseThrow();
    WatchCache cache = api.caches().of(kind);
    WatchCache.Snapshot snapshot = cache.snapshot(WatchFilter.EVERYTHING);
    for (HasMetadata object : snapshot.items()) {
      Service service = (Service) object;
      HeldAllocations mine = HeldAllocations.of(service);
      held.put(service.getMetadata().getUid(), mine);
      if (!allocator.reclaim(service.getMetadata().getUid(), mine.ips(), mine.ports())) {
        log.error("service {}/{}: its address or node port {} is claimed by another service; fix one of them",
            service.getMetadata().getNamespace(), service.getMetadata().getName(), mine);
      }
    }
    Set<String> owners = new HashSet<>(held.keySet());
    allocator.claimedIps().forEach((ip, owner) -> {
      if (!owners.contains(owner)) {
        log.info("releasing service address {}: no stored service holds it", ip);
        allocator.release(owner, Set.of(ip), Set.of());
      }
    });
    allocator.claimedPorts().forEach((port, owner) -> {
      if (!owners.contains(owner)) {
        log.info("releasing node port {}: no stored service holds it", port);
        allocator.release(owner, Set.of(), Set.of(Integer.parseInt(port)));
      }
    });
    subscription = cache.watch(WatchFilter.EVERYTHING, snapshot.revision(), false, new WatchSink() {
      @Override
      public boolean offer(WatchEventOut event) {
        if (event.object() instanceof Service service) {
          follow(event.type(), service);
        }
        return true;
      }

      @Override
      public void end() {
        // the server is stopping
      }
    });
    KubernetesService.ensure(api, allocator.cidr(), apiServer);
  }

  private void follow(WatchEventOut.Type type, Service service) {
    String uid = service.getMetadata().getUid();
    HeldAllocations now = type == WatchEventOut.Type.DELETED ? HeldAllocations.NONE : HeldAllocations.of(service);
    HeldAllocations before = type == WatchEventOut.Type.DELETED ? held.remove(uid) : held.put(uid, now);
    if (before != null) {
      Set<String> goneIps = new HashSet<>(before.ips());
      goneIps.removeAll(now.ips());
      Set<Integer> gonePorts = new HashSet<>(before.ports());
      gonePorts.removeAll(now.ports());
      if (!goneIps.isEmpty() || !gonePorts.isEmpty()) {
        allocator.release(uid, goneIps, gonePorts);
      }
    }
  }

  @Override
  public void close() throws Exception {
    subscription.close();
  }
}
