package io.capstan.plugins.ingress.tls;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.ingress.IngressRule;
import io.capstan.spi.ingress.IngressState;
import io.capstan.spi.ingress.IngressTls;
import io.capstan.spi.ingress.TlsCertificate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses each rule host's certificate from an {@link IngressState} as ingress-nginx does: the
 * first {@code spec.tls} entry (oldest Ingress first) that lists the host and whose Secret holds a
 * usable certificate valid for the host; otherwise the default certificate, with a warning naming
 * the Secret and the reason (logged once while the problem lasts). Parsed certificates are kept
 * between syncs while the state still refers to them. Not thread-safe: one sync thread calls it.
 */
public final class CertificateSelector {

  private static final Logger LOG = LoggerFactory.getLogger(CertificateSelector.class);

  private final ServedCertificate fallback;
  private Map<TlsCertificate, Optional<ServedCertificate>> parsed = new HashMap<>();
  private Set<String> warned = new HashSet<>();

  public CertificateSelector(ServedCertificate fallback) {
    this.fallback = requireNonNull(fallback, "fallback");
  }

  public CertificateSelection select(IngressState state) {
    Map<TlsCertificate, Optional<ServedCertificate>> nextParsed = new HashMap<>();
    Set<String> nextWarned = new HashSet<>();
    Map<String, ServedCertificate> byHost = new LinkedHashMap<>();
    for (IngressRule rule : state.rules()) {
      String host = rule.host();
      if (host.isEmpty() || byHost.containsKey(host)) {
        continue;
      }
      for (IngressTls tls : state.tls()) {
        if (tls.hosts().stream().noneMatch(h -> h.toLowerCase(Locale.ROOT).equals(host))) {
          continue;
        }
        String secret = tls.secretNamespace() + "/" + tls.secretName();
        if (tls.certificate().isEmpty()) {
          warn(nextWarned, "ingress TLS: secret " + secret + " for host " + host + " is missing or has no tls.crt/tls.key;"
              + " serving the default certificate");
          continue;
        }
        Optional<ServedCertificate> cert = nextParsed.computeIfAbsent(tls.certificate().get(), pem ->
            parsed.containsKey(pem) ? parsed.get(pem) : parse(pem, secret, nextWarned));
        if (cert.isEmpty()) {
          continue;
        }
        if (!cert.get().covers(host)) {
          warn(nextWarned, "ingress TLS: the certificate in secret " + secret + " (" + cert.get().leaf()
              .getSubjectX500Principal().getName() + ", DNS names " + cert.get().dnsNames() + ") is not valid for host "
              + host + "; serving the default certificate");
          continue;
        }
        byHost.put(host, cert.get());
        break;
      }
    }
    parsed = nextParsed;
    warned = nextWarned;
    return new CertificateSelection(byHost, fallback);
  }

  private Optional<ServedCertificate> parse(TlsCertificate pem, String secret, Set<String> nextWarned) {
    try {
      return Optional.of(ServedCertificate.parse(pem));
    } catch (IllegalArgumentException e) {
      warn(nextWarned, "ingress TLS: secret " + secret + " is unusable: " + e.getMessage()
          + "; serving the default certificate");
      return Optional.empty();
    }
  }

  private void warn(Set<String> nextWarned, String message) {
    if (nextWarned.add(message) && !warned.contains(message)) {
      LOG.warn(message);
    }
  }
}
