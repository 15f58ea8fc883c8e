package io.capstan.runtime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.inject.Module;
import io.capstan.runtime.CapstanException;
import io.capstan.runtime.components.ComponentModules;
import io.capstan.runtime.kernel.Kernel;
import io.capstan.runtime.kernel.KernelPlan;
import io.capstan.runtime.node.NodeHost;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code capstan node}: one node agent against a remote API server, the way a kubelet joins a
 * cluster: it registers the node, heartbeats through its Lease and runs the pods bound to it with
 * the configured container runtime ({@code node.runtime}).
 */
@Command(name = "node", mixinStandardHelpOptions = true,
    description = {"Run one node agent against a remote API server, the way a kubelet joins a cluster."})
public final class NodeCommand implements Callable<Integer> {

  @ParentCommand CapstanCommand parent;
  @Spec CommandSpec spec;

  @Option(names = "--kubeconfig", required = true, paramLabel = "FILE", description = "Kubeconfig of the API server to join")
  Path kubeconfig;

  @Option(names = "--name", required = true, paramLabel = "NAME", description = "The node's name")
  String name;

  @Option(names = "--index", defaultValue = "200", paramLabel = "N",
      description = "Which /24 of node.clusterCidr the node's pods get (default: ${DEFAULT-VALUE}; distinct per node)")
  int index;

  @Option(names = "--data", paramLabel = "DIR", description = "Data folder (runtime.dataDir, default ./data); the process runtime's files go to DIR/process")
  String data;

  @Override
  public Integer call() throws InterruptedException {
    if (!name.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?")) {
      throw new CapstanException("--name " + name + " is not a valid node name (lower-case letters, digits, '-' and '.')");
    }
    Server server = server(kubeconfig);
    Map<String, String> flags = new LinkedHashMap<>();
    flags.put("components", "node-agent");
    // the kubeconfig itself, so the client gets its CA and client certificate or token for HTTPS
    flags.put("client.kubeconfig", kubeconfig.toAbsolutePath().toString());
    flags.put("node.names", name);
    flags.put("node.firstIndex", Integer.toString(index));
    if (data != null) {
      flags.put("runtime.dataDir", data);
    }
    KernelPlan plan = KernelPlan.resolve(parent.global.inputs(flags));
    Map<String, String> withData = io.capstan.runtime.node.NodeDataDirs.withRuntimeDataDirs(plan, flags);
    if (!withData.equals(flags)) {
      plan = KernelPlan.resolve(parent.global.inputs(withData)); // process runtime files under the data folder
    }
    PrintWriter out = spec.commandLine().getOut();
    Kernel kernel = Kernel.create(plan, ComponentModules.of(plan).toArray(new Module[0]));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      kernel.close();
      stopped.countDown();
    }, "capstan-node-shutdown"));
    kernel.start();
    NodeHost host = kernel.injector().getInstance(NodeHost.class);
    out.println("capstan node " + name + " joined " + server.url() + " (" + host.agents().size()
        + " node agent, runtime " + plan.config().string("node.runtime") + "; Ctrl-C or SIGTERM to stop)");
    out.flush();
    UpCommand.markServing();
    stopped.await();
    return 0;
  }

  /** The API server's URL and token from a kubeconfig's current context. */
  record Server(String url, String token) {}

  static Server server(Path file) {
    JsonNode config;
    try {
      config = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    } catch (IOException e) {
      throw new CapstanException("cannot read kubeconfig " + file + ": " + e.getMessage());
    }
    if (config == null || !config.isObject()) {
      throw new CapstanException("kubeconfig " + file + " is empty or not a YAML map");
    }
    String current = config.path("current-context").asText("");
    JsonNode context = named(config.path("contexts"), current).path("context");
    if (context.isMissingNode()) {
      context = config.path("contexts").path(0).path("context");
    }
    JsonNode cluster = named(config.path("clusters"), context.path("cluster").asText("")).path("cluster");
    String url = cluster.path("server").asText("");
    if (url.isEmpty()) {
      throw new CapstanException("kubeconfig " + file + " names no server for context '" + current + "'");
    }
    String token = named(config.path("users"), context.path("user").asText("")).path("user").path("token").asText("");
    return new Server(url, token);
  }

  private static JsonNode named(JsonNode list, String name) {
    for (JsonNode item : list) {
      if (name.equals(item.path("name").asText())) {
        return item;
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }
}
