package io.capstan.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.plugins.controllers.nodelifecycle.NodeLifecycleConfig;
import io.capstan.plugins.controllers.nodelifecycle.NodeLifecycleController;
import io.capstan.runtime.client.informer.DefaultInformerFactory;
import io.capstan.spi.api.ObjectKey;
import io.capstan.spi.client.ApiClient;
import io.capstan.spi.client.InformerFactory;
import io.capstan.spi.client.ListOptions;
import io.capstan.spi.clock.Clock;
import io.capstan.spi.clock.TaskExecutor;
import io.capstan.spi.controller.ControllerContext;
import io.capstan.spi.controller.ControllerSetup;
import io.capstan.spi.controller.EventMapper;
import io.capstan.spi.controller.EventRecorder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Simulated nodes in a whole control plane: kubectl sees them, runs pods on them, reads logs; failures and restarts. */
class NodesIT {

  @TempDir Path dir;

  private static Kubectl.Result ok(Kubectl kubectl, String... args) throws Exception {
    Kubectl.Result result = kubectl.run(args);
    assertThat(result.exitCode()).as("kubectl %s\n%s", String.join(" ", args), result.all()).isZero();
    return result;
  }

  private static String phase(Kubectl kubectl, String pod) throws Exception {
    return kubectl.run("get", "pod", pod, "-o", "jsonpath={.status.phase}").out().trim();
  }

  @Test
  void kubectlSeesReadyNodesRunsPodsAndReadsTheirLogs() throws Exception {
    Kubectl.requireKubectl();
    try (ControlPlane plane = ControlPlane.withNodes(dir.resolve("data"), 3, Map.of())) {
      Kubectl kubectl = new Kubectl(plane.kubeconfig(), dir);
      String nodes = ok(kubectl, "get", "nodes").out();
      assertThat(nodes).contains("node-1", "node-2", "node-3").contains("Ready");
      Path manifest = dir.resolve("pods.yaml");
      Files.writeString(manifest, """
          apiVersion: v1
          kind: Pod
          metadata:
            name: talk
            annotations: {sim.capstan.io/log: "hello from capstan\\nsecond line"}
          spec:
            containers:
            - {name: main, image: nginx:1.27}
            - {name: side, image: busybox:1.36}
          ---
          apiVersion: v1
          kind: Pod
          metadata:
            name: job
            annotations: {sim.capstan.io/duration: 3s}
          spec:
            nodeName: node-3
            restartPolicy: Never
            containers:
            - {name: main, image: busybox:1.36}
          ---
          apiVersion: v1
          kind: Pod
          metadata:
            name: crash
            annotations: {sim.capstan.io/duration: 1s, sim.capstan.io/exit-code: "2"}
          spec:
            nodeName: node-1
            containers:
            - {name: main, image: busybox:1.36}
          """);
      ok(kubectl, "apply", "-f", manifest.toString());
      assertThat(phase(kubectl, "talk")).isEqualTo("Pending");
      Path binding = dir.resolve("binding.json");
      Files.writeString(binding, "{\"apiVersion\":\"v1\",\"kind\":\"Binding\",\"metadata\":{\"name\":\"talk\"},"
          + "\"target\":{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"name\":\"node-2\"}}");
      ok(kubectl, "create", "--raw", "/api/v1/namespaces/default/pods/talk/binding", "-f", binding.toString());
      await().atMost(Duration.ofSeconds(20)).until(() -> phase(kubectl, "talk").equals("Running"));
      String ip = ok(kubectl, "get", "pod", "talk", "-o", "jsonpath={.status.podIP}").out();
      assertThat(ip).startsWith("10.244.1.");
      assertThat(ok(kubectl, "logs", "talk", "-c", "main").out()).isEqualTo("hello from capstan\nsecond line\n");
      assertThat(ok(kubectl, "logs", "talk", "-c", "main", "--tail=1").out()).isEqualTo("second line\n");
      assertThat(ok(kubectl, "logs", "talk").all()).contains("hello from capstan").contains("Defaulted container \"main\"");
      assertThat(kubectl.run("logs", "talk", "-c", "nope").all()).contains("container nope is not valid for pod talk");
      Kubectl.Result followed = ok(kubectl, "logs", "-f", "job");
      assertThat(followed.out()).contains("simulated container main of pod default/job started").contains("exited with code 0");
      await().atMost(Duration.ofSeconds(20)).until(() -> phase(kubectl, "job").equals("Succeeded"));
      await().atMost(Duration.ofSeconds(40)).until(() ->
          kubectl.run("get", "pod", "crash", "-o", "jsonpath={.status.containerStatuses[0].restartCount}").out().matches("[1-9].*"));
      assertThat(ok(kubectl, "logs", "crash", "--previous").out()).contains("exited with code 2");
      assertThat(ok(kubectl, "get", "pods").out()).contains("crash").contains("talk");
    }
  }

