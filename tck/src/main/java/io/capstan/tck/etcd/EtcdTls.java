package io.capstan.tck.etcd;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * PEM files for running a test etcd with TLS and client certificates: a throw-away CA, a server
 * certificate for {@code 127.0.0.1} and a client certificate, all valid for two days. Made with the
 * JDK's own {@code keytool} (so no openssl is needed), keys as EC P-256 in PKCS#8, which both etcd
 * and Netty read.
 *
 * @param ca the CA certificate, which signed both others
 * @param serverCert etcd's certificate ({@code --cert-file}), with IP SAN 127.0.0.1
 * @param serverKey its key ({@code --key-file})
 * @param clientCert a client certificate etcd accepts under {@code --client-cert-auth}
 * @param clientKey its key
 */
public record EtcdTls(Path ca, Path serverCert, Path serverKey, Path clientCert, Path clientKey) {

  private static final String PASS = "capstan";

  public EtcdTls {
    requireNonNull(ca, "ca");
    requireNonNull(serverCert, "serverCert");
    requireNonNull(serverKey, "serverKey");
    requireNonNull(clientCert, "clientCert");
    requireNonNull(clientKey, "clientKey");
  }

  /** Generates the files in {@code dir}; takes about a second. */
  public static EtcdTls generate(Path dir) {
    try {
      keytool(dir, "-genkeypair", "-alias", "ca", "-keystore", "ca.p12", "-dname",
          "CN=capstan-test-ca", "-ext", "bc:c");
      keytool(dir, "-exportcert", "-alias", "ca", "-keystore", "ca.p12", "-rfc", "-file",
          "ca.pem");
      issue(dir, "server", "CN=127.0.0.1", "san=ip:127.0.0.1", "eku=serverAuth,clientAuth");
      issue(dir, "client", "CN=capstan", null, "eku=clientAuth");
      return new EtcdTls(dir.resolve("ca.pem"), dir.resolve("server.pem"),
          dir.resolve("server-key.pem"), dir.resolve("client.pem"), dir.resolve("client-key.pem"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot generate TLS files in " + dir, e);
    }
  }

  /** A key pair in {@code <name>.p12}, its certificate signed by the CA, both written as PEM. */
  private static void issue(Path dir, String name, String dname, String san, String eku)
      throws IOException {
    String store = name + ".p12";
    keytool(dir, "-genkeypair", "-alias", name, "-keystore", store, "-dname", dname);
    keytool(dir, "-certreq", "-alias", name, "-keystore", store, "-file", name + ".csr");
    List<String> sign = new ArrayList<>(List.of("-gencert", "-alias", "ca", "-keystore", "ca.p12",
        "-infile", name + ".csr", "-outfile", name + ".pem", "-rfc", "-validity", "2",
        "-ext", eku));
    if (san != null) {
      sign.addAll(List.of("-ext", san));
    }
    keytool(dir, sign.toArray(String[]::new));
    try (InputStream in = Files.newInputStream(dir.resolve(store))) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(in, PASS.toCharArray());
      byte[] pkcs8 = keys.getKey(name, PASS.toCharArray()).getEncoded();
      String pem = "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(pkcs8)
          + "\n-----END PRIVATE KEY-----\n";
      Files.writeString(dir.resolve(name + "-key.pem"), pem, StandardCharsets.US_ASCII);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read the key of " + store, e);
    }
  }

  private static void keytool(Path dir, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    if (!List.of(args).contains("-exportcert") && !List.of(args).contains("-certreq")
        && !List.of(args).contains("-gencert")) {
      command.addAll(List.of("-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2"));
    }
    command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASS, "-keypass", PASS,
        "-noprompt"));
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException("keytool " + String.join(" ", args) + " failed: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running keytool", e);
    }
  }
}
