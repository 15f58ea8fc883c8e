package io.capstan.runtime.kernel;

import io.capstan.runtime.plugin.SelectionMode;
import io.capstan.runtime.plugin.SpiFamily;
import io.capstan.spi.admission.AdmissionPlugin;
import io.capstan.spi.admission.AdmissionPluginFactory;
import io.capstan.spi.api.ResourceKindFactory;
import io.capstan.spi.api.ResourceKindProvider;
import io.capstan.spi.auth.Authenticator;
import io.capstan.spi.auth.AuthenticatorFactory;
import io.capstan.spi.auth.Authorizer;
import io.capstan.spi.auth.AuthorizerFactory;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.ClockFactory;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.controller.Controller;
import io.capstan.spi.controller.ControllerFactory;
import io.capstan.spi.dns.ClusterDns;
import io.capstan.spi.dns.ClusterDnsFactory;
import io.capstan.spi.ingress.IngressController;
import io.capstan.spi.ingress.IngressControllerFactory;
import io.capstan.spi.node.ContainerRuntime;
import io.capstan.spi.node.ContainerRuntimeFactory;
import io.capstan.spi.proxy.ServiceProxy;
import io.capstan.spi.proxy.ServiceProxyFactory;
import io.capstan.spi.scheduler.SchedulerPlugin;
import io.capstan.spi.scheduler.SchedulerPluginFactory;
import io.capstan.spi.store.Store;
import io.capstan.spi.store.StoreFactory;
import java.util.List;
import java.util.Map;

/**
 * The plugin slots of the architecture's SPI catalogue, in the order {@code capstan plugins} lists
 * them: for each, the factory interface plugins register under, the services their module binds,
 * the key that selects them and the prefix of their settings.
 */
public final class SpiFamilies {

  public static final SpiFamily STORE = new SpiFamily("store", "Store", StoreFactory.class,
      List.of(Store.class), SelectionMode.ONE, "store.plugin", "store");

  public static final SpiFamily AUTHENTICATOR = new SpiFamily("authenticator", "Authenticators (chain)", AuthenticatorFactory.class,
      List.of(Authenticator.class), SelectionMode.ORDERED_LIST, "apiserver.authentication", "authentication");

  public static final SpiFamily AUTHORIZER = new SpiFamily("authorizer", "Authorizers (chain)", AuthorizerFactory.class,
      List.of(Authorizer.class), SelectionMode.ORDERED_LIST, "apiserver.authorization", "authorization");

  public static final SpiFamily ADMISSION = new SpiFamily("admission", "Admission plugins (chain)", AdmissionPluginFactory.class,
      List.of(AdmissionPlugin.class), SelectionMode.ORDERED_LIST, "apiserver.admission", "admission");

  public static final SpiFamily RESOURCE_KINDS = new SpiFamily("kinds", "Resource kinds", ResourceKindFactory.class,
      List.of(ResourceKindProvider.class), SelectionMode.ALL, "", "kinds");

  public static final SpiFamily SCHEDULER = new SpiFamily("scheduler", "Scheduler plugins", SchedulerPluginFactory.class,
      List.of(SchedulerPlugin.class), SelectionMode.REGISTRY, "", "scheduler.plugins");

  public static final SpiFamily CONTROLLER = new SpiFamily("controller", "Controllers", ControllerFactory.class,
      List.of(Controller.class), SelectionMode.ENABLED_SET, "controllers.enabled", "controllers");

  public static final SpiFamily CONTAINER_RUNTIME = new SpiFamily("runtime", "Container runtime", ContainerRuntimeFactory.class,
      List.of(ContainerRuntime.class), SelectionMode.ONE, "node.runtime", "node");

  public static final SpiFamily SERVICE_PROXY = new SpiFamily("proxy", "Service proxy", ServiceProxyFactory.class,
      List.of(ServiceProxy.class), SelectionMode.ONE, "proxy.mode", "proxy");

  public static final SpiFamily INGRESS = new SpiFamily("ingress", "Ingress controller", IngressControllerFactory.class,
      List.of(IngressController.class), SelectionMode.ONE, "ingress.controller", "ingress");

  public static final SpiFamily DNS = new SpiFamily("dns", "Cluster DNS", ClusterDnsFactory.class,
      List.of(ClusterDns.class), SelectionMode.ONE, "dns.plugin", "dns");

  public static final SpiFamily CLOCK = new SpiFamily("clock", "Clock / executor", ClockFactory.class,
      List.of(Clock.class, TaskExecutor.class), SelectionMode.ONE, "runtime.clock", "clock");

  public static final List<SpiFamily> ALL = List.of(STORE, AUTHENTICATOR, AUTHORIZER, ADMISSION, RESOURCE_KINDS,
      SCHEDULER, CONTROLLER, CONTAINER_RUNTIME, SERVICE_PROXY, INGRESS, DNS, CLOCK);

  /**
   * Families whose plugins serve one component alone and hold resources from the moment they are
   * built (a store locks its directory, a proxy, ingress or DNS server listens): they are wired only
   * into a process that runs that component. The others are wired everywhere — the container
   * runtime, for one, also serves the research engine's simulated nodes.
   */
  private static final Map<SpiFamily, String> OWNED_BY = Map.of(STORE, "apiserver", SERVICE_PROXY, "proxy",
      INGRESS, "ingress", DNS, "dns");

  /** Whether a process running {@code components} wires the plugins of {@code family}. */
  public static boolean wiredFor(SpiFamily family, java.util.Collection<String> components) {
    String owner = OWNED_BY.get(family);
    return owner == null || components.contains(owner);
  }

  private SpiFamilies() {}
}
