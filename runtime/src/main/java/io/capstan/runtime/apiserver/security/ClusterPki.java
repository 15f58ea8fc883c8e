package io.capstan.runtime.apiserver.security;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.auth.UserInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's key material under {@code DATA/pki}, made on first start and reused afterwards:
 * the cluster CA ({@code ca.crt}, {@code ca.key}), the API server's serving certificate
 * ({@code apiserver.crt}, valid for 127.0.0.1, localhost, ::1 and the configured names; issued
 * again by the same CA when the names change or it nears expiry), the admin client credential
 * ({@code admin.crt}: CN=capstan-admin, O=system:masters) and the service-account signing key
 * ({@code sa.key}).
 */
public final class ClusterPki {

  private static final Logger log = LoggerFactory.getLogger(ClusterPki.class);

  /** The admin user the generated kubeconfig authenticates as. */
  public static final String ADMIN_USER = "capstan-admin";
  /** Names the serving certificate is always valid for. */
  public static final List<String> DEFAULT_SANS = List.of("127.0.0.1", "localhost", "::1");

  private static final Duration CA_VALIDITY = Duration.ofDays(3650);
  private static final Duration LEAF_VALIDITY = Duration.ofDays(365);
  /** Certificates are back-dated a little so a client whose clock is slightly behind accepts them. */
  private static final Duration BACKDATE = Duration.ofMinutes(5);

  private final Path dir;
  private final X509Certificate ca;
  private final PrivateKey caKey;
  private final X509Certificate serving;
  private final PrivateKey servingKey;
  private final X509Certificate admin;
  private final PrivateKey adminKey;
  private final KeyPair serviceAccountKeys;

  private ClusterPki(Path dir, X509Certificate ca, PrivateKey caKey, X509Certificate serving, PrivateKey servingKey,
      X509Certificate admin, PrivateKey adminKey, KeyPair serviceAccountKeys) {
    this.dir = dir;
    this.ca = ca;
    this.caKey = caKey;
    this.serving = serving;
    this.servingKey = servingKey;
    this.admin = admin;
    this.adminKey = adminKey;
    this.serviceAccountKeys = serviceAccountKeys;
  }

  /** Loads the material under {@code dir}, creating what is missing; {@code now} dates new certificates. */
  public static ClusterPki loadOrCreate(Path dir, List<String> extraSans, Instant now) {
    requireNonNull(dir, "dir");
    try {
      Files.createDirectories(dir);
      Instant from = now.minus(BACKDATE);
      X509Certificate ca;
      PrivateKey caKey;
      if (Files.exists(dir.resolve("ca.crt")) && Files.exists(dir.resolve("ca.key"))) {
        ca = Certificates.readCertificates(Files.readString(dir.resolve("ca.crt"))).get(0);
        caKey = Certificates.readPrivateKey(Files.readString(dir.resolve("ca.key")));
      } else {
        KeyPair keys = Certificates.newKeyPair();
        ca = Certificates.selfSignedCa("capstan-ca", keys, from, CA_VALIDITY);
        caKey = keys.getPrivate();
        write(dir.resolve("ca.key"), Certificates.pem(caKey), true);
        write(dir.resolve("ca.crt"), Certificates.pem(ca), false);
        log.info("created the cluster CA under {}", dir);
      }
      Set<String> sans = new LinkedHashSet<>(DEFAULT_SANS);
      sans.addAll(extraSans);
      Leaf serving = leaf(dir, "apiserver", ca, now, cert -> sansOf(cert).containsAll(sans),
          keys -> Certificates.serving("capstan-apiserver", List.copyOf(sans), keys, ca, caKey, from, LEAF_VALIDITY));
      Leaf admin = leaf(dir, "admin", ca, now, cert -> true,
          keys -> Certificates.client(ADMIN_USER, List.of(UserInfo.GROUP_MASTERS), keys, ca, caKey, from, LEAF_VALIDITY));
      KeyPair sa = serviceAccountKeys(dir);
      return new ClusterPki(dir, ca, caKey, serving.cert(), serving.key(), admin.cert(), admin.key(), sa);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the cluster's certificates under " + dir + ": " + e.getMessage(), e);
    }
  }

