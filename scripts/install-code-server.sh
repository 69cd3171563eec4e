#!/usr/bin/env bash
# Installs code-server (VS Code 1.100.3, the last line that runs on node 20) offline
# from the npm registry into .vscode-test/code-server-<version>, cached by version.
# Its postinstall downloads ripgrep from GitHub and runs `npx node-gyp`, both of which
# fail without internet, so we run the steps ourselves (see CONTRIBUTING.md).
set -euo pipefail
VERSION="${CODE_SERVER_VERSION:-4.100.3}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="$ROOT/.vscode-test/code-server-$VERSION"
ENTRY="$DEST/node_modules/code-server/out/node/entry.js"
if [ -f "$DEST/.complete" ] && [ -f "$ENTRY" ]; then
  echo "code-server $VERSION already installed in $DEST"
  exit 0
fi
command -v rg >/dev/null || { echo "ripgrep (rg) is required: apt-get install ripgrep" >&2; exit 1; }
rm -rf "$DEST"; mkdir -p "$DEST"; cd "$DEST"
export npm_config_unsafe_perm=true npm_config_yes=true npm_config_audit=false npm_config_fund=false
echo '{"name":"code-server-host","private":true}' > package.json
npm install --no-save --ignore-scripts "code-server@$VERSION" >/dev/null
VS="$DEST/node_modules/code-server/lib/vscode"
(cd "$VS" && npm install --omit=dev --ignore-scripts >/dev/null)
mkdir -p "$VS/node_modules/@vscode/ripgrep/bin"
cp "$(command -v rg)" "$VS/node_modules/@vscode/ripgrep/bin/rg"
(cd "$VS" && npm rebuild --ignore-scripts=false >/dev/null)
ln -sfn node_modules "$VS/node_modules.asar"
ln -sfn code-linux.sh "$VS/bin/remote-cli/code-server"
ln -sfn browser-linux.sh "$VS/bin/helpers/browser.sh"
(cd "$VS/extensions" && npm install --omit=dev --ignore-scripts >/dev/null)
(cd "$DEST" && npm rebuild argon2 --ignore-scripts=false >/dev/null)
node "$ENTRY" --version
touch "$DEST/.complete"
