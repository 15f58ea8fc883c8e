package io.capstan.plugins.admission.x509;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.auth.AuthenticationRequest;
import io.capstan.spi.auth.AuthenticationResult;
import io.capstan.spi.auth.Authenticator;
import io.capstan.spi.auth.ClusterTrust;
import io.capstan.spi.auth.UserInfo;
import io.capstan.spi.clock.Clock;
import jakarta.inject.Inject;
import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Kubernetes' client-certificate authenticator: a TLS client certificate that chains to the
 * cluster CA ({@link ClusterTrust#clientCertificateAuthorities()}) and is valid now (by the
 * injected clock) names the user in its subject's CN and the groups in its O values. A
 * certificate from another CA or outside its validity is rejected; a request without one is not
 * this authenticator's. Verified chains are remembered per certificate (bounded), so a client's
 * requests cost one map lookup and a validity check after the first.
 */
public final class X509Authenticator implements Authenticator {

  private static final int CACHE_LIMIT = 4096;
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  private static final String ANY_USAGE = "2.5.29.37.0";

  private final Set<TrustAnchor> anchors;
  private final Clock clock;
  private final Map<X509Certificate, UserInfo> verified = new ConcurrentHashMap<>();

  @Inject
  public X509Authenticator(ClusterTrust trust, Clock clock) {
    this.anchors = new LinkedHashSet<>();
    requireNonNull(trust, "trust").clientCertificateAuthorities().forEach(ca -> anchors.add(new TrustAnchor(ca, null)));
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public AuthenticationResult authenticate(AuthenticationRequest request) {
    List<X509Certificate> chain = request.clientCertificates();
    if (chain.isEmpty()) {
      return AuthenticationResult.notApplicable();
    }
    X509Certificate leaf = chain.get(0);
    Date now = Date.from(clock.now());
    if (now.before(leaf.getNotBefore()) || now.after(leaf.getNotAfter())) {
      return AuthenticationResult.rejected("x509: certificate has expired or is not yet valid: current time " + now.toInstant()
          + " is outside " + leaf.getNotBefore().toInstant() + " to " + leaf.getNotAfter().toInstant());
    }
    UserInfo known = verified.get(leaf);
    if (known != null) {
      return AuthenticationResult.authenticated(known);
    }
    if (anchors.isEmpty()) {
      return AuthenticationResult.rejected("x509: no client certificate authority is configured");
    }
    Optional<String> problem = verify(chain, now);
    if (problem.isPresent()) {
      return AuthenticationResult.rejected(problem.get());
    }
    Optional<UserInfo> user = userOf(leaf);
    if (user.isEmpty()) {
      return AuthenticationResult.rejected("x509: the certificate's subject has no common name (CN) to use as the user name");
    }
    if (verified.size() >= CACHE_LIMIT) {
      verified.clear();
    }
    verified.put(leaf, user.get());
    return AuthenticationResult.authenticated(user.get());
  }

  private Optional<String> verify(List<X509Certificate> chain, Date now) {
    try {
      List<String> usages = chain.get(0).getExtendedKeyUsage();
      if (usages != null && !usages.contains(CLIENT_AUTH) && !usages.contains(ANY_USAGE)) {
        return Optional.of("x509: the certificate is not for client authentication (extended key usage)");
      }
      // The path holds the certificates below the anchor: drop a self-signed root the client sent along.
      List<X509Certificate> path = new ArrayList<>(chain);
      if (path.size() > 1 && path.get(path.size() - 1).getSubjectX500Principal().equals(path.get(path.size() - 1).getIssuerX500Principal())) {
        path.remove(path.size() - 1);
      }
      PKIXParameters parameters = new PKIXParameters(anchors);
      parameters.setRevocationEnabled(false);
      parameters.setDate(now);
      CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
      return Optional.empty();
    } catch (CertPathValidatorException e) {
      return Optional.of("x509: certificate signed by unknown authority (" + e.getMessage() + ")");
    } catch (CertificateException | InvalidAlgorithmParameterException | NoSuchAlgorithmException e) {
      return Optional.of("x509: cannot verify the certificate: " + e.getMessage());
    }
  }

  /** CN is the user, each O a group, as Kubernetes reads a client certificate's subject. */
  static Optional<UserInfo> userOf(X509Certificate cert) {
    try {
      String name = "";
      List<String> groups = new ArrayList<>();
      // LdapName lists RDNs in the certificate's (ASN.1) order, the reverse of the RFC 2253 string.
      List<Rdn> rdns = new LdapName(cert.getSubjectX500Principal().getName()).getRdns();
      for (Rdn rdn : rdns) {
        String value = String.valueOf(rdn.getValue());
        if (rdn.getType().equalsIgnoreCase("CN")) {
          name = value;
        } else if (rdn.getType().equalsIgnoreCase("O") && !groups.contains(value)) {
          groups.add(value);
        }
      }
      return name.isEmpty() ? Optional.empty() : Optional.of(new UserInfo(name, "", groups, Map.of()));
    } catch (InvalidNameException e) {
      return Optional.empty();
    }
  }
}
