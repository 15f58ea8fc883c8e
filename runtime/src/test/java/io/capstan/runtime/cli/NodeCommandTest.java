package io.capstan.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.runtime.CapstanException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code capstan node} reads the server and token of the kubeconfig's current context. */
class NodeCommandTest {

  @TempDir Path dir;

  @Test
  void theCurrentContextNamesTheServerAndToken() throws Exception {
    Path file = dir.resolve("kubeconfig");
    Files.writeString(file, """
        apiVersion: v1
        kind: Config
        current-context: prod
        contexts:
        - {name: dev, context: {cluster: dev, user: dev}}
        - {name: prod, context: {cluster: prod, user: admin}}
        clusters:
        - {name: dev, cluster: {server: "http://127.0.0.1:1"}}
        - {name: prod, cluster: {server: "https://10.0.0.1:6443"}}
        users:
        - {name: admin, user: {token: s3cret}}
        """);
    assertThat(NodeCommand.server(file)).isEqualTo(new NodeCommand.Server("https://10.0.0.1:6443", "s3cret"));
  }

  @Test
  void aKubeconfigWithoutAServerSaysSo() throws Exception {
    Path file = dir.resolve("empty");
    Files.writeString(file, "apiVersion: v1\nkind: Config\ncurrent-context: x\n");
    assertThatThrownBy(() -> NodeCommand.server(file)).isInstanceOf(CapstanException.class).hasMessageContaining("names no server");
    assertThatThrownBy(() -> NodeCommand.server(dir.resolve("missing"))).hasMessageContaining("cannot read kubeconfig");
  }
}
