package io.capstan.plugins.ingress.tls;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.ingress.TlsCertificate;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * A certificate chain and its private key, ready to serve.
 *
 * @param key the private key
 * @param chain the server certificate first, then intermediates
 */
public record ServedCertificate(PrivateKey key, List<X509Certificate> chain) {

  public ServedCertificate {
    requireNonNull(key, "key");
    chain = List.copyOf(requireNonNull(chain, "chain"));
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("a certificate chain needs at least one certificate");
    }
  }

  /**
   * Parses a Secret's PEM (BouncyCastle's PEM parser: CERTIFICATE blocks, and a PKCS#1, PKCS#8 or
   * SEC1 key) and checks that the key belongs to the first certificate.
   *
   * @throws IllegalArgumentException saying what is wrong with the PEM
   */
  public static ServedCertificate parse(TlsCertificate pem) {
    List<X509Certificate> chain = new ArrayList<>();
    JcaX509CertificateConverter certs = new JcaX509CertificateConverter();
    try (PEMParser parser = new PEMParser(new StringReader(pem.certificateChainPem()))) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        if (o instanceof X509CertificateHolder holder) {
          chain.add(certs.getCertificate(holder));
        }
      }
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("tls.crt is not a PEM certificate: " + e.getMessage(), e);
    }
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("tls.crt holds no PEM CERTIFICATE block");
    }
    PrivateKey key = null;
    try (PEMParser parser = new PEMParser(new StringReader(pem.privateKeyPem()))) {
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      for (Object o = parser.readObject(); o != null && key == null; o = parser.readObject()) {
        if (o instanceof PEMKeyPair pair) {
          key = converter.getPrivateKey(pair.getPrivateKeyInfo());
        } else if (o instanceof PrivateKeyInfo info) {
          key = converter.getPrivateKey(info);
        } // certificates and parameters before the key are skipped
      }
      if (key == null) {
        throw new IllegalArgumentException("tls.key holds no unencrypted PEM private key");
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("tls.key is not a PEM private key: " + e.getMessage(), e);
    }
    ServedCertificate served = new ServedCertificate(key, chain);
    if (!served.keyMatches()) {
      throw new IllegalArgumentException("tls.key does not belong to the certificate in tls.crt ("
          + served.leaf().getSubjectX500Principal().getName() + ")");
    }
    return served;
  }

  /** The server certificate. */
  public X509Certificate leaf() {
    return chain.get(0);
  }

  private boolean keyMatches() {
    try {
      String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA"
          : key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : null;
      if (algorithm == null) {
        return leaf().getPublicKey().getAlgorithm().equals(key.getAlgorithm());
      }
      byte[] probe = "capstan".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(leaf().getPublicKey());
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /**
   * Whether the certificate is valid for {@code host}, as Go's {@code VerifyHostname} which
   * ingress-nginx applies, with its fallback to the Common Name: a DNS name in the subject
   * alternative names (a {@code *.foo.com} name covers exactly one more label), else the CN when
   * there are none. A wildcard rule host must be named literally.
   */
  public boolean covers(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    List<String> names = dnsNames();
    if (names.isEmpty()) {
      commonName().ifPresent(names::add);
    }
    for (String name : names) {
      String n = name.toLowerCase(Locale.ROOT);
      if (n.equals(h)) {
        return true;
      }
      int dot = h.indexOf('.');
      if (n.startsWith("*.") && !h.startsWith("*.") && dot > 0 && h.substring(dot).equals(n.substring(1))) {
        return true;
      }
    }
    return false;
  }

  /** The subject alternative names of type DNS. */
  public List<String> dnsNames() {
    List<String> out = new ArrayList<>();
    try {
      Collection<List<?>> sans = leaf().getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          if (Integer.valueOf(2).equals(san.get(0))) {
            out.add(String.valueOf(san.get(1)));
          }
        }
      }
    } catch (CertificateParsingException e) {
      // no usable SANs: the CN decides
    }
    return out;
  }

  /** The subject's CN. */
  public java.util.Optional<String> commonName() {
    try {
      for (Rdn rdn : new LdapName(leaf().getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return java.util.Optional.of(String.valueOf(rdn.getValue()));
        }
      }
    } catch (InvalidNameException e) {
      // fall through
    }
    return java.util.Optional.empty();
  }

  /** The chain, then the key, as PEM (what nginx's {@code ssl_certificate} and {@code ssl_certificate_key} read). */
  public String toPem() {
    StringWriter out = new StringWriter();
    try (PemWriter writer = new PemWriter(out)) {
      for (X509Certificate cert : chain) {
        writer.writeObject(new JcaMiscPEMGenerator(cert));
      }
      writer.writeObject(new JcaPKCS8Generator(key, null)); // PKCS#8 keeps an EC key's curve
    } catch (IOException e) {
      throw new IllegalStateException("PEM encoding to a string failed", e);
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return "ServedCertificate[" + leaf().getSubjectX500Principal().getName() + ", key redacted]";
  }
}
