package io.capstan.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A kind added by a plugin jar (the example Widget) is served, listed, printed and explained by kubectl. */
class PluginKindIT {

  @TempDir Path dir;
  ControlPlane plane;
  Kubectl kubectl;

  @BeforeEach
  void start() throws Exception {
    Kubectl.requireKubectl();
    plane = new ControlPlane(dir.resolve("data"), Map.of());
    kubectl = new Kubectl(plane.kubeconfig(), dir);
  }

  @AfterEach
  void stop() {
    if (plane != null) {
      plane.close();
    }
  }

  @Test
  void kubectlServesThePluginKindLikeABuiltInOne() throws Exception {
    assertThat(kubectl.run("api-resources").out()).containsPattern("widgets +wd +examples.capstan.io/v1 +true +Widget");
    Path widget = Files.writeString(dir.resolve("w.yaml"), """
        apiVersion: examples.capstan.io/v1
        kind: Widget
        metadata:
          name: blue-one
        spec:
          size: 3
          colour: blue
        """);
    Kubectl.Result applied = kubectl.run("apply", "-f", widget.toString());
    assertThat(applied.exitCode()).as(applied.all()).isZero();
    assertThat(applied.out()).contains("widget.examples.capstan.io/blue-one created");
    Kubectl.Result table = kubectl.run("get", "wd");
    assertThat(table.out()).containsPattern("NAME +SIZE +COLOUR +AGE").containsPattern("blue-one +3 +blue");
    assertThat(kubectl.run("get", "widgets", "blue-one", "-o", "jsonpath={.spec.colour}").out()).isEqualTo("blue");
    Kubectl.Result explain = kubectl.run("explain", "widgets.spec");
    assertThat(explain.out()).contains("size", "colour");
    assertThat(kubectl.run("delete", "widget", "blue-one").out()).contains("deleted");
  }
}
