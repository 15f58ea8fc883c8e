package io.capstan.runtime.apiserver.security;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Keys and X.509 certificates with BouncyCastle: a self-signed CA, serving certificates with
 * subject alternative names, client certificates (CN = user, O = groups), and PEM both ways.
 * RSA 2048 keys, SHA256withRSA signatures; keys are written as PKCS#8 ({@code PRIVATE KEY}),
 * which kubectl, the JDK and the fabric8 client all read.
 */
public final class Certificates {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Certificates() {}

  public static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048, RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA is not available in this JVM", e);
    }
  }

  /** A self-signed CA certificate valid from {@code notBefore} for {@code validity}. */
  public static X509Certificate selfSignedCa(String commonName, KeyPair keys, Instant notBefore, Duration validity) {
    X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    try {
      X509v3CertificateBuilder builder = builder(name, name, keys, notBefore, validity);
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
      builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
      return sign(builder, keys.getPrivate());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot build the CA certificate", e);
    }
  }

  /** A serving certificate for the given DNS names and IP addresses, signed by the CA. */
  public static X509Certificate serving(String commonName, List<String> sans, KeyPair keys, X509Certificate ca, PrivateKey caKey,
      Instant notBefore, Duration validity) {
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    List<GeneralName> names = new ArrayList<>();
    for (String san : sans) {
      names.add(isIpLiteral(san) ? new GeneralName(GeneralName.iPAddress, san) : new GeneralName(GeneralName.dNSName, san));
    }
    return leaf(subject, keys, ca, caKey, notBefore, validity, KeyPurposeId.id_kp_serverAuth,
        new GeneralNames(names.toArray(new GeneralName[0])));
  }

  /** A client certificate for user {@code user} in {@code groups} (CN and O, as Kubernetes reads them). */
  public static X509Certificate client(String user, List<String> groups, KeyPair keys, X509Certificate ca, PrivateKey caKey,
      Instant notBefore, Duration validity) {
    X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE);
    for (String group : groups) {
      subject.addRDN(BCStyle.O, group);
    }
    subject.addRDN(BCStyle.CN, requireNonNull(user, "user"));
    return leaf(subject.build(), keys, ca, caKey, notBefore, validity, KeyPurposeId.id_kp_clientAuth, null);
  }

  private static X509Certificate leaf(X500Name subject, KeyPair keys, X509Certificate ca, PrivateKey caKey, Instant notBefore,
      Duration validity, KeyPurposeId purpose, GeneralNames sans) {
    try {
      X500Name issuer = new X509CertificateHolder(ca.getEncoded()).getSubject();
      X509v3CertificateBuilder builder = builder(issuer, subject, keys, notBefore, validity);
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
      builder.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca));
      if (sans != null) {
        builder.addExtension(Extension.subjectAlternativeName, false, sans);
      }
      return sign(builder, caKey);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot build a certificate for " + subject, e);
    }
  }

  private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys, Instant notBefore,
      Duration validity) {
    BigInteger serial = new BigInteger(127, RANDOM);
    return new JcaX509v3CertificateBuilder(issuer, serial, Date.from(notBefore), Date.from(notBefore.plus(validity)), subject,
        keys.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(key)));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException("cannot sign with the CA key", e);
    }
  }

  static boolean isIpLiteral(String s) {
    return s.matches("[0-9.]+") || s.contains(":");
  }

  /** PEM of certificates or keys ({@code CERTIFICATE}, {@code PRIVATE KEY}, {@code PUBLIC KEY}). */
  public static String pem(Object... objects) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      for (Object object : objects) {
        if (object instanceof PrivateKey key) {
          writer.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null));
        } else {
          writer.writeObject(object);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }

  /** Every certificate in a PEM text, in order. */
  public static List<X509Certificate> readCertificates(String pem) throws IOException {
    List<X509Certificate> out = new ArrayList<>();
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        if (o instanceof X509CertificateHolder holder) {
          try {
            out.add(new JcaX509CertificateConverter().getCertificate(holder));
          } catch (GeneralSecurityException e) {
            throw new IOException("unreadable certificate: " + e.getMessage(), e);
          }
        }
      }
    }
    return out;
  }

  /** The private key in a PEM text (PKCS#8, PKCS#1 RSA or SEC1 EC), with its public half when the form carries it. */
  public static PrivateKey readPrivateKey(String pem) throws IOException {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        if (o instanceof PEMKeyPair pair) {
          return converter.getKeyPair(pair).getPrivate();
        }
        if (o instanceof PrivateKeyInfo info) {
          return converter.getPrivateKey(info);
        }
      }
    }
    throw new IOException("no private key found in the PEM text");
  }

  static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (IOException e) {
      return false;
    }
  }
}
