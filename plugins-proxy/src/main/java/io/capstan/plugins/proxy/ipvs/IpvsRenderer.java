package io.capstan.plugins.proxy.ipvs;

import static java.util.Objects.requireNonNull;

import io.capstan.plugins.proxy.ipvs.IpvsModel.RealServer;
import io.capstan.plugins.proxy.ipvs.IpvsModel.VirtualServer;
import java.util.List;
import java.util.Map;

/**
 * Renders an {@link IpvsModel} as the input of the four tools that program it. Pure functions of
 * the model: equal models render to equal text, which the golden-file tests pin down.
 */
public final class IpvsRenderer {

  private final IpvsMasquerade masquerade;

  public IpvsRenderer(IpvsMasquerade masquerade) {
    this.masquerade = requireNonNull(masquerade, "masquerade");
  }

  /** Everything at once. */
  public RenderedIpvsState render(IpvsModel model) {
    return new RenderedIpvsState(ipvsadm(model), ipset(model),
        IptablesCompanion.render(model, masquerade), dummyAddresses(model));
  }

  /**
   * {@code ipvsadm-restore} input (the format {@code ipvsadm-save -n} prints): {@code -A} per
   * virtual server with its scheduler and, for ClientIP affinity, persistence; {@code -a} per real
   * server in masquerading mode ({@code -m}) with weight 1, as kube-proxy adds them.
   */
  public static String ipvsadm(IpvsModel model) {
    StringBuilder out = new StringBuilder();
    for (VirtualServer vs : model.virtualServers()) {
      String service = flag(vs.protocol()) + " " + vs.address();
      out.append("-A ").append(service).append(" -s ").append(vs.scheduler());
      if (vs.persistence() > 0) {
        out.append(" -p ").append(vs.persistence());
      }
      out.append('\n');
      for (RealServer rs : vs.realServers()) {
        out.append("-a ").append(service).append(" -r ").append(rs.address())
            .append(" -m -w 1\n");
      }
    }
    return out.toString();
  }

  private static String flag(String protocol) {
    return switch (protocol) {
      case "TCP" -> "-t";
      case "UDP" -> "-u";
      default -> "--sctp-service";
    };
  }

  /**
   * {@code ipset restore} input: every kube-proxy set created if missing ({@code -exist}), flushed
   * and refilled, so one run brings all sets to the model.
   */
  public static String ipset(IpvsModel model) {
    StringBuilder out = new StringBuilder();
    Map<String, List<String>> sets = model.sets();
    for (IpsetEntries.SetInfo info : IpsetEntries.SETS) {
      out.append("create ").append(info.name()).append(' ').append(info.type());
      if (info.type().startsWith("bitmap:port")) {
        out.append(" range 0-65535");
      } else {
        out.append(" family inet hashsize 1024 maxelem 65536");
      }
      out.append(" comment -exist\n");
      out.append("flush ").append(info.name()).append('\n');
      for (String entry : sets.getOrDefault(info.name(), List.of())) {
        out.append("add ").append(info.name()).append(' ').append(entry)
            .append(" comment \"").append(info.comment()).append("\" -exist\n");
      }
    }
    return out.toString();
  }

  /**
   * {@code ip -batch} input binding every service VIP to the dummy device as a host route
   * ({@code /32}, {@code /128} for IPv6); the device is created first where missing.
   */
  public static String dummyAddresses(IpvsModel model) {
    StringBuilder out = new StringBuilder();
    for (String ip : model.dummyAddresses()) {
      out.append("address replace ").append(ip).append(ip.indexOf(':') >= 0 ? "/128" : "/32")
          .append(" dev ").append(IpvsModel.DUMMY_DEVICE).append('\n');
    }
    return out.toString();
  }
}
