package io.capstan.plugins.controllers.servicelb;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.api.ObjectKey;
import io.capstan.spi.client.ConflictException;
import io.capstan.spi.client.Lister;
import io.capstan.spi.client.NotFoundException;
import io.capstan.spi.controller.Controller;
import io.capstan.spi.controller.ControllerContext;
import io.capstan.spi.controller.EventType;
import io.capstan.spi.controller.Result;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MetalLB-style load-balancer address allocator: every {@code type: LoadBalancer} Service of its
 * class gets one address from the configured pools in {@code status.loadBalancer.ingress[0].ip},
 * written through the {@code status} subresource. A free, in-pool {@code spec.loadBalancerIP} is
 * honoured. Addresses are released when the Service is deleted, changes type or class.
 *
 * <p>The table of who holds what ({@link Allocations}) is rebuilt from the stored statuses on the
 * first reconcile after a start (oldest Service first, so of two Services claiming one address
 * the older keeps it), then kept in memory under one lock: no address is given twice.
 */
public final class ServiceLbController implements Controller {

  public static final String NAME = "service-lb";

  private static final Logger LOG = LoggerFactory.getLogger(ServiceLbController.class);

  private final ServiceLbConfig config;
  private final Allocations allocations;
  private final Object loadLock = new Object();
  private volatile boolean loaded;

  @jakarta.inject.Inject
  public ServiceLbController(ServiceLbConfig config) {
    this.config = requireNonNull(config, "config");
    this.allocations = new Allocations(config.addressPools());
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Class<? extends HasMetadata> primaryType() {
    return Service.class;
  }

  @Override
  public int defaultWorkers() {
    return 2;
  }

  private static boolean isLoadBalancer(Service service) {
    return service.getSpec() != null && "LoadBalancer".equals(service.getSpec().getType());
  }

  /** True when this allocator serves {@code service}. */
  boolean serves(Service service) {
    if (!isLoadBalancer(service)) {
      return false;
    }
    String wanted = service.getSpec().getLoadBalancerClass();
    return config.loadBalancerClass().equals(wanted == null ? "" : wanted);
  }

  @Override
  public Result reconcile(ObjectKey key, ControllerContext ctx) throws Exception {
    Lister<Service> services = ctx.lister(Service.class);
    loadOnce(services);
    Optional<Service> found = services.get(key.namespace(), key.name());
    if (found.isEmpty()) {
      allocations.release(key).ifPresent(ip -> LOG.info("service-lb: released {} of deleted {}", ip, key));
      return Result.done();
    }
    Service service = found.get();
    if (!serves(service)) {
      Optional<String> released = allocations.release(key);
      released.ifPresent(ip -> LOG.info("service-lb: released {} of {} (no longer ours)", ip, key));
      boolean stale = released.isPresent() && ingressIps(service).contains(released.get())
          || !isLoadBalancer(service) && ingressIps(service).stream().anyMatch(allocations::inPools);
      return stale ? write(service, List.of(), ctx) : Result.done();
    }
    if (allocations.pools().isEmpty()) {
      ctx.events().event(service, EventType.WARNING, "AllocationFailed",
          "no address pools configured: set controllers.service-lb.pools");
      return Result.done();
    }
    Optional<String> requested = requestedIp(service);
    if (requested.isPresent() && !requested.equals(allocations.of(key))) {
      return claimRequested(key, service, requested.get(), ctx);
    }
    Optional<String> ip = allocations.of(key)
        .or(() -> ingressIps(service).stream().filter(i -> allocations.claim(key, i)).findFirst())
        .or(() -> allocations.allocate(key));
    if (ip.isEmpty()) {
      ctx.events().eventf(service, EventType.WARNING, "AllocationFailed",
          "no available IPs: every address of the pools %s is assigned", config.pools());
      return Result.requeueAfter(config.retryPeriod());
    }
    return write(service, List.of(ip.get()), ctx);
  }

  private Result claimRequested(ObjectKey key, Service service, String ip, ControllerContext ctx)
      throws Exception {
    if (!allocations.inPools(ip)) {
      ctx.events().eventf(service, EventType.WARNING, "AllocationFailed",
          "spec.loadBalancerIP %s is not in any pool of service-lb %s", ip, config.pools());
      return allocations.of(key).isPresent() ? write(service, List.of(allocations.of(key).get()), ctx)
          : Result.done();
    }
    if (!allocations.claim(key, ip)) {
      ctx.events().eventf(service, EventType.WARNING, "AllocationFailed",
          "spec.loadBalancerIP %s is already assigned to %s", ip,
          allocations.holder(ip).map(ObjectKey::toString).orElse("another service"));
      return Result.requeueAfter(config.retryPeriod());
    }
    return write(service, List.of(allocations.of(key).orElseThrow()), ctx);
  }

  private static Optional<String> requestedIp(Service service) {
    String ip = service.getSpec().getLoadBalancerIP();
    return ip == null || ip.isBlank() ? Optional.empty()
        : Optional.of(AddressPool.canonical(ip.strip()).orElse(ip.strip()));
  }

  static List<String> ingressIps(Service service) {
    if (service.getStatus() == null || service.getStatus().getLoadBalancer() == null
        || service.getStatus().getLoadBalancer().getIngress() == null) {
      return List.of();
    }
    return service.getStatus().getLoadBalancer().getIngress().stream()
        .map(LoadBalancerIngress::getIp).filter(Objects::nonNull)
        .map(ip -> AddressPool.canonical(ip).orElse(ip)).toList();
  }

  /** Writes {@code ips} as the ingress list unless it already is; records the assignment. */
  private Result write(Service service, List<String> ips, ControllerContext ctx) {
    if (ingressIps(service).equals(ips)) {
      return Result.done();
    }
    Service copy = new ServiceBuilder(service).editOrNewStatus().editOrNewLoadBalancer()
        .withIngress(ips.stream().map(ip -> new LoadBalancerIngressBuilder().withIp(ip).build())
            .toList())
        .endLoadBalancer().endStatus().build();
    try {
      ctx.client().resources(Service.class).updateStatus(copy);
    } catch (ConflictException e) {
      return Result.requeue();
    } catch (NotFoundException e) {
      return Result.done();
    }
    if (!ips.isEmpty()) {
      ctx.events().eventf(service, EventType.NORMAL, "IPAllocated", "Assigned IP [\"%s\"]",
          ips.get(0));
      LOG.info("service-lb: assigned {} to {}", ips.get(0), ObjectKey.of(service));
    }
    return Result.done();
  }

  /** Rebuilds the table from the stored statuses once, oldest Service first. */
  private void loadOnce(Lister<Service> services) {
    if (loaded) {
      return;
    }
    synchronized (loadLock) {
      if (loaded) {
        return;
      }
      List<Service> ours = services.list("", this::serves).stream()
          .sorted(Comparator.comparing((Service s) -> String.valueOf(
                  s.getMetadata().getCreationTimestamp()))
              .thenComparing(s -> ObjectKey.of(s)))
          .toList();
      for (Service service : ours) {
        ObjectKey key = ObjectKey.of(service);
        ingressIps(service).stream().filter(ip -> allocations.claim(key, ip)).findFirst();
      }
      LOG.info("service-lb: recovered {} address assignments from stored Services",
          allocations.size());
      loaded = true;
    }
  }
}
