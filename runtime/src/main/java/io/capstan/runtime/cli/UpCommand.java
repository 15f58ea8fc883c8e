package io.capstan.runtime.cli;

import com.google.inject.Key;
import com.google.inject.Module;
import io.capstan.runtime.apiserver.ApiServer;
import io.capstan.runtime.components.ComponentModules;
import io.capstan.runtime.kernel.Components;
import io.capstan.runtime.kernel.Kernel;
import io.capstan.runtime.kernel.KernelPlan;
import io.capstan.runtime.kernel.SpiFamilies;
import io.capstan.runtime.plugin.DiscoveredPlugin;
import io.capstan.runtime.plugin.SelectionMode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code capstan up}: resolves the configuration, wires the selected plugins, starts the configured
 * components and serves until SIGTERM or Ctrl-C, then stops everything in reverse order.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
    description = {"Start the configured components (default: all) and serve until SIGTERM or Ctrl-C."})
public final class UpCommand implements Callable<Integer> {

  private static volatile boolean serving;

  @ParentCommand CapstanCommand parent;
  @Spec CommandSpec spec;

  @Option(names = "--bind", paramLabel = "ADDRESS", description = "API server address (apiserver.bind, default 127.0.0.1)")
  String bind;

  @Option(names = "--port", paramLabel = "PORT", description = "API server port (apiserver.port, default 6443)")
  Integer port;

  @Option(names = "--data", paramLabel = "DIR", description = "Data folder (runtime.dataDir, default ./data)")
  String data;

  @Option(names = "--nodes", paramLabel = "N", description = "Simulated nodes to start (node.count, default 3)")
  Integer nodes;

  @Option(names = "--components", paramLabel = "LIST", split = ",",
      description = "Components to run, e.g. --components=apiserver,scheduler (default: all)")
  List<String> components;

  /** Another serving command ({@code capstan node}) keeps the JVM alive the same way. */
  static void markServing() {
    serving = true;
  }

  @Option(names = "--dns-port", paramLabel = "PORT",
      description = "Cluster DNS port, UDP and TCP (dns.port, default 5353; 0 picks a free one)")
  Integer dnsPort;

  @Option(names = "--scheduler-config", paramLabel = "FILE",
      description = "A KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1) for the scheduler (scheduler.configFile)")
  String schedulerConfig;

  /** Whether a process is serving; the launcher then lets the shutdown hook end the JVM. */
  static boolean isServing() {
    return serving;
  }

  @Override
  public Integer call() throws InterruptedException {
    KernelPlan plan = KernelPlan.resolve(parent.global.inputs(flags()));
    Map<String, String> withData = io.capstan.runtime.node.NodeDataDirs.withRuntimeDataDirs(plan, flags());
    if (data != null && plan.catalog().find(SpiFamilies.STORE, "rocksdb").isPresent()
        && plan.config().get("store.rocksdb.dataDir").isEmpty()) {
      // The embedded store keeps its files under the data folder too, unless configured apart.
      withData = new LinkedHashMap<>(withData);
      withData.put("store.rocksdb.dataDir", Path.of(data).resolve("store").toString());
    }
    if (!withData.equals(flags())) {
      // the process runtime's files live under the data folder as well (NodeDataDirs)
      plan = KernelPlan.resolve(parent.global.inputs(withData));
    }
    PrintWriter out = spec.commandLine().getOut();
    Kernel kernel = Kernel.create(plan, ComponentModules.of(plan).toArray(new Module[0]));
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      out.println("capstan: stopping");
      out.flush();
      kernel.close();
      out.println("capstan: stopped");
      out.flush();
      stopped.countDown();
    }, "capstan-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    kernel.start();
    plan.warnings().forEach(w -> out.println("note: " + w));
    List<String> notBuilt = new ArrayList<>(plan.components());
    notBuilt.removeAll(Components.BUILT);
    if (!notBuilt.isEmpty()) {
      out.println("note: components not in this build yet: " + String.join(", ", notBuilt));
    }
    out.println("capstan is up: " + summary(plan) + apiServerLine(kernel) + dnsLine(kernel) + " (Ctrl-C or SIGTERM to stop)");
    out.flush();
    serving = true;
    stopped.await();
    return 0;
  }

  private Map<String, String> flags() {
    Map<String, String> flags = new LinkedHashMap<>();
    if (bind != null) {
      flags.put("apiserver.bind", bind);
    }
    if (port != null) {
      flags.put("apiserver.port", String.valueOf(port));
    }
    if (data != null) {
      flags.put("runtime.dataDir", data);
    }
    if (nodes != null) {
      flags.put("node.count", String.valueOf(nodes));
    }
    if (components != null) {
      flags.put("components", String.join(",", components));
    }
    if (dnsPort != null) {
      flags.put("dns.port", String.valueOf(dnsPort));
    }
    if (schedulerConfig != null) {
      flags.put("scheduler.configFile", schedulerConfig);
    }
    return flags;
  }

  private static String apiServerLine(Kernel kernel) {
    if (kernel.injector().getExistingBinding(Key.get(ApiServer.class)) == null) {
      return "";
    }
    ApiServer server = kernel.injector().getInstance(ApiServer.class);
    String line = "; API server at " + server.url() + "; use it with: export KUBECONFIG=" + server.kubeconfig().toAbsolutePath();
    if (server.url().startsWith("http:")) {
      line += " (plain HTTP, apiserver.tls.enabled=false: the kubeconfig carries no credential; give clients a token from"
          + " authentication.token-file.path or list anonymous in apiserver.authentication)";
    }
    return line;
  }

  private static String dnsLine(Kernel kernel) {
    if (kernel.injector().getExistingBinding(Key.get(io.capstan.runtime.dns.DnsHost.class)) == null) {
      return "";
    }
    io.capstan.runtime.dns.DnsHost dns = kernel.injector().getInstance(io.capstan.runtime.dns.DnsHost.class);
    return dns.addresses().stream().findFirst()
        .map(a -> "; cluster DNS at " + a.getAddress().getHostAddress() + ":" + a.getPort() + " (dig @"
            + a.getAddress().getHostAddress() + " -p " + a.getPort() + " kubernetes.default.svc." + dns.settings().zone() + ")")
        .orElse("");
  }

  private static String summary(KernelPlan plan) {
    String selected = plan.catalog().families().stream()
        .filter(f -> !plan.selection().selected(f).isEmpty())
        .filter(f -> f.mode() != SelectionMode.ALL && f.mode() != SelectionMode.REGISTRY)
        .map(f -> f.id() + "=" + plan.selection().selected(f).stream().map(DiscoveredPlugin::name).collect(Collectors.joining(",")))
        .collect(Collectors.joining(" "));
    return "components [" + String.join(", ", Components.BUILT.stream().filter(plan.components()::contains).toList()) + "] plugins " + selected;
  }
}
