package io.capstan.runtime.apiserver.validation;

import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressSpec;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import java.util.List;

/**
 * Ingresses (networking.k8s.io/v1): Kubernetes' {@code ValidateIngressSpec},
 * {@code validateIngressRules}, {@code validateHTTPIngressPath} and {@code validateIngressBackend}
 * (pkg/apis/networking/validation/validation.go, 1.32). Stateless.
 */
final class IngressValidation {

  private static final FieldPath SPEC = FieldPath.root("spec");
  private static final List<String> PATH_TYPES = List.of("Exact", "ImplementationSpecific", "Prefix");
  private static final List<String> INVALID_SEQUENCES = List.of("//", "/./", "/../", "%2f", "%2F");
  private static final List<String> INVALID_SUFFIXES = List.of("/..", "/.");

  private IngressValidation() {}

  static void ingress(IngressSpec spec, FieldErrors errs) {
    IngressSpec s = spec == null ? new IngressSpec() : spec;
    List<IngressRule> rules = s.getRules() == null ? List.of() : s.getRules();
    if (rules.isEmpty() && s.getDefaultBackend() == null) {
      errs.invalid(SPEC, null, "either `defaultBackend` or `rules` must be specified");
    }
    if (s.getDefaultBackend() != null) {
      backend(s.getDefaultBackend(), SPEC.child("defaultBackend"), errs);
    }
    for (int i = 0; i < rules.size(); i++) {
      rule(rules.get(i), SPEC.child("rules").index(i), errs);
    }
    List<IngressTLS> tls = s.getTls() == null ? List.of() : s.getTls();
    for (int i = 0; i < tls.size(); i++) {
      List<String> hosts = tls.get(i).getHosts() == null ? List.of() : tls.get(i).getHosts();
      for (int j = 0; j < hosts.size(); j++) {
        String host = MetaValidation.text(hosts.get(j));
        String bare = host.startsWith("*.") ? host.substring(2) : host;
        errs.invalidEach(SPEC.child("tls").index(i).child("hosts").index(j), host, NameRules.dns1123Subdomain(bare));
      }
    }
    if (s.getIngressClassName() != null) {
      errs.invalidEach(SPEC.child("ingressClassName"), s.getIngressClassName(),
          NameRules.dns1123Subdomain(s.getIngressClassName()));
    }
  }

  private static void rule(IngressRule rule, FieldPath path, FieldErrors errs) {
    String host = MetaValidation.text(rule.getHost());
    if (!host.isEmpty()) {
      if (IpAddresses.isIp(host)) {
        errs.invalid(path.child("host"), host, "must be a DNS name, not an IP address");
      }
      errs.invalidEach(path.child("host"), host,
          host.contains("*") ? NameRules.wildcardDns1123Subdomain(host) : NameRules.dns1123Subdomain(host));
    }
    if (rule.getHttp() != null) {
      FieldPath http = path.child("http");
      List<HTTPIngressPath> paths = rule.getHttp().getPaths() == null ? List.of() : rule.getHttp().getPaths();
      if (paths.isEmpty()) {
        errs.required(http.child("paths"), "");
      }
      for (int i = 0; i < paths.size(); i++) {
        httpPath(paths.get(i), http.child("paths").index(i), errs);
      }
    }
  }

  private static void httpPath(HTTPIngressPath p, FieldPath path, FieldErrors errs) {
    if (p.getPathType() == null) {
      errs.required(path.child("pathType"), "pathType must be specified");
      return;
    }
    String value = MetaValidation.text(p.getPath());
    switch (p.getPathType()) {
      case "Exact", "Prefix" -> {
        if (!value.startsWith("/")) {
          errs.invalid(path.child("path"), value, "must be an absolute path");
        }
        if (!value.isEmpty()) {
          INVALID_SEQUENCES.stream().filter(value::contains)
              .forEach(seq -> errs.invalid(path.child("path"), value, "must not contain '" + seq + "'"));
          INVALID_SUFFIXES.stream().filter(value::endsWith)
              .forEach(suffix -> errs.invalid(path.child("path"), value, "cannot end with '" + suffix + "'"));
        }
      }
      case "ImplementationSpecific" -> {
        if (!value.isEmpty() && !value.startsWith("/")) {
          errs.invalid(path.child("path"), value, "must be an absolute path");
        }
      }
      default -> errs.notSupported(path.child("pathType"), p.getPathType(), PATH_TYPES);
    }
    backend(p.getBackend() == null ? new IngressBackend() : p.getBackend(), path.child("backend"), errs);
  }

  private static void backend(IngressBackend b, FieldPath path, FieldErrors errs) {
    boolean resource = b.getResource() != null;
    IngressServiceBackend service = b.getService();
    if (resource && service != null) {
      errs.invalid(path, "", "cannot set both resource and service backends");
      return;
    }
    if (resource) {
      if (MetaValidation.text(b.getResource().getKind()).isEmpty()) {
        errs.required(path.child("resource", "kind"), "");
      }
      if (MetaValidation.text(b.getResource().getName()).isEmpty()) {
        errs.required(path.child("resource", "name"), "");
      }
      return;
    }
    if (service == null) {
      errs.invalid(path, "", "resource or service backend is required");
      return;
    }
    String name = MetaValidation.text(service.getName());
    if (name.isEmpty()) {
      errs.required(path.child("service", "name"), "");
    } else {
      errs.invalidEach(path.child("service", "name"), name, NameRules.dns1035Label(name));
    }
    String portName = service.getPort() == null ? "" : MetaValidation.text(service.getPort().getName());
    int portNumber = service.getPort() == null || service.getPort().getNumber() == null ? 0 : service.getPort().getNumber();
    if (!portName.isEmpty() && portNumber != 0) {
      errs.invalid(path, "", "cannot set both port name & port number");
    } else if (!portName.isEmpty()) {
      errs.invalidEach(path.child("service", "port", "name"), portName, NameRules.portName(portName));
    } else if (portNumber != 0) {
      errs.invalidEach(path.child("service", "port", "number"), portNumber, NameRules.portNumber(portNumber));
    } else {
      errs.required(path, "port name or number is required");
    }
  }
}
