package io.capstan.plugins.proxy.iptables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.capstan.spi.proxy.EndpointInfo;
import io.capstan.spi.proxy.ProxyState;
import io.capstan.spi.proxy.ServiceType;
import io.capstan.spi.proxy.SessionAffinity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The iptables proxy applying its rules for real, inside a network namespace this test creates and
 * deletes (the host's firewall is never touched): the ruleset is accepted by iptables-restore, and
 * HTTP to the ClusterIP reaches both backends, or one backend only under ClientIP affinity. Runs
 * as root with iptables and iproute2 installed (CI), and is skipped with a message elsewhere.
 */
class IptablesNetnsIT {

  @TempDir Path dir;
  final String ns = "capstan-ipt-" + UUID.randomUUID().toString().substring(0, 8);
  final List<Process> backends = new ArrayList<>();

  @BeforeEach
  void createNamespace() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root to create a network namespace");
    assumeTrue(exit("ip", "netns", "add", ns) == 0, "cannot create network namespaces here (ip netns add failed)");
    assumeTrue(exit("ip", "netns", "exec", ns, "iptables-restore", "--version") == 0, "iptables is not installed");
    run("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
    run("ip", "netns", "exec", ns, "ip", "addr", "add", "10.244.1.2/32", "dev", "lo");
    run("ip", "netns", "exec", ns, "ip", "addr", "add", "10.244.1.3/32", "dev", "lo");
    run("ip", "netns", "exec", ns, "ip", "link", "add", "kpnode0", "type", "veth", "peer", "name", "kpnode1");
    run("ip", "netns", "exec", ns, "ip", "addr", "add", "192.168.77.1/24", "dev", "kpnode0");
    run("ip", "netns", "exec", ns, "ip", "link", "set", "kpnode0", "up");
    run("ip", "netns", "exec", ns, "ip", "link", "set", "kpnode1", "up");
    // a locally generated packet needs a route before nat OUTPUT can DNAT it (network reference §1.6)
    run("ip", "netns", "exec", ns, "ip", "route", "add", "10.96.0.0/12", "via", "192.168.77.2", "dev", "kpnode0");
  }

  @AfterEach
  void deleteNamespace() throws Exception {
    backends.forEach(p -> p.descendants().forEach(ProcessHandle::destroyForcibly));
    backends.forEach(Process::destroyForcibly);
    exit("ip", "netns", "del", ns);
  }

  private IptablesProxy proxy() {
    return new IptablesProxy(new IptablesProxyConfig("10.244.0.0/16", null, "always", dir.resolve("rules").toString(),
        "ip netns exec " + ns + " iptables-restore", "ip netns exec " + ns + " iptables"), true);
  }

  private ProxyState demo(SessionAffinity affinity) {
    return IptablesRulesetTest.state(IptablesRulesetTest.demo(ServiceType.NODE_PORT, 30080, affinity),
        EndpointInfo.ready("10.244.1.2", 8080, "node-1"), EndpointInfo.ready("10.244.1.3", 8080, "node-1"));
  }

  @Test
  void trafficToTheClusterIpIsSpreadOverBothEndpoints() throws Exception {
    IptablesProxy proxy = backendsAndProxySyncedTo(demo(SessionAffinity.NONE));
    assertThat(output("ip", "netns", "exec", ns, "iptables-save", "-t", "nat")).contains("KUBE-SVC-CTBMGJDNUDRWEDVR")
        .contains("-A OUTPUT -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES");
    Map<String, Long> answers = fetch("http://10.96.100.10/", 40);
    assertThat(answers.keySet()).containsExactlyInAnyOrder("10.244.1.2:8080", "10.244.1.3:8080");
    assertThat(Files.readString(dir.resolve("rules"))).contains("KUBE-SEP-WNRCNPEFMEQG3ZU3");
  }

  @Test
  void clientIpAffinityPinsOneClientToOneEndpointAndChangesApplyAtomically() throws Exception {
    IptablesProxy proxy = backendsAndProxySyncedTo(demo(SessionAffinity.CLIENT_IP));
    assertThat(fetch("http://10.96.100.10/", 20)).hasSize(1);
    // one endpoint left: the whole ruleset is replaced in one restore, traffic follows
    proxy.sync(IptablesRulesetTest.state(IptablesRulesetTest.demo(ServiceType.CLUSTER_IP, 0, SessionAffinity.NONE),
        EndpointInfo.ready("10.244.1.3", 8080, "node-1")));
    assertThat(fetch("http://10.96.100.10/", 10).keySet()).containsExactly("10.244.1.3:8080");
    // that second sync was a partial restore (KEP-3453): the kernel holds exactly the chains of the
    // full ruleset, the NodePort's KUBE-EXT chain and the gone endpoint's KUBE-SEP chain deleted
    String nat = Files.readString(dir.resolve("rules")).split("\\*nat\n")[1];
    java.util.Set<String> deleted = nat.lines().filter(l -> l.startsWith("-X ")).map(l -> l.substring(3))
        .collect(Collectors.toSet());
    java.util.Set<String> rendered = nat.lines().filter(l -> l.startsWith(":")).map(l -> l.substring(1, l.indexOf(' ')))
        .filter(c -> !deleted.contains(c)).collect(Collectors.toSet());
    java.util.Set<String> inKernel = output("ip", "netns", "exec", ns, "iptables-save", "-t", "nat").lines()
        .filter(l -> l.startsWith(":KUBE-")).map(l -> l.substring(1, l.indexOf(' '))).collect(Collectors.toSet());
    assertThat(deleted).contains("KUBE-EXT-CTBMGJDNUDRWEDVR", "KUBE-SEP-WNRCNPEFMEQG3ZU3");
    assertThat(inKernel).isEqualTo(rendered);
  }

  @Test
  void aRestartedProxyReusesTheChainsInPlaceDeletesLeftoversAndLeavesWhatKubeProxysOrderLeaves() throws Exception {
    IptablesProxy first = backendsAndProxySyncedTo(demo(SessionAffinity.NONE));
    // a restart: a new proxy instance, and meanwhile the Service lost an endpoint and its node port
    IptablesProxy second = proxy();
    second.start();
    second.sync(IptablesRulesetTest.state(IptablesRulesetTest.demo(ServiceType.CLUSTER_IP, 0, SessionAffinity.NONE),
        EndpointInfo.ready("10.244.1.3", 8080, "node-1")));
    assertThat(fetch("http://10.96.100.10/", 10).keySet()).containsExactly("10.244.1.3:8080");
    String save = output("ip", "netns", "exec", ns, "iptables-save");
    // the jumps from the built-in chains were found in place, not inserted a second time
    for (List<String> jump : IptablesProxy.JUMPS) {
      String chain = jump.get(2);
      String target = jump.get(jump.size() - 1);
      String table = save.split("\\*" + jump.get(1) + "\n")[1].split("COMMIT\n")[0];
      assertThat(table.lines().filter(l -> l.startsWith("-A " + chain + " ") && l.endsWith("-j " + target)).count())
          .as(String.join(" ", jump)).isEqualTo(1);
    }
    // the chains the first run left and the second does not render (the node port's KUBE-EXT, the
    // gone endpoint's KUBE-SEP) were found by listing and deleted
    assertThat(save).doesNotContain("KUBE-EXT-CTBMGJDNUDRWEDVR").doesNotContain("KUBE-SEP-WNRCNPEFMEQG3ZU3");
    // the kernel holds what the rendered text in kube-proxy's order leaves when restored into empty tables
    for (String table : List.of("nat", "filter")) {
      run("ip", "netns", "exec", ns, "iptables", "-t", table, "-F");
      run("ip", "netns", "exec", ns, "iptables", "-t", table, "-X");
    }
    Process restore = new ProcessBuilder("ip", "netns", "exec", ns, "iptables-restore", "--noflush")
        .redirectInput(dir.resolve("rules").toFile()).redirectErrorStream(true).start();
    assertThat(restore.waitFor(60, TimeUnit.SECONDS) && restore.exitValue() == 0).isTrue();
    assertThat(kubeLines(output("ip", "netns", "exec", ns, "iptables-save"))).isEqualTo(kubeLines(save))
        .anyMatch(l -> l.contains("DNAT --to-destination 10.244.1.3:8080"));
  }

  @Test
  void inLargeClusterModeTheEndpointChainsEnteredWithGotoStillSpreadAndPinTraffic() throws Exception {
    IptablesProxy proxy = backendsAndProxySyncedTo(large(SessionAffinity.NONE, "node-1"));
    String nat = output("ip", "netns", "exec", ns, "iptables-save", "-t", "nat");
    assertThat(nat).contains("-g KUBE-SEP-").doesNotContain("-j KUBE-SEP-");
    assertThat(fetch("http://10.96.100.10/", 40).keySet()).containsExactlyInAnyOrder("10.244.1.2:8080", "10.244.1.3:8080");
    proxy.sync(large(SessionAffinity.CLIENT_IP, "node-1"));
    assertThat(fetch("http://10.96.100.10/", 20)).hasSize(1);
  }

  @Test
  void inLargeClusterModeEndpointsOnOtherNodesAreDnatedFromTheServiceChain() throws Exception {
    IptablesProxy proxy = backendsAndProxySyncedTo(large(SessionAffinity.NONE, "node-1"));
    proxy.sync(large(SessionAffinity.NONE, "node-2"));
    String nat = output("ip", "netns", "exec", ns, "iptables-save", "-t", "nat");
    String svc = ChainNames.service(IptablesRulesetTest.DEMO, "TCP");
    // the demo's endpoint chains (and the filler's, all on node-2) are gone; the service chain DNATs
    assertThat(nat).doesNotContain("KUBE-SEP-").contains("-A " + svc + " -p tcp -m statistic --mode random "
        + "--probability 0.50000000000 -m tcp -j DNAT --to-destination 10.244.1.2:8080");
    assertThat(fetch("http://10.96.100.10/", 40).keySet()).containsExactlyInAnyOrder("10.244.1.2:8080", "10.244.1.3:8080");
    // ClientIP affinity brings the chains back: its recent lists are named after them
    proxy.sync(large(SessionAffinity.CLIENT_IP, "node-2"));
    assertThat(output("ip", "netns", "exec", ns, "iptables-save", "-t", "nat")).contains("-j DNAT").contains(":KUBE-SEP-");
    assertThat(fetch("http://10.96.100.10/", 20)).hasSize(1);
  }

  /** The two demo backends running, and a started proxy synced to {@code state}. */
  private IptablesProxy backendsAndProxySyncedTo(ProxyState state) throws Exception {
    startBackend("10.244.1.2");
    startBackend("10.244.1.3");
    IptablesProxy proxy = proxy();
    proxy.start();
    proxy.sync(state);
    return proxy;
  }

  /**
   * The demo Service with the two backends on {@code demoNode} (the proxy runs on node-1) plus 100
   * Services x 10 endpoints on node-2: past kube-proxy's 1,000.
   */
  private static ProxyState large(SessionAffinity affinity, String demoNode) {
    Map<io.capstan.spi.proxy.ServicePortName, io.capstan.spi.proxy.ServiceInfo> services = new java.util.HashMap<>();
    Map<io.capstan.spi.proxy.ServicePortName, List<EndpointInfo>> endpoints = new java.util.HashMap<>();
    io.capstan.spi.proxy.ServiceInfo demo = IptablesRulesetTest.demo(ServiceType.CLUSTER_IP, 0, affinity);
    services.put(demo.name(), demo);
    endpoints.put(demo.name(), List.of(EndpointInfo.ready("10.244.1.2", 8080, demoNode),
        EndpointInfo.ready("10.244.1.3", 8080, demoNode)));
    for (int i = 0; i < 100; i++) {
      var name = new io.capstan.spi.proxy.ServicePortName("filler", "svc-" + i, "http");
      services.put(name, io.capstan.spi.proxy.ServiceInfo.clusterIp(name, "10.96.7." + (i + 1), 80));
      List<EndpointInfo> list = new ArrayList<>();
      for (int e = 0; e < 10; e++) {
        list.add(EndpointInfo.ready("10.244.50." + (i * 10 + e) % 250, 8080 + e, "node-2"));
      }
      endpoints.put(name, list);
    }
    return new ProxyState(services, endpoints, "node-1");
  }

  /** The declarations and rules of the KUBE- chains, in iptables-save's order. */
  private static List<String> kubeLines(String save) {
    return save.lines().filter(l -> l.startsWith(":KUBE-") || l.startsWith("-A KUBE-") || l.startsWith("*")).toList();
  }

  private void startBackend(String ip) throws IOException {
    Process process = new ProcessBuilder(javaIn(ns, "serve", ip, "8080")).redirectErrorStream(true).start();
    backends.add(process);
    String first = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
    assertThat(first).as("backend on " + ip).isEqualTo("ready");
  }

  private Map<String, Long> fetch(String url, int times) throws Exception {
    String out = output(javaIn(ns, "fetch", url, Integer.toString(times)).toArray(String[]::new));
    List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
    assertThat(lines).as(out).hasSize(times).noneMatch(l -> l.startsWith("error"));
    return lines.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }

  private static List<String> javaIn(String ns, String... args) {
    List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns,
        ProcessHandle.current().info().command().orElse("java"), "-Dhttp.keepAlive=false", "-cp",
        System.getProperty("java.class.path"),
        NetnsTools.class.getName()));
    command.addAll(List.of(args));
    return command;
  }

  private static int exit(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
  }

  private static void run(String... command) throws Exception {
    assertThat(exit(command)).as(String.join(" ", command)).isZero();
  }

  private static String output(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(60, TimeUnit.SECONDS);
    return out;
  }
}
