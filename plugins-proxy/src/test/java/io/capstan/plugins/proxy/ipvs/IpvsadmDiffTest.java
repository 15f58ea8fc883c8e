package io.capstan.plugins.proxy.ipvs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The incremental change set fed to ipvsadm-restore against ipvsadm-save -n output. */
class IpvsadmDiffTest {

  private static final String CURRENT = """
      -A -t 10.96.0.1:443 -s rr
      -a -t 10.96.0.1:443 -r 192.168.1.10:6443 -m -w 1
      -A -t 10.96.0.20:80 -s rr
      -a -t 10.96.0.20:80 -r 10.244.0.5:8080 -m -w 1
      -a -t 10.96.0.20:80 -r 10.244.1.6:8080 -m -w 1
      -A -u 10.96.0.10:53 -s rr
      -a -u 10.96.0.10:53 -r 10.244.0.2:53 -m -w 1
      """;

  @Test
  void anUnchangedTableNeedsNoCommands() {
    assertThat(IpvsadmDiff.diff(CURRENT, CURRENT)).isEmpty();
  }

  @Test
  void onlyWhatDiffersIsChanged() {
    String desired = """
        -A -t 10.96.0.1:443 -s rr
        -a -t 10.96.0.1:443 -r 192.168.1.10:6443 -m -w 1
        -A -t 10.96.0.20:80 -s rr -p 10800
        -a -t 10.96.0.20:80 -r 10.244.0.5:8080 -m -w 1
        -a -t 10.96.0.20:80 -r 10.244.2.7:8080 -m -w 1
        -A -t 10.96.0.30:80 -s rr
        -a -t 10.96.0.30:80 -r 10.244.0.9:80 -m -w 1
        """;
    assertThat(IpvsadmDiff.diff(CURRENT, desired)).isEqualTo("""
        -d -t 10.96.0.20:80 -r 10.244.1.6:8080
        -d -u 10.96.0.10:53 -r 10.244.0.2:53
        -D -u 10.96.0.10:53
        -E -t 10.96.0.20:80 -s rr -p 10800
        -a -t 10.96.0.20:80 -r 10.244.2.7:8080 -m -w 1
        -A -t 10.96.0.30:80 -s rr
        -a -t 10.96.0.30:80 -r 10.244.0.9:80 -m -w 1
        """);
  }
}
