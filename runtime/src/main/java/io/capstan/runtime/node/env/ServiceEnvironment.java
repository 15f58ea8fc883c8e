package io.capstan.runtime.node.env;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The environment variables the kubelet gives every container for the services it can see
 * (Kubernetes' {@code pkg/kubelet/envvars} and {@code Kubelet.getServiceEnvVarMap}): for a service
 * {@code redis-primary} with cluster IP {@code 10.0.0.11} and port 6379/TCP,
 *
 * <pre>
 * REDIS_PRIMARY_SERVICE_HOST=10.0.0.11
 * REDIS_PRIMARY_SERVICE_PORT=6379
 * REDIS_PRIMARY_PORT=tcp://10.0.0.11:6379
 * REDIS_PRIMARY_PORT_6379_TCP=tcp://10.0.0.11:6379
 * REDIS_PRIMARY_PORT_6379_TCP_PROTO=tcp
 * REDIS_PRIMARY_PORT_6379_TCP_PORT=6379
 * REDIS_PRIMARY_PORT_6379_TCP_ADDR=10.0.0.11
 * </pre>
 *
 * plus {@code <SVC>_SERVICE_PORT_<PORTNAME>} for each named port. Which services: those of the
 * pod's namespace when {@code enableServiceLinks} is true (the default), and always the
 * {@code kubernetes} service of the {@code default} namespace. Services without a cluster IP
 * (headless, ExternalName) give none. The container's own {@code env} is applied after these and
 * wins on a clash; that merge is the agent's.
 *
 * <p>Pure functions; thread-safe.
 */
public final class ServiceEnvironment {

  /** Services of the default namespace every pod sees, whatever its namespace and links setting. */
  static final List<String> MASTER_SERVICES = List.of("kubernetes");

  private ServiceEnvironment() {}

  /** The pod's {@code spec.enableServiceLinks}, true when unset as in Kubernetes. */
  public static boolean enableServiceLinks(Pod pod) {
    requireNonNull(pod, "pod");
    return pod.getSpec() == null || pod.getSpec().getEnableServiceLinks() == null
        || pod.getSpec().getEnableServiceLinks();
  }

  /** The variables for a pod of {@code namespace}, given every service of the cluster (or at least
   * those of its namespace and of {@code default}); ordered by service name. */
  public static Map<String, String> forPod(String namespace, boolean enableServiceLinks,
      Collection<Service> services) {
    requireNonNull(namespace, "namespace");
    requireNonNull(services, "services");
    Map<String, Service> visible = new TreeMap<>();
    for (Service service : services) {
      if (!hasClusterIp(service) || service.getMetadata() == null) {
        continue;
      }
      String name = service.getMetadata().getName();
      String ns = service.getMetadata().getNamespace();
      if ("default".equals(ns) && MASTER_SERVICES.contains(name)) {
        visible.putIfAbsent(name, service);
      } else if (namespace.equals(ns) && enableServiceLinks) {
        visible.put(name, service);
      }
    }
    Map<String, String> env = new LinkedHashMap<>();
    visible.values().forEach(s -> env.putAll(of(s)));
    return env;
  }

  /** The variables of one service, in Kubernetes' order; empty when it has no cluster IP or ports. */
  public static Map<String, String> of(Service service) {
    requireNonNull(service, "service");
    Map<String, String> env = new LinkedHashMap<>();
    if (!hasClusterIp(service) || service.getSpec().getPorts() == null
        || service.getSpec().getPorts().isEmpty()) {
      return env;
    }
    String ip = service.getSpec().getClusterIP();
    String prefix = variableName(service.getMetadata().getName());
    List<ServicePort> ports = service.getSpec().getPorts();
    env.put(prefix + "_SERVICE_HOST", ip);
    env.put(prefix + "_SERVICE_PORT", Integer.toString(ports.get(0).getPort()));
    for (ServicePort port : ports) {
      if (port.getName() != null && !port.getName().isEmpty()) {
        env.put(prefix + "_SERVICE_PORT_" + variableName(port.getName()), Integer.toString(port.getPort()));
      }
    }
    for (int i = 0; i < ports.size(); i++) {
      ServicePort port = ports.get(i);
      String protocol = port.getProtocol() == null || port.getProtocol().isEmpty() ? "TCP" : port.getProtocol();
      String url = protocol.toLowerCase(Locale.ROOT) + "://" + joinHostPort(ip, port.getPort());
      if (i == 0) {
        env.put(prefix + "_PORT", url);
      }
      String portPrefix = prefix + "_PORT_" + port.getPort() + "_" + protocol.toUpperCase(Locale.ROOT);
      env.put(portPrefix, url);
      env.put(portPrefix + "_PROTO", protocol.toLowerCase(Locale.ROOT));
      env.put(portPrefix + "_PORT", Integer.toString(port.getPort()));
      env.put(portPrefix + "_ADDR", ip);
    }
    return env;
  }

  /** A service or port name as a variable name: upper case, {@code -} as {@code _}. */
  public static String variableName(String name) {
    return requireNonNull(name, "name").replace('-', '_').toUpperCase(Locale.ROOT);
  }

  private static boolean hasClusterIp(Service service) {
    String ip = service.getSpec() == null ? null : service.getSpec().getClusterIP();
    return ip != null && !ip.isEmpty() && !"None".equals(ip);
  }

  /** Go's {@code net.JoinHostPort}: IPv6 addresses in brackets. */
  private static String joinHostPort(String host, int port) {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
