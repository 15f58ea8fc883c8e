package io.capstan.runtime.apiserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes the kubeconfig that points kubectl and other clients at this API server. */
final class Kubeconfig {

  private Kubeconfig() {}

  static Path write(Path dataDir, String serverUrl) throws IOException {
    Files.createDirectories(dataDir);
    Path file = dataDir.resolve("kubeconfig");
    String text = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: capstan
          cluster:
            server: %s
        contexts:
        - name: capstan
          context:
            cluster: capstan
            user: admin
            namespace: default
        current-context: capstan
        users:
        - name: admin
          user: {}
        """.formatted(serverUrl);
    Path temp = Files.createTempFile(dataDir, "kubeconfig", ".tmp");
    Files.writeString(temp, text);
    // Replace atomically so a client never reads half a file.
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return file;
  }
}
