package io.capstan.plugins.proxy.ipvs;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Whether this node can program IPVS, and if not, why, in words an operator can act on.
 *
 * @param available true when virtual servers can be programmed
 * @param reason why not; {@code ""} when available
 */
public record IpvsSupport(boolean available, String reason) {

  public IpvsSupport {
    requireNonNull(reason, "reason");
  }

  /**
   * Probes as kube-proxy's own check does: the kernel must have IP Virtual Server
   * ({@code /proc/net/ip_vs}) and {@code ipvsadm -Ln} must succeed, which also needs root
   * ({@code CAP_NET_ADMIN}). With a command prefix (a network namespace) only the
   * {@code ipvsadm} check applies, run inside it.
   */
  static IpvsSupport probe(Commands commands, boolean prefixed) throws InterruptedException {
    if (!prefixed && !Files.exists(Path.of("/proc/net/ip_vs"))) {
      return new IpvsSupport(false, "IPVS is unavailable in this kernel: /proc/net/ip_vs is "
          + "missing (CONFIG_IP_VS not set or the ip_vs module not loaded)");
    }
    Commands.Outcome outcome = commands.run(List.of("ipvsadm", "-Ln"), "");
    if (outcome.exitCode() == 127) {
      return new IpvsSupport(false, "IPVS is unavailable: ipvsadm is not installed ("
          + outcome.stderr().strip() + ")");
    }
    if (!outcome.ok()) {
      return new IpvsSupport(false, "IPVS is unavailable: 'ipvsadm -Ln' failed (exit "
          + outcome.exitCode() + "): " + outcome.stderr().strip().replace('\n', ' '));
    }
    return new IpvsSupport(true, "");
  }
}
