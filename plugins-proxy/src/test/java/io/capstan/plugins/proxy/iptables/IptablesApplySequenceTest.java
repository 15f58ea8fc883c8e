package io.capstan.plugins.proxy.iptables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which input each sync hands to iptables-restore, with scripts standing in for iptables-restore
 * (it records its input, or fails when told to) and iptables-save (it prints a given listing): the
 * first apply lists the kernel's tables, declares what is missing and inserts the missing jumps;
 * a change is applied partially; the sync after that which finds nothing changed applies every
 * chain again, emptying them with -F; a failed apply is followed by a new listing and a full apply.
 */
class IptablesApplySequenceTest {

  @TempDir Path dir;
  Path inputs;
  Path listing;
  Path failNext;

  @BeforeEach
  void scripts() throws IOException {
    inputs = Files.createDirectories(dir.resolve("inputs"));
    listing = dir.resolve("listing");
    failNext = dir.resolve("fail-next");
    Files.writeString(listing, KernelTablesTest.SAVE);
    script("restore", "if [ -e " + failNext + " ]; then rm " + failNext + "; echo 'iptables-restore: line 3 failed' >&2;"
        + " exit 1; fi\ncat > " + inputs + "/$(date +%s%N)\n");
    script("save", "cat " + listing + "\n");
    script("iptables", "echo \"iptables must not be called: $*\" >&2\nexit 2\n");
  }

  private void script(String name, String body) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + body);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
  }

  private IptablesProxy proxy() {
    return new IptablesProxy(new IptablesProxyConfig(null, null, "always", dir.resolve("rules").toString(),
        dir.resolve("restore").toString(), dir.resolve("iptables").toString(), dir.resolve("save").toString(), null), true);
  }

  /** The inputs iptables-restore received, oldest first; the directory is emptied. */
  private List<String> taken() throws IOException {
    try (Stream<Path> files = Files.list(inputs)) {
      List<Path> sorted = files.sorted().toList();
      List<String> out = new java.util.ArrayList<>();
      for (Path p : sorted) {
        out.add(Files.readString(p));
        Files.delete(p);
      }
      return out;
    }
  }

  @Test
  void firstPartialResyncAndRecoveryInputs() throws Exception {
    IptablesProxy proxy = proxy();
    String svc0 = ChainNames.service(IncrementalRulesetTest.name(0), "TCP");
    String svc1 = ChainNames.service(IncrementalRulesetTest.name(1), "TCP");
    proxy.sync(IncrementalRulesetTest.state(new int[] {2, 2}, new int[2]));
    List<String> first = taken();
    assertThat(first).hasSize(1);
    // listed: the leftover chains of the listing are deleted, missing jumps inserted, present ones not
    assertThat(first.get(0)).contains(":" + svc0 + " - [0:0]\n", "-X KUBE-SVC-CTBMGJDNUDRWEDVR\n",
            "-X KUBE-SEP-WNRCNPEFMEQG3ZU3\n", "-I OUTPUT 1 -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES\n")
        .doesNotContain("-I PREROUTING").doesNotContain("-I FORWARD").doesNotContain("-F KUBE-");

    proxy.sync(IncrementalRulesetTest.state(new int[] {2, 2}, new int[] {0, 1}));
    String partial = taken().get(0);
    assertThat(partial).contains("-F " + svc1 + "\n").doesNotContain("-A " + svc0 + " ").doesNotContain("-I ");

    proxy.sync(IncrementalRulesetTest.state(new int[] {2, 2}, new int[] {0, 1}));
    String resync = taken().get(0);
    assertThat(resync).contains("-F " + svc0 + "\n", "-A " + svc0 + " ").doesNotContain(":" + svc0 + " ");
    proxy.sync(IncrementalRulesetTest.state(new int[] {2, 2}, new int[] {0, 1}));
    assertThat(taken()).isEmpty();

    Files.writeString(failNext, "");
    assertThatThrownBy(() -> proxy.sync(IncrementalRulesetTest.state(new int[] {2, -1}, new int[] {0, 1})))
        .hasMessageContaining("line 3 failed");
    // after the failure the kernel is listed again (the listing knows none of these chains) and all is applied
    proxy.sync(IncrementalRulesetTest.state(new int[] {2, -1}, new int[] {0, 1}));
    String recovery = taken().get(0);
    assertThat(recovery).contains(":" + svc0 + " - [0:0]\n", "-A " + svc0 + " ").doesNotContain("-F " + svc0);
  }
}
