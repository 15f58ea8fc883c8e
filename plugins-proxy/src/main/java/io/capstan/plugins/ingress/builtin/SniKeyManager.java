package io.capstan.plugins.ingress.builtin;

import io.capstan.plugins.ingress.tls.CertificateSelection;
import io.capstan.plugins.ingress.tls.FakeCertificate;
import io.capstan.plugins.ingress.tls.ServedCertificate;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Picks the server certificate of each TLS handshake by its SNI server name from the current
 * {@link CertificateSelection}, which a sync swaps atomically: a changed Secret or Ingress is served
 * from the next handshake on, without restarting the listener. The alias handed to JSSE is the
 * identity of a {@link ServedCertificate} registered in this manager.
 */
final class SniKeyManager extends X509ExtendedKeyManager {

  private volatile CertificateSelection selection = CertificateSelection.fallbackOnly(FakeCertificate.get());
  private final Map<String, ServedCertificate> aliases = new ConcurrentHashMap<>();

  void serve(CertificateSelection next) {
    next.byHost().values().forEach(c -> aliases.put(alias(c), c));
    aliases.put(alias(next.fallback()), next.fallback());
    CertificateSelection previous = selection;
    selection = next;
    // keep what this and the previous selection use, so a handshake that chose an alias just
    // before the swap still finds its key
    aliases.values().removeIf(c -> !uses(next, c) && !uses(previous, c));
  }

  private static boolean uses(CertificateSelection s, ServedCertificate c) {
    return s.fallback() == c || s.byHost().containsValue(c);
  }

  private static String alias(ServedCertificate c) {
    return "c" + System.identityHashCode(c) + "-" + c.leaf().getSerialNumber().toString(16);
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return choose(keyType, engine == null ? null : engine.getHandshakeSession());
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return choose(keyType, socket instanceof SSLSocket ssl ? ssl.getHandshakeSession() : null);
  }

  private String choose(String keyType, SSLSession handshake) {
    Optional<String> serverName = Optional.empty();
    if (handshake instanceof ExtendedSSLSession extended) {
      for (SNIServerName name : extended.getRequestedServerNames()) {
        if (name instanceof SNIHostName host) {
          serverName = Optional.of(host.getAsciiName());
        }
      }
    }
    ServedCertificate cert = selection.forServerName(serverName);
    String algorithm = cert.key().getAlgorithm();
    boolean fits = keyType.equals(algorithm) || (keyType.equals("RSASSA-PSS") && algorithm.equals("RSA"))
        || (keyType.startsWith("EC") && algorithm.equals("EC"));
    if (!fits) {
      return null; // JSSE asks again with the next key type of the client's signature schemes
    }
    String alias = alias(cert);
    aliases.putIfAbsent(alias, cert);
    return alias;
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    ServedCertificate c = aliases.get(alias);
    return c == null ? null : c.chain().toArray(X509Certificate[]::new);
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    ServedCertificate c = aliases.get(alias);
    return c == null ? null : c.key();
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return aliases.keySet().toArray(String[]::new);
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return null;
  }
}
