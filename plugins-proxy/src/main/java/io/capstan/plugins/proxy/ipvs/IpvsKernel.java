package io.capstan.plugins.proxy.ipvs;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a rendered state to the kernel, in dependency order: the dummy device and its addresses,
 * the ipsets (which the iptables rules reference), the nat rules and their jumps, and last the
 * virtual servers, changed incrementally against {@code ipvsadm-save -n}. Each step fails with the
 * tool's own message.
 */
final class IpvsKernel {

  private final Commands commands;

  IpvsKernel(Commands commands) {
    this.commands = requireNonNull(commands, "commands");
  }

  void apply(RenderedIpvsState rendered, IpvsModel model) throws IOException, InterruptedException {
    ensureDummyDevice(model.dummyAddresses());
    commands.require(List.of("ipset", "restore"), rendered.ipset());
    commands.require(List.of("iptables-restore", "-w", "--noflush"), rendered.iptables());
    for (List<String> jump : IptablesCompanion.JUMPS) {
      List<String> check = new ArrayList<>(List.of("iptables", "-w", "-t", "nat", "-C"));
      check.addAll(jump);
      if (!commands.run(check, "").ok()) {
        List<String> insert = new ArrayList<>(List.of("iptables", "-w", "-t", "nat", "-I"));
        insert.add(jump.get(0));
        insert.add("1");
        insert.addAll(jump.subList(1, jump.size()));
        commands.require(insert, "");
      }
    }
    String current = commands.require(List.of("ipvsadm-save", "-n"), "");
    String changes = IpvsadmDiff.diff(current, rendered.ipvsadm());
    if (!changes.isEmpty()) {
      commands.require(List.of("ipvsadm-restore"), changes);
    }
  }

  /** Creates {@code kube-ipvs0} if missing, binds the wanted VIPs and unbinds stale ones. */
  private void ensureDummyDevice(List<String> wanted) throws IOException, InterruptedException {
    String dev = IpvsModel.DUMMY_DEVICE;
    if (!commands.run(List.of("ip", "link", "show", dev), "").ok()) {
      commands.require(List.of("ip", "link", "add", dev, "type", "dummy"), "");
    }
    StringBuilder batch = new StringBuilder();
    String shown = commands.require(List.of("ip", "-o", "address", "show", "dev", dev), "");
    for (String line : shown.split("\n")) {
      String[] tokens = line.strip().split("\\s+");
      for (int i = 0; i + 1 < tokens.length; i++) {
        if (tokens[i].equals("inet") || tokens[i].equals("inet6")) {
          String cidr = tokens[i + 1];
          if (!wanted.contains(cidr.substring(0, cidr.indexOf('/')))) {
            batch.append("address del ").append(cidr).append(" dev ").append(dev).append('\n');
          }
        }
      }
    }
    batch.append(IpvsRenderer.dummyAddresses(new IpvsModel(List.of(), java.util.Map.of(), wanted)));
    if (!batch.isEmpty()) {
      commands.require(List.of("ip", "-batch", "-"), batch.toString());
    }
  }
}