  @Test
  void aStoppedNodeBecomesUnknownTaintedAndItsPodsAreEvicted() throws Exception {
    try (ControlPlane plane = ControlPlane.withNodes(dir.resolve("data"), 2, Map.of())) {
      ApiClient client = plane.kernel().injector().getInstance(ApiClient.class);
      Clock clock = plane.kernel().injector().getInstance(Clock.class);
      TaskExecutor executor = plane.kernel().injector().getInstance(TaskExecutor.class);
      var pods = client.resources(Pod.class);
      for (int i = 0; i < 2; i++) {
        pods.create(new PodBuilder().withNewMetadata().withName("web-" + i).withNamespace("default").endMetadata()
            .withNewSpec().withNodeName("node-2").addNewContainer().withName("c").withImage("nginx").endContainer()
            .withTolerations(new Toleration("NoExecute", "node.kubernetes.io/unreachable", "Exists", 1L, null)).endSpec().build());
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> pods.list(ListOptions.inNamespace("default")).items().stream()
          .allMatch(p -> "Running".equals(p.getStatus().getPhase())));
      DefaultInformerFactory informers = new DefaultInformerFactory(client, executor, clock);
      NodeLifecycleController controller = new NodeLifecycleController(new NodeLifecycleConfig(Duration.ofSeconds(3), 300L, 10.0, 1));
      informers.informer(Node.class);
      controller.setup(new ControllerSetup() {
        @Override
        public <T extends HasMetadata> void watch(Class<T> type, EventMapper<T> mapper) {
          informers.informer(type);
        }

        @Override
        public <T extends HasMetadata> void read(Class<T> type) {
          informers.informer(type);
        }

        @Override
        public <T extends HasMetadata> void index(Class<T> type, String name, Function<T, List<String>> fn) {
          informers.informer(type).addIndexer(name, fn);
        }
      });
      informers.start();
      ControllerContext ctx = context(client, informers, clock);
      try {
        plane.nodes().stopNode("node-2");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
          controller.reconcile(ObjectKey.clusterScoped("node-2"), ctx);
          controller.reconcile(ObjectKey.clusterScoped("node-1"), ctx);
          return pods.list(ListOptions.inNamespace("default")).items().stream().allMatch(p -> p.getMetadata().getDeletionTimestamp() != null);
        });
        Node failed = client.resources(Node.class).get("", "node-2").orElseThrow();
        assertThat(failed.getStatus().getConditions()).extracting(c -> c.getType() + "=" + c.getStatus()).contains("Ready=Unknown");
        assertThat(failed.getSpec().getTaints()).extracting(t -> t.getKey() + ":" + t.getEffect())
            .contains("node.kubernetes.io/unreachable:NoExecute");
        Node healthy = client.resources(Node.class).get("", "node-1").orElseThrow();
        assertThat(healthy.getStatus().getConditions()).extracting(c -> c.getType() + "=" + c.getStatus()).contains("Ready=True");
        assertThat(healthy.getSpec().getTaints()).isNullOrEmpty();
      } finally {
        informers.stop();
      }
    }
  }

  private static ControllerContext context(ApiClient client, InformerFactory informers, Clock clock) {
    EventRecorder events = (regarding, type, reason, message) -> { };
    return new ControllerContext() {
      @Override
      public ApiClient client() {
        return client;
      }

      @Override
      public InformerFactory informers() {
        return informers;
      }

      @Override
      public Clock clock() {
        return clock;
      }

      @Override
      public EventRecorder events() {
        return events;
      }
    };
  }

  @Test
  void restartingOnTheSameDataRecoversNodesAndPodsWithoutDuplicates() throws Exception {
    Map<String, String> rocks = Map.of("store.plugin", "rocksdb", "store.rocksdb.dataDir", dir.resolve("store").toString());
    Map<String, String> ips = new java.util.TreeMap<>();
    try (ControlPlane plane = ControlPlane.withNodes(dir.resolve("data"), 2, rocks)) {
      var pods = plane.kernel().injector().getInstance(ApiClient.class).resources(Pod.class);
      for (int i = 0; i < 4; i++) {
        pods.create(new PodBuilder().withNewMetadata().withName("p" + i).withNamespace("default").endMetadata()
            .withNewSpec().withNodeName("node-" + (i % 2 + 1)).addNewContainer().withName("c").withImage("nginx").endContainer()
            .endSpec().build());
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> pods.list(ListOptions.inNamespace("default")).items().stream()
          .allMatch(p -> "Running".equals(p.getStatus().getPhase())));
      pods.list(ListOptions.inNamespace("default")).items().forEach(p -> ips.put(p.getMetadata().getName(), p.getStatus().getPodIP()));
    }
    try (ControlPlane plane = ControlPlane.withNodes(dir.resolve("data"), 2, rocks)) {
      ApiClient client = plane.kernel().injector().getInstance(ApiClient.class);
      var pods = client.resources(Pod.class);
      assertThat(client.resources(Node.class).list(ListOptions.all()).items()).extracting(n -> n.getMetadata().getName())
          .containsExactly("node-1", "node-2");
      await().atMost(Duration.ofSeconds(20)).until(() -> plane.nodes().agents().stream().mapToInt(a -> a.podCount()).sum() == 4);
      List<Pod> after = pods.list(ListOptions.inNamespace("default")).items();
      assertThat(after).hasSize(4).allMatch(p -> "Running".equals(p.getStatus().getPhase()));
      after.forEach(p -> assertThat(p.getStatus().getPodIP()).as(p.getMetadata().getName()).isEqualTo(ips.get(p.getMetadata().getName())));
    }
  }

  @Test
  void aNodeAgentProcessJoinsARemoteApiServerAsCapstanNodeDoes() throws Exception {
    try (ControlPlane plane = new ControlPlane(dir.resolve("data"), Map.of())) {
      Map<String, String> flags = new java.util.LinkedHashMap<>();
      flags.put("components", "node-agent");
      flags.put("client.kubeconfig", plane.kubeconfig().toString());
      flags.put("node.names", "edge-1");
      flags.put("node.firstIndex", "200");
      io.capstan.runtime.kernel.KernelPlan plan = io.capstan.runtime.kernel.KernelPlan.resolve(
          io.capstan.runtime.config.ConfigInputs.defaultsOnly().withFlags(flags));
      try (io.capstan.runtime.kernel.Kernel agent = io.capstan.runtime.kernel.Kernel.create(plan,
          io.capstan.runtime.components.ComponentModules.of(plan).toArray(new com.google.inject.Module[0]))) {
        agent.start();
        ApiClient client = plane.kernel().injector().getInstance(ApiClient.class);
        Node node = client.resources(Node.class).get("", "edge-1").orElseThrow();
        assertThat(node.getSpec().getPodCIDR()).isEqualTo("10.244.200.0/24");
        client.resources(Pod.class).create(new PodBuilder().withNewMetadata().withName("remote").withNamespace("default").endMetadata()
            .withNewSpec().withNodeName("edge-1").addNewContainer().withName("c").withImage("nginx").endContainer().endSpec().build());
        await().atMost(Duration.ofSeconds(20)).until(() -> client.resources(Pod.class).get("default", "remote")
            .map(p -> "Running".equals(p.getStatus().getPhase()) && p.getStatus().getPodIP().startsWith("10.244.200.")).orElse(false));
      }
    }
  }

  @Test
  void aPodWhoseReadinessProbeFailsLeavesTheServicesEndpointsWithoutARestart() throws Exception {
    Kubectl.requireKubectl();
    try (ControlPlane plane = ControlPlane.withNodes(dir.resolve("data"), 2,
        Map.of("components", "apiserver,scheduler,controller-manager,node-agent"))) {
      Kubectl kubectl = new Kubectl(plane.kubeconfig(), dir);
      Path manifest = dir.resolve("web.yaml");
      // the simulated runtime answers the httpGet probe from the annotation: ready, then failing after 8 s
      Files.writeString(manifest, """
          apiVersion: v1
          kind: Service
          metadata: {name: web}
          spec:
            selector: {app: web}
            ports: [{port: 80}]
          ---
          apiVersion: v1
          kind: Pod
          metadata:
            name: web
            labels: {app: web}
            annotations: {sim.capstan.io/readiness: fail-after=8s}
          spec:
            containers:
            - name: main
              image: nginx:1.27
              readinessProbe: {httpGet: {path: /ready, port: 80}, periodSeconds: 1, failureThreshold: 1}
          """);
      await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() ->
          ok(kubectl, "apply", "-f", manifest.toString()));
      String ip = await().atMost(Duration.ofSeconds(30)).until(() -> kubectl.run("get", "pod", "web", "-o",
          "jsonpath={.status.podIP}").out().trim(), v -> !v.isEmpty());
      await().atMost(Duration.ofSeconds(30)).until(() -> kubectl.run("get", "endpoints", "web", "-o",
          "jsonpath={.subsets[*].addresses[*].ip}").out().trim(), ip::equals);
      await().atMost(Duration.ofSeconds(40)).until(() -> kubectl.run("get", "endpoints", "web", "-o",
          "jsonpath={.subsets[*].notReadyAddresses[*].ip}").out().trim(), ip::equals);
      assertThat(kubectl.run("get", "endpoints", "web", "-o", "jsonpath={.subsets[*].addresses[*].ip}").out().trim()).isEmpty();
      assertThat(kubectl.run("get", "pod", "web", "-o", "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}")
          .out().trim()).isEqualTo("False");
      assertThat(kubectl.run("get", "pod", "web", "-o", "jsonpath={.status.containerStatuses[0].restartCount}")
          .out().trim()).isEqualTo("0");
      assertThat(phase(kubectl, "web")).isEqualTo("Running");
    }
  }
}
