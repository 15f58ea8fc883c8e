package io.capstan.plugins.proxy.ipvs;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rendered input of each tool, as written to the state directory.
 *
 * @param ipvsadm {@code ipvsadm-restore} input ({@value #IPVSADM_FILE})
 * @param ipset {@code ipset restore} input ({@value #IPSET_FILE})
 * @param iptables {@code iptables-restore --noflush} input for the nat table
 *     ({@value #IPTABLES_FILE})
 * @param dummyAddresses {@code ip -batch} input for {@code kube-ipvs0} ({@value #DUMMY_FILE})
 */
public record RenderedIpvsState(String ipvsadm, String ipset, String iptables,
    String dummyAddresses) {

  public static final String IPVSADM_FILE = "ipvsadm.rules";
  public static final String IPSET_FILE = "ipset.rules";
  public static final String IPTABLES_FILE = "iptables.rules";
  public static final String DUMMY_FILE = "kube-ipvs0.batch";

  public RenderedIpvsState {
    requireNonNull(ipvsadm, "ipvsadm");
    requireNonNull(ipset, "ipset");
    requireNonNull(iptables, "iptables");
    requireNonNull(dummyAddresses, "dummyAddresses");
  }

  /** File name to content, in the order the tools are applied. */
  public Map<String, String> files() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(DUMMY_FILE, dummyAddresses);
    files.put(IPSET_FILE, ipset);
    files.put(IPTABLES_FILE, iptables);
    files.put(IPVSADM_FILE, ipvsadm);
    return Collections.unmodifiableMap(files);
  }
}
