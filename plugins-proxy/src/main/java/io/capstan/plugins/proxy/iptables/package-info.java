/**
 * The {@code iptables} proxy mode: kube-proxy's NAT ruleset (chain names hashed exactly as
 * kube-proxy hashes them), applied atomically with {@code iptables-restore}, or written to a file
 * in dry-run mode when this process may not change the firewall.
 */
package io.capstan.plugins.proxy.iptables;
