package io.capstan.plugins.proxy.iptables;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Set;

/**
 * The {@code iptables-restore --noflush} input the proxy applies: the same rules as the rendered
 * text ({@link IptablesRuleset.Rendered#full()} or {@code partial()}), every chain holding the same
 * rules in the same order, with the lines arranged for iptables-restore's cost rather than in
 * kube-proxy's order. Measured with iptables 1.8.9 on 10,000 Services x 10 endpoints (110,000
 * chains, 320,000 rules), where the restore's time goes:
 *
 * <ul>
 *   <li>Every {@code -j TARGET} looks the name up in libxtables' list of known chain names, a hash
 *       table of 512 buckets that holds every chain declared with a {@code :CHAIN} line: with
 *       110,000 chains each lookup compares ~200 names, and that was half of the restore's time. A
 *       chain the kernel already holds is therefore emptied with {@code -F CHAIN} rather than
 *       re-declared (the same effect under {@code --noflush}, and the name stays out of the table
 *       until a rule jumps to it), and the endpoint chains (KUBE-SEP), whose rules jump to
 *       KUBE-MARK-MASQ and DNAT, are written before the dispatch chains that jump to them, while the
 *       table is still small.
 *   <li>Chains the kernel does not hold yet are declared as before ({@code :CHAIN - [0:0]}), in name
 *       order (libiptc inserts each into a sorted list), and KUBE-MARK-MASQ after them (a later name
 *       is found sooner in its bucket).
 *   <li>The jumps from the built-in chains that are missing are inserted in the same transaction
 *       ({@code -I PREROUTING 1 ...}), rather than with one {@code iptables -I} each afterwards,
 *       which reads and replaces the whole table again (1.5 s a jump at 10,000 Services).
 * </ul>
 *
 * Leftover service chains (from an earlier run, found by listing the kernel's table) are flushed and
 * deleted as kube-proxy deletes the service chains it finds but no longer needs.
 */
final class ApplyInput {

  private static final String MARK_MASQ = ":KUBE-MARK-MASQ - [0:0]\n";

  private ApplyInput() {}

  /**
   * @param rendered the render to apply
   * @param partial write only the chains of the service ports changed since the previous render
   * @param existing service chains the kernel's nat table holds now
   * @param leftovers service chains in the kernel that no render declares, to delete
   * @param filterJumps missing jumps into the filter table, as {@code -I CHAIN 1 ...} lines
   * @param natJumps missing jumps into the nat table, the same way
   */
  static String of(IptablesRuleset.Rendered rendered, boolean partial, Set<String> existing, List<String> leftovers,
      List<String> filterJumps, List<String> natJumps) {
    requireNonNull(existing, "existing");
    ServiceRules[] rules = rendered.rules();
    boolean[] fresh = rendered.fresh();
    IptablesRuleset.Fixed fixed = rendered.text();
    List<String> declared = new java.util.ArrayList<>();
    StringBuilder flush = new StringBuilder();
    StringBuilder delete = new StringBuilder();
    long length = fixed.filterHead().length() + fixed.filterRules().length() + fixed.natHead().length()
        + fixed.natBase().length() + fixed.nodePortsJump().length() + 64;
    for (int i = 0; i < rules.length; i++) {
      ServiceRules r = rules[i];
      length += r.filter().length() + r.services().length() + r.nodePorts().length();
      if (!partial || fresh[i]) {
        length += r.dispatch().length() + r.endpointChains().length();
        for (String chain : r.chainNames()) {
          if (existing.contains(chain)) {
            flush.append("-F ").append(chain).append('\n');
          } else {
            declared.add(chain);
          }
        }
      }
    }
    for (String chain : rendered.deleted()) {
      declared.add(chain);
      delete.append("-X ").append(chain).append('\n');
    }
    for (String chain : leftovers) {
      declared.add(chain);
      delete.append("-X ").append(chain).append('\n');
    }
    // in name order: libiptc keeps its chains in a sorted list and finds the insertion point by
    // walking from its index; in hash order, the order of a render, that walk and the index
    // rebuilds it triggers were 1.3 s of a 10,000-Service first restore (kube-proxy's layout), and
    // iptables-nft-restore took 12.8 s instead of 4.9 s for the same input
    java.util.Collections.sort(declared);
    StringBuilder declare = new StringBuilder(declared.size() * 32);
    declared.forEach(chain -> declare.append(':').append(chain).append(" - [0:0]\n"));
    length += declare.length() + flush.length() + delete.length();
    for (String jump : filterJumps) {
      length += jump.length() + 1;
    }
    for (String jump : natJumps) {
      length += jump.length() + 1;
    }
    if (length > Integer.MAX_VALUE - 16) {
      throw new IllegalStateException("the iptables-restore input would exceed 2 GB (" + length + " characters)");
    }
    StringBuilder out = new StringBuilder((int) length);
    out.append(fixed.filterHead());
    for (ServiceRules r : rules) {
      out.append(r.filter());
    }
    out.append(fixed.filterRules());
    filterJumps.forEach(j -> out.append(j).append('\n'));
    // KUBE-MARK-MASQ, which every endpoint chain jumps to, is declared after the service chains: a
    // name declared later sits earlier in its bucket of libxtables' name table, so its 100,000
    // lookups stay short even when the service chains are all declared here (the first sync)
    out.append("COMMIT\n*nat\n").append(fixed.natHead().replace(MARK_MASQ, "")).append(declare).append(MARK_MASQ)
        .append(flush).append(fixed.natBase());
    for (int i = 0; i < rules.length; i++) {
      if (!partial || fresh[i]) {
        out.append(rules[i].endpointChains());
      }
    }
    for (int i = 0; i < rules.length; i++) {
      if (!partial || fresh[i]) {
        out.append(rules[i].dispatch());
      }
    }
    for (ServiceRules r : rules) {
      out.append(r.services());
    }
    out.append(fixed.nodePortsJump());
    for (ServiceRules r : rules) {
      out.append(r.nodePorts());
    }
    natJumps.forEach(j -> out.append(j).append('\n'));
    return out.append(delete).append("COMMIT\n").toString();
  }
}
