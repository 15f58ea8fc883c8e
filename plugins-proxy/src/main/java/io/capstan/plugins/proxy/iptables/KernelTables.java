package io.capstan.plugins.proxy.iptables;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What {@code iptables-save} printed: the chains of each table and the rules of the built-in chains
 * (where the proxy's jumps live). Read before the first apply and after a failed one, to know which
 * service chains exist (emptied with {@code -F} rather than declared again), which are left over
 * from an earlier run (deleted, as kube-proxy deletes the service chains it no longer needs) and
 * which jumps from the built-in chains are missing.
 */
record KernelTables(Map<String, Set<String>> chains, Map<String, List<String>> builtinRules) {

  /** kube-proxy's service chain prefixes ({@code isServiceChainName}); KUBE-FW is kube-proxy's too. */
  private static final Pattern SERVICE_CHAIN = Pattern.compile("KUBE-(SVC|SVL|EXT|FW|SEP)-[A-Z2-7]{16}");
  private static final Set<String> BUILTIN = Set.of("PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING");

  KernelTables {
    chains = Map.copyOf(chains);
    builtinRules = Map.copyOf(builtinRules);
  }

  /** Parses iptables-save output (any number of {@code *table ... COMMIT} sections). */
  static KernelTables parse(String save) {
    requireNonNull(save, "save");
    Map<String, Set<String>> chains = new HashMap<>();
    Map<String, List<String>> builtin = new HashMap<>();
    String table = null;
    for (String line : (Iterable<String>) save.lines()::iterator) {
      if (line.startsWith("*")) {
        table = line.substring(1).trim();
        chains.computeIfAbsent(table, t -> new HashSet<>());
        builtin.computeIfAbsent(table, t -> new ArrayList<>());
      } else if (table != null && line.startsWith(":")) {
        int space = line.indexOf(' ');
        chains.get(table).add(space < 0 ? line.substring(1) : line.substring(1, space));
      } else if (table != null && line.startsWith("-A ")) {
        int space = line.indexOf(' ', 3);
        if (space > 0 && BUILTIN.contains(line.substring(3, space))) {
          builtin.get(table).add(line);
        }
      }
    }
    return new KernelTables(chains, builtin);
  }

  /** The chains of {@code table} (empty when the table was not listed). */
  Set<String> chains(String table) {
    return chains.getOrDefault(table, Set.of());
  }

  /** The service chains (KUBE-SVC/SVL/EXT/FW/SEP) of the nat table. */
  Set<String> serviceChains() {
    Set<String> out = new HashSet<>();
    for (String chain : chains("nat")) {
      if (SERVICE_CHAIN.matcher(chain).matches()) {
        out.add(chain);
      }
    }
    return out;
  }

  /**
   * Whether a jump as in {@link IptablesProxy#JUMPS} ({@code [-t, table, CHAIN, args..., -j, TARGET]})
   * is there: a rule of that built-in chain jumping to the target with the same comment.
   */
  boolean hasJump(List<String> jump) {
    String chain = jump.get(2);
    String target = jump.get(jump.size() - 1);
    int c = jump.indexOf("--comment");
    String comment = c < 0 ? "" : jump.get(c + 1);
    for (String rule : builtinRules.getOrDefault(jump.get(1), List.of())) {
      if (rule.startsWith("-A " + chain + " ") && rule.endsWith(" -j " + target) && rule.contains(comment)) {
        return true;
      }
    }
    return false;
  }

  /** The jump as an iptables-restore line that inserts it first in its chain. */
  static String insertLine(List<String> jump) {
    StringBuilder line = new StringBuilder("-I ").append(jump.get(2)).append(" 1");
    for (String arg : jump.subList(3, jump.size())) {
      line.append(' ');
      if (arg.indexOf(' ') >= 0) {
        line.append('"').append(arg).append('"');
      } else {
        line.append(arg);
      }
    }
    return line.toString();
  }
}
