package io.capstan.plugins.ingress.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificate an ingress controller serves when no Secret applies (no SNI, a host without a
 * {@code spec.tls} entry, a missing or unusable Secret, a certificate not valid for the host): a
 * self-signed one like ingress-nginx's default — subject {@code CN=Kubernetes Ingress Controller
 * Fake Certificate, O=Acme Co}, SAN {@code ingress.local}, RSA 2048, made once per process.
 */
public final class FakeCertificate {

  public static final String COMMON_NAME = "Kubernetes Ingress Controller Fake Certificate";
  public static final String DNS_NAME = "ingress.local";

  private FakeCertificate() {}

  private static final class Holder {
    static final ServedCertificate INSTANCE = create();
  }

  /** The process's default certificate, generated on first use. */
  public static ServedCertificate get() {
    return Holder.INSTANCE;
  }

  private static ServedCertificate create() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      Instant now = Instant.now();
      X500Name subject = new X500Name("CN=" + COMMON_NAME + ",O=Acme Co");
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
          new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE), Date.from(now.minus(Duration.ofHours(1))),
          Date.from(now.plus(Duration.ofDays(365))), subject, pair.getPublic());
      builder.addExtension(Extension.subjectAlternativeName, false,
          new GeneralNames(new GeneralName(GeneralName.dNSName, DNS_NAME)));
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      var holder = builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate()));
      return new ServedCertificate(pair.getPrivate(), List.of(new JcaX509CertificateConverter().getCertificate(holder)));
    } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
      throw new IllegalStateException("cannot make the default ingress certificate: " + e.getMessage(), e);
    }
  }
}
