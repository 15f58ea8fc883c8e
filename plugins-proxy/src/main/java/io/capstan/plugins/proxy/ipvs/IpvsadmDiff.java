package io.capstan.plugins.proxy.ipvs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the kernel's current table ({@code ipvsadm-save -n}) and the desired one into the
 * {@code ipvsadm-restore} commands that change only what differs: {@code -D}/{@code -d} for what
 * is gone, {@code -E}/{@code -e} for what changed, {@code -A}/{@code -a} for what is new. Existing
 * connections of unchanged services are kept, as kube-proxy's incremental netlink sync keeps them.
 */
final class IpvsadmDiff {

  private IpvsadmDiff() {}

  static String diff(String current, String desired) {
    Map<String, String> now = index(current);
    Map<String, String> want = index(desired);
    List<String> removals = new ArrayList<>();
    List<String> realRemovals = new ArrayList<>();
    now.forEach((key, line) -> {
      if (!want.containsKey(key)) {
        String[] parts = key.split("\\|");
        if (parts.length == 1) {
          removals.add("-D " + key);
        } else {
          realRemovals.add("-d " + parts[0] + " -r " + parts[1]);
        }
      }
    });
    List<String> out = new ArrayList<>(realRemovals);
    out.addAll(removals);
    want.forEach((key, line) -> {
      String existing = now.get(key);
      if (existing == null) {
        out.add(line);
      } else if (!existing.equals(line)) {
        out.add((line.startsWith("-A ") ? "-E " : "-e ") + line.substring(3));
      }
    });
    StringBuilder text = new StringBuilder();
    out.forEach(l -> text.append(l).append('\n'));
    return text.toString();
  }

  /**
   * Keys each line: a virtual server by {@code -t addr}, a real server by
   * {@code -t addr|ip:port}; the value is the normalised line.
   */
  private static Map<String, String> index(String text) {
    Map<String, String> lines = new LinkedHashMap<>();
    for (String raw : text.split("\n")) {
      String line = raw.strip().replaceAll("\\s+", " ");
      if (line.startsWith("-A ") || line.startsWith("-a ")) {
        String[] tokens = line.split(" ");
        String service = tokens[1] + " " + tokens[2];
        if (line.startsWith("-A ")) {
          lines.put(service, line);
        } else {
          int r = List.of(tokens).indexOf("-r");
          lines.put(service + "|" + tokens[r + 1], line);
        }
      }
    }
    return lines;
  }
}
