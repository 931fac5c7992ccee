# Sourced by the scripts that fill Airlock's cache outside the repository (Node 24, code-server).
#
# Installs there must not inherit the calling npm's configuration: `npm test` exports every
# npm_config_* of the outer npm (on the machine's Node), and a nested npm takes them as its own
# configuration. code-server's postinstall, for one, reads the Node version from
# npm_config_user_agent and refused to install under Node 20 although Node 24 was first on PATH.
# So each step runs under `env -i` with only the variables listed here.

# Variables a package install legitimately needs from the machine: home, locale, terminal,
# certificate bundles and the machine's proxy settings. Nothing npm_*, nothing INIT_CWD.
CACHE_INSTALL_PASS_VARS=(HOME USER LANG LC_ALL TERM TMPDIR
  SSL_CERT_FILE SSL_CERT_DIR NODE_EXTRA_CA_CERTS
  HTTP_PROXY HTTPS_PROXY NO_PROXY http_proxy https_proxy no_proxy)

cache_log() { printf '[airlock setup] %s\n' "$*" >&2; }

# The folder of the machine's own npm: the first on PATH outside any node_modules/.bin (npm scripts
# put the project's Node 24 shim there, which has no npm beside it).
machine_npm_dir() {
  local dir
  local IFS=:
  for dir in $PATH; do
    [[ $dir == */node_modules/.bin ]] && continue
    if [[ -x "$dir/npm" ]]; then printf '%s\n' "$dir"; return 0; fi
  done
  cache_log "no npm found on PATH"
  return 1
}

# clean_run NODE_HOME CMD... : CMD with NODE_HOME/bin first on a fixed PATH, node-gyp pointed at
# NODE_HOME's headers, and no other inherited variable. An empty NODE_HOME means the machine's
# own npm and Node, for installs that build nothing.
clean_run() {
  local node_home=$1; shift
  local first_path nodedir=()
  if [[ -n $node_home ]]; then
    first_path="$node_home/bin"
    nodedir=(npm_config_nodedir="$node_home")
  else
    first_path=$(machine_npm_dir) || return 1
  fi
  local -a vars=()
  local name
  for name in "${CACHE_INSTALL_PASS_VARS[@]}"; do
    if [[ -n ${!name+x} ]]; then vars+=("$name=${!name}"); fi
  done
  env -i "${vars[@]}" \
    PATH="$first_path:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    "${nodedir[@]}" \
    "$@"
}

# cache_step NAME DIR FUNCTION : builds DIR from nothing with FUNCTION (run inside DIR, output
# to DIR.log), and marks it complete only when FUNCTION succeeded. A failed step names itself and
# its log, and leaves no marker, so the next run starts it again from nothing.
cache_step() {
  local name=$1 dir=$2 fn=$3
  local log="$dir.log"
  if [[ -f "$dir/.complete" ]]; then return 0; fi
  rm -rf "$dir" && mkdir -p "$dir"
  cache_log "installing $name into $dir (log: $log)"
  if ! (cd "$dir" && "$fn") >"$log" 2>&1; then
    cache_log "FAILED: $name; the last lines of $log:"
    tail -n 20 "$log" | sed 's/^/    /' >&2
    cache_log "read $log for the whole output; the next run starts this step again"
    return 1
  fi
  touch "$dir/.complete"
}

# cache_npm_install NODE_HOME SPEC : installs SPEC into the current folder on NODE_HOME's Node and
# runs its install scripts. npm 11 skips dependency install scripts unless approved; packages
# with native modules (code-server's) need theirs, so approve them in this private cache project
# only, then build.
cache_npm_install() {
  local node_home=$1 spec=$2
  echo '{"private":true}' > package.json
  clean_run "$node_home" npm install --no-audit --no-fund --ignore-scripts "$spec"
  if clean_run "$node_home" npm install-scripts --help >/dev/null 2>&1; then
    clean_run "$node_home" npm install-scripts approve --all
  fi
  clean_run "$node_home" npm rebuild
}
