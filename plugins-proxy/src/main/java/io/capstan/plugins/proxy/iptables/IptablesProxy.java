package io.capstan.plugins.proxy.iptables;

import static java.util.Objects.requireNonNull;

import io.capstan.spi.proxy.ProxyState;
import io.capstan.spi.proxy.ServiceProxy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kube-proxy's iptables mode: every sync renders the whole ruleset, writes it to the rules file
 * and, when it may, applies it in one {@code iptables-restore --noflush} transaction (so a failed
 * apply leaves the previous rules in force). Without root or without the binary it runs in dry-run
 * mode and only writes the file, which says so in its log line. An unchanged ruleset is not
 * re-applied.
 *
 * <p>Incremental sync (kube-proxy's KEP-3453): after a successful full apply, a sync applies the
 * renderer's partial input — only the chains of service ports that changed, plus KUBE-SERVICES,
 * KUBE-NODEPORTS and the filter table whole. The first apply, the one after a failure, and the
 * first sync that finds the state unchanged after partial applies (the host's periodic resync)
 * apply the full ruleset, which repairs anything changed behind our back.
 *
 * <p>What is applied is {@link ApplyInput}'s arrangement of the rendered rules (the same rules,
 * ordered for iptables-restore's cost, chains the kernel holds emptied with {@code -F}). Which
 * chains the kernel holds is known from the previous successful apply; before the first apply and
 * after a failed one it is listed with iptables-save, which also shows which jumps from the
 * built-in chains are missing (they are inserted in the same restore) and which service chains an
 * earlier run left behind (deleted).
 */
final class IptablesProxy implements ServiceProxy {

  private static final Logger log = LoggerFactory.getLogger(IptablesProxy.class);

  /** The jumps from the built-in chains into kube-proxy's, installed once (not part of the restore input). */
  static final List<List<String>> JUMPS = List.of(
      List.of("-t", "nat", "PREROUTING", "-m", "comment", "--comment", "kubernetes service portals", "-j", "KUBE-SERVICES"),
      List.of("-t", "nat", "OUTPUT", "-m", "comment", "--comment", "kubernetes service portals", "-j", "KUBE-SERVICES"),
      List.of("-t", "nat", "POSTROUTING", "-m", "comment", "--comment", "kubernetes postrouting rules", "-j", "KUBE-POSTROUTING"),
      List.of("-t", "filter", "FORWARD", "-m", "comment", "--comment", "kubernetes forwarding rules", "-j", "KUBE-FORWARD"),
      List.of("-t", "filter", "OUTPUT", "-m", "conntrack", "--ctstate", "NEW", "-m", "comment", "--comment",
          "kubernetes service portals", "-j", "KUBE-SERVICES"),
      List.of("-t", "filter", "INPUT", "-m", "comment", "--comment", "kubernetes externally-visible service portals",
          "-j", "KUBE-EXTERNAL-SERVICES"));

  private final IptablesProxyConfig config;
  private final Path rulesFile;
  private final boolean applying;
  private final IptablesRuleset ruleset;
  /** Whether the previous sync wrote (and applied) its render completely. */
  private boolean synced;
  private boolean jumpsInstalled;
  /** The service chains the kernel's nat table holds; null when unknown (listed before the next apply). */
  private java.util.Set<String> kernelChains;
  /** Whether the kernel holds what the renderer rendered last, so a partial input is enough. */
  private boolean kernelInStep;
  private boolean lastApplyPartial;

  IptablesProxy(IptablesProxyConfig config, boolean applying) {
    this.config = requireNonNull(config, "config");
    this.rulesFile = Path.of(config.rulesFile());
    this.applying = applying;
    this.ruleset = new IptablesRuleset(config);
  }

  /** Whether {@code auto} may apply here: running as root with the restore binary on the PATH. */
  static boolean canApply(IptablesProxyConfig config) {
    boolean root = "root".equals(System.getProperty("user.name"));
    boolean present = System.getenv().getOrDefault("PATH", "/usr/sbin:/sbin").isEmpty() ? false
        : java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
            .anyMatch(dir -> Files.isExecutable(Path.of(dir, words(config.restoreCommand()).get(0))))
            || Files.isExecutable(Path.of(words(config.restoreCommand()).get(0)));
    return root && present;
  }

  boolean applying() {
    return applying;
  }

  @Override
  public void start() {
    log.info("iptables proxy: {} (rules file {})", applying ? "applying rules with " + config.restoreCommand()
        : "dry run, rules are only written", rulesFile.toAbsolutePath());
  }

  @Override
  public void sync(ProxyState state) throws Exception {
    IptablesRuleset.Rendered rendered = ruleset.render(state);
    // the previous sync completed and rendered the same rules: nothing to write (the text would
    // differ only by the previous render's deletions, already done)
    boolean unchanged = synced && rendered.unchanged();
    synced = false;
    if (unchanged) {
      if (applying && lastApplyPartial) {
        apply(rendered, false); // the periodic resync after partial applies: the full ruleset once
        lastApplyPartial = false;
      }
      synced = true;
      return;
    }
    write(rendered.full());
    if (applying) {
      boolean partial = kernelInStep;
      kernelInStep = false;
      apply(rendered, partial);
      kernelInStep = true;
      lastApplyPartial = partial;
      log.debug("iptables proxy: applied {} ({} of {} service ports changed)", partial ? "partially" : "fully",
          rendered.changedServicePorts(), state.services().size());
    }
    synced = true;
  }

  /** One restore of {@link ApplyInput}'s arrangement; on failure the kernel's chains are listed again next time. */
  private void apply(IptablesRuleset.Rendered rendered, boolean partial) throws IOException, InterruptedException {
    List<String> leftovers = List.of();
    List<String> filterJumps = new ArrayList<>();
    List<String> natJumps = new ArrayList<>();
    boolean listed = false;
    if (kernelChains == null) {
      KernelTables kernel = list();
      if (kernel != null) {
        listed = true;
        kernelChains = kernel.serviceChains();
        java.util.Set<String> own = rendered.ownChains();
        java.util.Set<String> deleted = new java.util.HashSet<>(rendered.deleted());
        leftovers = kernelChains.stream().filter(c -> !own.contains(c) && !deleted.contains(c)).sorted().toList();
        for (List<String> jump : JUMPS) {
          if (!kernel.hasJump(jump)) {
            (jump.get(1).equals("nat") ? natJumps : filterJumps).add(KernelTables.insertLine(jump));
          }
        }
      } else {
        kernelChains = new java.util.HashSet<>(); // not listed: declare every chain, ensure the jumps afterwards
      }
    }
    java.util.Set<String> existing = kernelChains;
    kernelChains = null; // unknown until the restore succeeds
    restore(ApplyInput.of(rendered, partial, existing, leftovers, filterJumps, natJumps));
    if (partial) {
      rendered.deleted().forEach(existing::remove);
      for (int i = 0; i < rendered.rules().length; i++) {
        if (rendered.fresh()[i]) {
          existing.addAll(rendered.rules()[i].chainNames());
        }
      }
      kernelChains = existing;
    } else {
      kernelChains = rendered.ownChains();
    }
    if (listed) {
      jumpsInstalled = true;
    } else if (!jumpsInstalled) {
      for (List<String> jump : JUMPS) {
        ensureJump(jump);
      }
      jumpsInstalled = true;
    }
  }

  /** What iptables-save lists, or null (logged) when it cannot be run. */
  private KernelTables list() throws InterruptedException {
    try {
      Process process = new ProcessBuilder(words(config.saveCommand())).redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      process.getOutputStream().close();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("did not finish in 30 s");
      }
      if (process.exitValue() != 0) {
        throw new IOException("exit code " + process.exitValue());
      }
      return KernelTables.parse(out);
    } catch (IOException e) {
      log.warn("iptables proxy: cannot list the kernel's rules with {} ({}); declaring every chain instead",
          config.saveCommand(), e.getMessage());
      return null;
    }
  }

  private void restore(String input) throws IOException, InterruptedException {
    List<String> restore = new ArrayList<>(words(config.restoreCommand()));
    restore.add("--noflush");
    run(restore, input);
  }

  private void write(String rules) throws IOException {
    Path parent = rulesFile.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path temp = Files.createTempFile(parent, ".iptables", ".tmp");
    Files.writeString(temp, rules, StandardCharsets.UTF_8);
    Files.move(temp, rulesFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** {@code iptables -C} (check) and, when absent, {@code -I} (insert first), as kube-proxy's EnsureRule. */
  private void ensureJump(List<String> jump) throws IOException, InterruptedException {
    List<String> check = new ArrayList<>(words(config.iptablesCommand()));
    check.addAll(List.of(jump.get(0), jump.get(1), "-C", jump.get(2)));
    check.addAll(jump.subList(3, jump.size()));
    if (exitCode(check, "") != 0) {
      List<String> insert = new ArrayList<>(words(config.iptablesCommand()));
      insert.addAll(List.of(jump.get(0), jump.get(1), "-I", jump.get(2)));
      insert.addAll(jump.subList(3, jump.size()));
      run(insert, "");
    }
  }

  /** A configured command, which may carry a prefix such as {@code ip netns exec NS iptables-restore}. */
  private static List<String> words(String command) {
    return List.of(command.trim().split("\\s+"));
  }

  private static void run(List<String> command, String input) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException(String.join(" ", command) + " did not finish in 30 s");
    }
    if (process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed with exit code " + process.exitValue() + ": " + output);
    }
  }

  private static int exitCode(List<String> command, String input) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    process.getInputStream().readAllBytes();
    return process.waitFor();
  }

  @Override
  public void close() {
    // like kube-proxy, leave the rules in place: traffic keeps flowing while the proxy restarts
  }
}
