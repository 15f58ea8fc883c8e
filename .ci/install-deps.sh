#!/usr/bin/env bash
# Installs what Capstan's tests need beyond the JDK and Maven: a real etcd server (Debian's
# etcd-server, 3.4.x), which the etcd store plugin's tests start on free 127.0.0.1 ports.
#
# Idempotent: with etcd already on PATH it installs nothing. The package's own systemd service is
# kept from starting (tests run etcd themselves, on ports of their own), both during the install
# (policy-rc.d) and afterwards where systemd runs.
set -euo pipefail

log() { printf '[install-deps] %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    log "need root (or sudo) to run: $*"
    exit 1
  fi
}

install_etcd() {
  if command -v etcd >/dev/null 2>&1; then
    log "etcd already installed at $(command -v etcd); skipping apt"
    return
  fi
  # Debian starts a package's service from its postinst unless policy-rc.d says no (exit 101).
  local policy=/usr/sbin/policy-rc.d
  local added_policy=0
  if [ ! -e "$policy" ]; then
    as_root sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod 755 $policy"
    added_policy=1
  fi
  # shellcheck disable=SC2317 # called by the trap
  cleanup() { if [ "$added_policy" -eq 1 ]; then as_root rm -f "$policy"; fi; }
  trap cleanup EXIT
  log "installing etcd-server with apt-get"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends etcd-server
  cleanup
  trap - EXIT
  # On a machine that boots with systemd, make sure the packaged service neither runs nor returns.
  if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
    as_root systemctl disable --now etcd.service >/dev/null 2>&1 || true
  fi
}

# The ipvs proxy mode's tests feed the rendered ipsets to ipset and probe IPVS with ipvsadm (they
# skip with a message where the tools or root are missing; ipvsadm fails cleanly on kernels without
# IPVS, which the tests assert).
install_ipvs_tools() {
  local missing=()
  command -v ipset >/dev/null 2>&1 || missing+=(ipset)
  command -v ipvsadm >/dev/null 2>&1 || missing+=(ipvsadm)
  if [ "${#missing[@]}" -eq 0 ]; then
    log "ipset and ipvsadm already installed; skipping apt"
    return
  fi
  log "installing ${missing[*]} with apt-get"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# First line of a version banner, without colour codes; sed reads to the end, so no SIGPIPE.
first_line() { sed -n '1s/\x1b\[[0-9;]*m//g;1p'; }

# iptables and iproute2 for the iptables proxy's network-namespace test (it skips without root).
install_network_tools() {
  if command -v iptables-restore >/dev/null 2>&1 && command -v ip >/dev/null 2>&1; then
    log "iptables and iproute2 already installed; skipping apt"
    return
  fi
  log "installing iptables and iproute2 with apt-get"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends iptables iproute2
}

# nginx for the nginx ingress controller's tests, which start it themselves on 127.0.0.1 high
# ports; the package's own service (port 80) is kept from starting, as for etcd.
install_nginx() {
  if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then
    log "nginx already installed; skipping apt"
    return
  fi
  local policy=/usr/sbin/policy-rc.d
  local added_policy=0
  if [ ! -e "$policy" ]; then
    as_root sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod 755 $policy"
    added_policy=1
  fi
  # shellcheck disable=SC2317 # called by the trap
  cleanup_nginx() { if [ "$added_policy" -eq 1 ]; then as_root rm -f "$policy"; fi; }
  trap cleanup_nginx EXIT
  log "installing nginx with apt-get"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends nginx
  cleanup_nginx
  trap - EXIT
  if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
    as_root systemctl disable --now nginx.service >/dev/null 2>&1 || true
  fi
}

# dig (Debian's dnsutils) for the cluster-dns plugin's tests, which query the plugin with it besides
# dnsjava's resolver (they skip the dig cases with a message where it is missing).
install_dnsutils() {
  if command -v dig >/dev/null 2>&1; then
    log "dig already installed; skipping apt"
    return
  fi
  log "installing dnsutils (dig) with apt-get"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends dnsutils
}

install_etcd
install_network_tools
install_ipvs_tools
install_nginx
install_dnsutils
log "etcd: $(etcd --version 2>&1 | first_line)"
log "java: $(java -version 2>&1 | first_line)"
if command -v mvn >/dev/null 2>&1; then
  log "maven: $(mvn -B -v 2>&1 | first_line)"
fi
