package io.capstan.runtime.ingress;

import static java.util.Objects.requireNonNull;

import io.capstan.runtime.proxy.ProxyStateBuilder;
import io.capstan.spi.ingress.IngressBackend;
import io.capstan.spi.ingress.IngressClasses;
import io.capstan.spi.ingress.IngressPath;
import io.capstan.spi.ingress.IngressRule;
import io.capstan.spi.ingress.IngressState;
import io.capstan.spi.ingress.IngressTls;
import io.capstan.spi.ingress.PathType;
import io.capstan.spi.ingress.TlsCertificate;
import io.capstan.spi.proxy.ProxyState;
import io.capstan.spi.proxy.ServicePortName;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds one controller's {@link IngressState}: the Ingresses of its class (by
 * {@code spec.ingressClassName}, the legacy {@code kubernetes.io/ingress.class} annotation, or the
 * IngressClass marked default), oldest first, with every Service backend resolved to the usable
 * endpoints of the Service port it names (by port name or number).
 */
public final class IngressStateBuilder {

  private static final Logger LOG = LoggerFactory.getLogger(IngressStateBuilder.class);

  private IngressStateBuilder() {}

  /** The Ingresses that belong to the controller answering to {@code controllerValue}. */
  public static List<Ingress> served(String controllerValue, List<Ingress> ingresses, List<IngressClass> classes) {
    Set<String> ours = classes.stream()
        .filter(c -> c.getSpec() != null && controllerValue.equals(c.getSpec().getController()))
        .map(c -> c.getMetadata().getName()).collect(Collectors.toSet());
    Optional<String> defaultClass = classes.stream()
        .filter(c -> "true".equals(annotation(c.getMetadata().getAnnotations(), IngressClasses.DEFAULT_CLASS_ANNOTATION)))
        .sorted(Comparator.comparing((IngressClass c) -> String.valueOf(c.getMetadata().getCreationTimestamp())).reversed())
        .map(c -> c.getMetadata().getName()).findFirst();
    return ingresses.stream().filter(ing -> {
      String cls = ing.getSpec() == null ? null : ing.getSpec().getIngressClassName();
      if (cls == null) {
        cls = annotation(ing.getMetadata().getAnnotations(), IngressClasses.LEGACY_CLASS_ANNOTATION);
      }
      if (cls == null) {
        cls = defaultClass.orElse(null);
      }
      return cls != null && ours.contains(cls);
    }).sorted(Comparator.comparing((Ingress i) -> String.valueOf(i.getMetadata().getCreationTimestamp()))
        .thenComparing(i -> i.getMetadata().getNamespace() + "/" + i.getMetadata().getName())).toList();
  }

  /**
   * @param served the controller's Ingresses, oldest first ({@link #served})
   * @param serviceOf the Service of a namespace and name
   * @param endpointsOf the Endpoints of a namespace and name
   */
  public static IngressState build(List<Ingress> served, BiFunction<String, String, Optional<Service>> serviceOf,
      BiFunction<String, String, Optional<Endpoints>> endpointsOf) {
    return build(served, serviceOf, endpointsOf, (ns, name) -> Optional.empty());
  }

