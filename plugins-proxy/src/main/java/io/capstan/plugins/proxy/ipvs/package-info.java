/**
 * The {@code ipvs} proxy mode: kube-proxy's IPVS proxier rendered as {@code ipvsadm-restore},
 * {@code ipset restore}, {@code iptables-restore} and {@code ip -batch} input, applied where the
 * kernel has IP Virtual Server and written to a state directory (dry run) where it has not.
 */
package io.capstan.plugins.proxy.ipvs;