  private record Leaf(X509Certificate cert, PrivateKey key) {}

  private static Leaf leaf(Path dir, String name, X509Certificate ca, Instant now,
      java.util.function.Predicate<X509Certificate> stillFits, java.util.function.Function<KeyPair, X509Certificate> issue)
      throws IOException {
    Path crt = dir.resolve(name + ".crt");
    Path key = dir.resolve(name + ".key");
    if (Files.exists(crt) && Files.exists(key)) {
      X509Certificate cert = Certificates.readCertificates(Files.readString(crt)).get(0);
      boolean fresh = cert.getNotAfter().toInstant().isAfter(now.plus(Duration.ofDays(30)));
      boolean sameCa = cert.getIssuerX500Principal().equals(ca.getSubjectX500Principal()) && verifies(cert, ca);
      if (fresh && sameCa && stillFits.test(cert)) {
        return new Leaf(cert, Certificates.readPrivateKey(Files.readString(key)));
      }
      log.info("issuing {} again (expiring, names changed or another CA)", crt);
    }
    KeyPair keys = Certificates.newKeyPair();
    X509Certificate cert = issue.apply(keys);
    write(key, Certificates.pem(keys.getPrivate()), true);
    write(crt, Certificates.pem(cert), false);
    return new Leaf(cert, keys.getPrivate());
  }

  private static boolean verifies(X509Certificate cert, X509Certificate ca) {
    try {
      cert.verify(ca.getPublicKey());
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  private static KeyPair serviceAccountKeys(Path dir) throws IOException {
    Path file = dir.resolve("sa.key");
    if (Files.exists(file)) {
      PrivateKey key = Certificates.readPrivateKey(Files.readString(file));
      return new KeyPair(publicOf(key), key);
    }
    KeyPair keys = Certificates.newKeyPair();
    write(file, Certificates.pem(keys.getPrivate()), true);
    write(dir.resolve("sa.pub"), Certificates.pem(keys.getPublic()), false);
    return keys;
  }

  private static PublicKey publicOf(PrivateKey key) throws IOException {
    if (!(key instanceof RSAPrivateCrtKey rsa)) {
      throw new IOException("sa.key must be an RSA key");
    }
    try {
      return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  static Set<String> sansOf(X509Certificate cert) {
    Set<String> out = new LinkedHashSet<>();
    try {
      if (cert.getSubjectAlternativeNames() != null) {
        for (List<?> entry : cert.getSubjectAlternativeNames()) {
          String value = String.valueOf(entry.get(1));
          out.add(value);
          if (value.equals("0:0:0:0:0:0:0:1")) {
            out.add("::1");
          }
        }
      }
    } catch (CertificateParsingException e) {
      return Set.of();
    }
    return out;
  }

  private static void write(Path file, String text, boolean secret) throws IOException {
    Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    if (secret) {
      try {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // Windows: the folder's ACL applies
      }
    }
    Files.writeString(temp, text);
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Issues a client certificate from the cluster CA (for tools and tests that hand out credentials). */
  public KeyPairAndCert issueClient(String user, List<String> groups, Instant notBefore, Duration validity) {
    KeyPair keys = Certificates.newKeyPair();
    return new KeyPairAndCert(Certificates.client(user, groups, keys, ca, caKey, notBefore, validity), keys.getPrivate());
  }

  /** A certificate and its private key. */
  public record KeyPairAndCert(X509Certificate certificate, PrivateKey key) {}

  public Path dir() {
    return dir;
  }

  public X509Certificate ca() {
    return ca;
  }

  public X509Certificate serving() {
    return serving;
  }

  public PrivateKey servingKey() {
    return servingKey;
  }

  public X509Certificate admin() {
    return admin;
  }

  public PrivateKey adminKey() {
    return adminKey;
  }

  public KeyPair serviceAccountKeys() {
    return serviceAccountKeys;
  }

  /** The serving certificate's names, for messages. */
  public List<String> servingNames() {
    return new ArrayList<>(sansOf(serving));
  }
}