  /**
   * As {@link #build(List, BiFunction, BiFunction)}, with each {@code spec.tls[]} entry's Secret
   * read through {@code secretOf} ({@link IngressTlsSecrets}); an entry without hosts covers the
   * hosts of its Ingress's rules.
   */
  public static IngressState build(List<Ingress> served, BiFunction<String, String, Optional<Service>> serviceOf,
      BiFunction<String, String, Optional<Endpoints>> endpointsOf, BiFunction<String, String, Optional<Secret>> secretOf) {
    Map<String, Service> services = new LinkedHashMap<>();
    for (Ingress ing : served) {
      String ns = ing.getMetadata().getNamespace();
      backends(ing).forEach(b -> serviceOf.apply(ns, b.getName()).ifPresent(s -> services.put(ns + "/" + b.getName(), s)));
    }
    ProxyState endpoints = ProxyStateBuilder.build(List.copyOf(services.values()), endpointsOf, "");
    List<IngressRule> rules = new ArrayList<>();
    List<IngressTls> tls = new ArrayList<>();
    Optional<IngressBackend> defaultBackend = Optional.empty();
    for (Ingress ing : served) {
      String ns = ing.getMetadata().getNamespace();
      String name = ing.getMetadata().getName();
      if (ing.getSpec() == null) {
        continue;
      }
      if (defaultBackend.isEmpty() && ing.getSpec().getDefaultBackend() != null
          && ing.getSpec().getDefaultBackend().getService() != null) {
        defaultBackend = Optional.of(resolve(ns, ing.getSpec().getDefaultBackend().getService(), services, endpoints));
      }
      for (var rule : Objects.requireNonNullElse(ing.getSpec().getRules(), List.<io.fabric8.kubernetes.api.model.networking.v1.IngressRule>of())) {
        if (rule.getHttp() == null) {
          continue;
        }
        List<IngressPath> paths = new ArrayList<>();
        for (HTTPIngressPath p : Objects.requireNonNullElse(rule.getHttp().getPaths(), List.<HTTPIngressPath>of())) {
          if (p.getBackend() == null || p.getBackend().getService() == null) {
            continue;
          }
          try {
            paths.add(new IngressPath(p.getPath() == null || p.getPath().isEmpty() ? "/" : p.getPath(),
                p.getPathType() == null ? PathType.IMPLEMENTATION_SPECIFIC : PathType.fromKubernetes(p.getPathType()),
                resolve(ns, p.getBackend().getService(), services, endpoints)));
          } catch (IllegalArgumentException e) {
            LOG.warn("{}/{}: path {} skipped: {}", ns, name, p.getPath(), e.getMessage());
          }
        }
        try {
          rules.add(new IngressRule(Objects.requireNonNullElse(rule.getHost(), ""), paths, ns, name));
        } catch (IllegalArgumentException e) {
          LOG.warn("{}/{}: rule skipped: {}", ns, name, e.getMessage());
        }
      }
      for (var entry : Objects.requireNonNullElse(ing.getSpec().getTls(), List.<io.fabric8.kubernetes.api.model.networking.v1.IngressTLS>of())) {
        List<String> hosts = Objects.requireNonNullElse(entry.getHosts(), List.<String>of());
        if (hosts.isEmpty()) {
          hosts = Objects.requireNonNullElse(ing.getSpec().getRules(), List.<io.fabric8.kubernetes.api.model.networking.v1.IngressRule>of())
              .stream().map(r -> r.getHost()).filter(h -> h != null && !h.isEmpty()).distinct().toList();
        }
        String secretName = Objects.requireNonNullElse(entry.getSecretName(), "");
        Optional<TlsCertificate> certificate = secretName.isEmpty() ? Optional.empty()
            : IngressTlsSecrets.certificate(ns + "/" + name, secretOf.apply(ns, secretName), ns + "/" + secretName);
        tls.add(new IngressTls(hosts, ns, secretName, certificate));
      }
    }
    return new IngressState(rules, tls, defaultBackend);
  }

  private static List<IngressServiceBackend> backends(Ingress ing) {
    List<IngressServiceBackend> out = new ArrayList<>();
    if (ing.getSpec() == null) {
      return out;
    }
    if (ing.getSpec().getDefaultBackend() != null && ing.getSpec().getDefaultBackend().getService() != null) {
      out.add(ing.getSpec().getDefaultBackend().getService());
    }
    Objects.requireNonNullElse(ing.getSpec().getRules(), List.<io.fabric8.kubernetes.api.model.networking.v1.IngressRule>of())
        .stream().filter(r -> r.getHttp() != null && r.getHttp().getPaths() != null)
        .flatMap(r -> r.getHttp().getPaths().stream())
        .filter(p -> p.getBackend() != null && p.getBackend().getService() != null)
        .forEach(p -> out.add(p.getBackend().getService()));
    return out;
  }

  private static IngressBackend resolve(String ns, IngressServiceBackend backend, Map<String, Service> services,
      ProxyState endpoints) {
    String portText = backend.getPort() == null ? ""
        : backend.getPort().getName() != null ? backend.getPort().getName() : String.valueOf(backend.getPort().getNumber());
    Service service = services.get(ns + "/" + backend.getName());
    if (service == null || service.getSpec() == null || service.getSpec().getPorts() == null) {
      return new IngressBackend(ns, backend.getName(), portText, List.of());
    }
    Optional<ServicePort> port = service.getSpec().getPorts().stream().filter(p -> backend.getPort() != null
        && (backend.getPort().getName() != null ? backend.getPort().getName().equals(p.getName())
            : Objects.equals(backend.getPort().getNumber(), p.getPort()))).findFirst();
    return new IngressBackend(ns, backend.getName(), portText, port
        .map(p -> endpoints.usableEndpoints(new ServicePortName(ns, backend.getName(), Objects.requireNonNullElse(p.getName(), ""))))
        .orElse(List.of()));
  }

  private static String annotation(Map<String, String> annotations, String key) {
    return annotations == null ? null : annotations.get(key);
  }
}
