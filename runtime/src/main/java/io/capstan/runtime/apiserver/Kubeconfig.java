package io.capstan.runtime.apiserver;

import io.capstan.runtime.apiserver.security.Certificates;
import io.capstan.runtime.apiserver.security.ClusterPki;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;

/**
 * Writes the kubeconfig that points kubectl and other clients at this API server. Over HTTPS it
 * embeds the cluster CA ({@code certificate-authority-data}) and the admin client credential
 * ({@code client-certificate-data}, {@code client-key-data}: CN=capstan-admin, O=system:masters),
 * so it is a secret: the file is readable by its owner only.
 */
final class Kubeconfig {

  private Kubeconfig() {}

  static Path write(Path dataDir, String serverUrl, Optional<ClusterPki> tls) throws IOException {
    Files.createDirectories(dataDir);
    Path file = dataDir.resolve("kubeconfig");
    String cluster = tls.map(pki -> "\n    certificate-authority-data: " + base64(Certificates.pem(pki.ca()))).orElse("");
    String user = tls.map(pki -> "\n    client-certificate-data: " + base64(Certificates.pem(pki.admin()))
        + "\n    client-key-data: " + base64(Certificates.pem(pki.adminKey()))).orElse(" {}");
    String text = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: capstan
          cluster:
            server: %s%s
        contexts:
        - name: capstan
          context:
            cluster: capstan
            user: %s
            namespace: default
        current-context: capstan
        users:
        - name: %s
          user:%s
        """.formatted(serverUrl, cluster, ClusterPki.ADMIN_USER, ClusterPki.ADMIN_USER, user);
    Path temp = Files.createTempFile(dataDir, "kubeconfig", ".tmp");
    try {
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // the folder's ACL applies
    }
    Files.writeString(temp, text);
    // Replace atomically so a client never reads half a file.
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return file;
  }

  private static String base64(String pem) {
    return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8));
  }
}
