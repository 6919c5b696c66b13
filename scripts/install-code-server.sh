#!/usr/bin/env bash
# Installs a private code-server (VS Code 1.100.3 server, run on the system Node 20) and playwright-core
# into .vscode-test/code-server/, for test/runner/code-server.mjs. Offline apart from the npm registry:
# nothing here downloads from GitHub (ripgrep comes from Debian). Needs the Debian packages chromium,
# ripgrep and libkrb5-dev (scripts/setup.sh installs them). Safe to rerun: a marker skips a finished install.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
PLAYWRIGHT_CORE_VERSION=1.65.1

root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$root/.vscode-test/code-server"
marker="$dir/.installed-$CODE_SERVER_VERSION"
log="$root/.vscode-test/install-code-server.log"

if [[ -f "$marker" ]]; then
  echo "install-code-server: code-server $CODE_SERVER_VERSION already installed in .vscode-test/code-server"
  exit 0
fi

problems=()
[[ -x /usr/bin/chromium ]] || problems+=("/usr/bin/chromium is missing (apt-get install chromium)")
[[ -x /usr/bin/rg ]] || problems+=("/usr/bin/rg is missing (apt-get install ripgrep)")
[[ -f /usr/include/krb5.h || -f /usr/include/gssapi/gssapi.h ]] ||
  problems+=("Kerberos headers are missing (apt-get install libkrb5-dev)")
[[ -f /usr/include/node/node.h ]] || problems+=("Node headers /usr/include/node are missing (Debian nodejs/libnode-dev)")
if ((${#problems[@]})); then
  printf 'install-code-server: %s\n' "${problems[@]}" >&2
  echo "install-code-server: run scripts/setup.sh (it installs the Debian packages)" >&2
  exit 1
fi

mkdir -p "$root/.vscode-test"
: >"$log"
step="preparing"
on_exit() {
  local status=$?
  if ((status != 0)); then
    echo "install-code-server: FAILED (exit $status) during: $step" >&2
    echo "install-code-server: last lines of $log:" >&2
    tail -n 40 "$log" >&2 || true
  fi
}
trap on_exit EXIT

# Native modules (argon2, node-pty, @vscode/spdlog, kerberos, ...) build against /usr/include/node.
export npm_config_nodedir=/usr npm_config_yes=true
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
export npm_config_loglevel=warn npm_config_progress=false

run() { # run <description> <command...>: output goes to the log only
  step="$1"
  shift
  echo "== $step" >>"$log"
  "$@" >>"$log" 2>&1
}

started=$SECONDS
echo "install-code-server: installing code-server $CODE_SERVER_VERSION into .vscode-test/code-server (log: .vscode-test/install-code-server.log)"

# A half-finished earlier attempt is thrown away: every step below assumes a clean folder.
rm -rf "$dir"
mkdir -p "$dir"
cat >"$dir/package.json" <<EOF
{
  "name": "vscode-test-code-server",
  "private": true,
  "description": "Private code-server and playwright-core for the integration tests (scripts/install-code-server.sh)",
  "dependencies": {
    "code-server": "$CODE_SERVER_VERSION",
    "playwright-core": "$PLAYWRIGHT_CORE_VERSION"
  }
}
EOF

cd "$dir"
run "npm install code-server + playwright-core" npm install --ignore-scripts
run "npm rebuild argon2" npm rebuild argon2

cd "$dir/node_modules/code-server/lib/vscode"
run "npm install (lib/vscode)" npm install --omit=dev --ignore-scripts
# @vscode/ripgrep's postinstall downloads rg from GitHub: use Debian's instead.
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sfn /usr/bin/rg node_modules/@vscode/ripgrep/bin/rg
run "npm rebuild (lib/vscode native modules)" npm rebuild
ln -sfn node_modules node_modules.asar

cd "$dir/node_modules/code-server/lib/vscode/extensions"
run "npm install (lib/vscode/extensions)" npm install --omit=dev --ignore-scripts

step="finishing"
touch "$marker"
size="$(du -sh "$dir" | cut -f1)"
echo "install-code-server: done in $((SECONDS - started)) s ($size)"
