#!/usr/bin/env bash
# From a fresh clone to a built extension with everything its tests need: Debian packages (headless
# Chromium and what code-server builds against; PostgreSQL for the generated backends set to it), the
# npm dependencies, a private code-server (the real VS Code the integration tests run in) and the
# bundles. Safe to run again; done steps are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
for package in chromium ripgrep libkrb5-dev postgresql; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if ((${#missing[@]})); then
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo=sudo
  echo "setup: installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

echo "setup: installing npm dependencies"
# Prisma's postinstall tries to download a native engine; Strata only uses Prisma's WASM, offline.
export PRISMA_SKIP_POSTINSTALL_GENERATE=1 CHECKPOINT_DISABLE=1
npm ci --no-audit --no-fund --loglevel=error

echo "setup: installing code-server (VS Code for the integration tests)"
bash scripts/install-code-server.sh

echo "setup: building"
npm run build --silent
echo "setup: done"
