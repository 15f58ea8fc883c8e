package io.capstan.spi.proxy;

import io.capstan.spi.plugin.Lifecycle;

/**
 * Makes each Service's virtual address reach its endpoints on one node: kube-proxy's job, in one
 * of its modes ({@code userspace}: Java sockets; {@code iptables}: NAT rules via
 * iptables-restore; {@code ipvs}: kernel virtual servers).
 *
 * <p><b>How it is driven.</b> The proxy host watches Services and EndpointSlices through shared
 * informers, builds a complete {@link ProxyState}, and calls {@link #sync(ProxyState)}. Changes
 * are debounced: at most one sync per {@code proxy.minSyncPeriod} (default 1 s, kube-proxy's
 * {@code --iptables-min-sync-period}) and at least one per {@code proxy.syncPeriod} (default 30 s)
 * so drift is repaired. The plugin never talks to the API itself.
 *
 * <p><b>Threading and blocking.</b> {@code start}, {@code sync} and {@code close} are called from
 * one host thread, never concurrently. {@code sync} may block for the time it takes to apply the
 * rules (an iptables-restore run) but must be quick: it is called often. Proxying work itself
 * (the userspace mode's accept and copy loops) runs on the plugin's own resources, started in
 * {@link #start()} and released in {@link #close()}.
 *
 * <p><b>Errors.</b> {@code sync} throws when the state could not be applied; the host logs it and
 * retries with the latest state after a back-off. A failed sync must leave the previous rules in
 * force (apply atomically where the mode allows: one iptables-restore transaction).
 */
public interface ServiceProxy extends Lifecycle {

  /**
   * Brings the node's forwarding to exactly {@code state}: add what is new, change what changed,
   * remove what is gone. Idempotent; a full sync every time (the plugin may diff internally).
   */
  void sync(ProxyState state) throws Exception;
}
