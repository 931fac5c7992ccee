#!/usr/bin/env bash
# Installs everything `npm start` and `npm test` need, idempotently: Debian packages (as root),
# the project's npm dependencies, and Node 24 + code-server in a cache outside the repo.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '[airlock setup] %s\n' "$*" >&2; }

# chromium drives the UI tests; the -dev packages are what code-server's native modules build
# against; rsyslog is the collector the audit log's syslog shipping is tested against; iproute2
# and openssl make the network namespace and the TLS certificate of the remote model API the cost
# UI test counts replies from; bubblewrap is the sandbox agent commands run in, and curl the
# client the sandbox tests reach the egress proxy with.
DEBIAN_PACKAGES=(chromium libkrb5-dev libsecret-1-dev libx11-dev libxkbfile-dev python3 make g++ rsyslog iproute2 openssl bubblewrap curl)

ensure_debian_packages() {
  local missing=()
  for pkg in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  if ((${#missing[@]} == 0)); then return; fi
  if [[ $(id -u) -ne 0 ]]; then
    log "missing Debian packages: ${missing[*]}; install them with: sudo apt-get install -y ${missing[*]}"
    exit 1
  fi
  log "installing Debian packages: ${missing[*]}"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

ensure_node_modules() {
  local stamp=node_modules/.airlock-lock-hash
  local want
  want=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [[ -f $stamp && $(cat "$stamp") == "$want" ]]; then return; fi
  log "installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
}

# npm scripts run on the Node 24 that the `node` dev dependency installs (node_modules/.bin comes
# first on their PATH); without it they would silently fall back to an older machine Node.
check_toolchain_node() {
  local version
  version=$(node_modules/.bin/node --version 2>/dev/null || true)
  if [[ $version != v24.* ]]; then
    log "node_modules/.bin/node is missing or not Node 24 (got '${version:-nothing}'); its install script must be allowed in package.json allowScripts"
    exit 1
  fi
}

ensure_debian_packages
ensure_node_modules
check_toolchain_node
bash scripts/lib/ensure-code-server.sh >/dev/null
