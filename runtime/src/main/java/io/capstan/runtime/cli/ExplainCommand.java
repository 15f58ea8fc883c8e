package io.capstan.runtime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.capstan.runtime.client.http.HttpApiClient;
import io.capstan.runtime.config.LayeredConfig;
import io.capstan.runtime.kernel.KernelPlan;
import io.capstan.runtime.scheduler.explain.ExplainAnnotations;
import io.capstan.spi.api.KindRegistry;
import io.capstan.spi.client.ApiClient;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code capstan explain pod NAME -n NS}: why the scheduler put a pod where it is, or why it is
 * pending, from the {@code capstan.io/*} annotations the scheduler wrote: a table of filter verdicts
 * per node and plugin, and one of raw and weighted scores with the total.
 */
@Command(name = "explain", mixinStandardHelpOptions = true, description = "Explain scheduling decisions",
    subcommands = ExplainCommand.PodCommand.class)
public final class ExplainCommand implements Runnable {

  @ParentCommand CapstanCommand parent;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code capstan explain pod}. */
  @Command(name = "pod", mixinStandardHelpOptions = true,
      description = "Print the filter verdicts and scores the scheduler recorded for a pod")
  static final class PodCommand implements Callable<Integer> {

    @ParentCommand ExplainCommand explain;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The pod's name")
    String name;

    @Option(names = {"-n", "--namespace"}, defaultValue = "default", description = "Namespace (default: ${DEFAULT-VALUE})")
    String namespace;

    @Option(names = "--server", paramLabel = "URL", description = "API server (default: $KUBECONFIG's, else client.server)")
    String server;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      URI uri = URI.create(server != null ? server : kubeconfigServer().orElseGet(this::configuredServer));
      ApiClient client = new HttpApiClient(uri, Optional.empty(), KindRegistry.builtIn());
      Optional<Pod> found = client.resources(Pod.class).get(namespace, name);
      if (found.isEmpty()) {
        err.println("capstan explain: pod " + namespace + "/" + name + " not found at " + uri);
        return 1;
      }
      print(found.get(), out);
      out.flush();
      return 0;
    }

    private String configuredServer() {
      LayeredConfig config = KernelPlan.resolve(explain.parent.global.inputs(Map.of())).config();
      return config.string("client.server");
    }

    /** The current context's server of $KUBECONFIG (first file), if set and readable. */
    private static Optional<String> kubeconfigServer() throws IOException {
      String env = System.getenv("KUBECONFIG");
      if (env == null || env.isBlank()) {
        return Optional.empty();
      }
      Path file = Path.of(env.split(java.io.File.pathSeparator)[0]);
      if (!Files.isReadable(file)) {
        return Optional.empty();
      }
      JsonNode kc = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
      String context = kc.path("current-context").asText("");
      String cluster = "";
      for (JsonNode c : kc.path("contexts")) {
        if (c.path("name").asText().equals(context)) {
          cluster = c.path("context").path("cluster").asText();
        }
      }
      for (JsonNode c : kc.path("clusters")) {
        if (c.path("name").asText().equals(cluster) || cluster.isEmpty()) {
          return Optional.of(c.path("cluster").path("server").asText());
        }
      }
      return Optional.empty();
    }
  }

  /** Prints the explanation of one pod. */
  static void print(Pod pod, PrintWriter out) throws IOException {
    Map<String, String> a = pod.getMetadata().getAnnotations() == null ? Map.of() : pod.getMetadata().getAnnotations();
    String key = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    String node = pod.getSpec().getNodeName();
    out.println("Pod " + key + ": " + (node == null || node.isEmpty() ? "pending" : "on node " + node)
        + Optional.ofNullable(a.get(ExplainAnnotations.SELECTED_NODE)).map(n -> " (selected " + n + ")").orElse(""));
    if (pod.getStatus() != null && pod.getStatus().getConditions() != null) {
      for (PodCondition c : pod.getStatus().getConditions()) {
        if ("PodScheduled".equals(c.getType()) && "False".equals(c.getStatus())) {
          out.println("PodScheduled=False " + c.getReason() + ": " + c.getMessage());
        }
      }
    }
    if (!a.containsKey(ExplainAnnotations.FILTER_RESULT)) {
      out.println("No explanation recorded (scheduler.explain is off for its profile, or it was not scheduled yet).");
      return;
    }
    ObjectMapper json = new ObjectMapper();
    JsonNode filter = json.readTree(a.get(ExplainAnnotations.FILTER_RESULT));
    JsonNode score = json.readTree(a.getOrDefault(ExplainAnnotations.SCORE_RESULT, "{}"));
    JsonNode fin = json.readTree(a.getOrDefault(ExplainAnnotations.FINAL_SCORE_RESULT, "{}"));
    out.println();
    out.println("Filter:");
    table(out, filter, (n, p) -> filter.path(n).path(p).asText(""), false);
    if (score.size() > 0) {
      out.println();
      out.println("Score (raw / normalized x weight):");
      table(out, score, (n, p) -> score.path(n).has(p) ? score.path(n).path(p).asText() + " / " + fin.path(n).path(p).asText() : "",
          true, fin);
    }
  }

  private interface Cell {
    String at(String node, String plugin);
  }

  private static void table(PrintWriter out, JsonNode byNode, Cell cell, boolean total) {
    table(out, byNode, cell, total, null);
  }

  private static void table(PrintWriter out, JsonNode byNode, Cell cell, boolean total, JsonNode fin) {
    TreeSet<String> plugins = new TreeSet<>();
    List<String> nodes = new ArrayList<>();
    for (Iterator<String> it = byNode.fieldNames(); it.hasNext(); ) {
      String n = it.next();
      nodes.add(n);
      byNode.path(n).fieldNames().forEachRemaining(plugins::add);
    }
    List<String> header = new ArrayList<>();
    header.add("NODE");
    header.addAll(plugins);
    if (total) {
      header.add("TOTAL");
    }
    List<List<String>> rows = new ArrayList<>();
    for (String n : nodes) {
      List<String> row = new ArrayList<>();
      row.add(n);
      long sum = 0;
      for (String p : plugins) {
        row.add(cell.at(n, p));
        if (fin != null) {
          sum += fin.path(n).path(p).asLong(0);
        }
      }
      if (total) {
        row.add(Long.toString(sum));
      }
      rows.add(row);
    }
    Map<Integer, Integer> widths = new LinkedHashMap<>();
    for (int i = 0; i < header.size(); i++) {
      int w = header.get(i).length();
      for (List<String> r : rows) {
        w = Math.max(w, r.get(i).length());
      }
      widths.put(i, w);
    }
    printRow(out, header, widths);
    rows.forEach(r -> printRow(out, r, widths));
  }

  private static void printRow(PrintWriter out, List<String> cells, Map<Integer, Integer> widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      line.append(String.format("%-" + widths.get(i) + "s", cells.get(i)));
      if (i < cells.size() - 1) {
        line.append("  ");
      }
    }
    out.println(line.toString().stripTrailing());
  }
}
