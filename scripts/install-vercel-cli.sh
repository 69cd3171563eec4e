#!/usr/bin/env bash
# Installs the official Vercel CLI (npm package `vercel`) into .cache/vercel-cli-<version>,
# cached by version, for scripts/cli-compat.mjs (`npm run test:cli`). It is not a dependency of
# the extension. --ignore-scripts: no postinstall downloads (there is no network but the registry).
# The registry here lacks `sandbox@4.4.0`, an exact dependency of vercel 61-64 used only by
# `vercel sandbox`; the override takes the nearest published release (4.5.0) instead.
set -euo pipefail
VERSION="${VERCEL_CLI_VERSION:-64.0.2}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="$ROOT/.cache/vercel-cli-$VERSION"
ENTRY="$DEST/node_modules/vercel/dist/index.js"
if [ -f "$DEST/.complete" ] && [ -f "$ENTRY" ]; then
  echo "vercel CLI $VERSION already installed in $DEST"
  exit 0
fi
rm -rf "$DEST"; mkdir -p "$DEST"; cd "$DEST"
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
echo '{"name":"vercel-cli-host","private":true,"overrides":{"sandbox":"4.5.0"}}' > package.json
npm install --no-save --ignore-scripts --no-progress "vercel@$VERSION" >/dev/null
NO_UPDATE_NOTIFIER=1 VERCEL_TELEMETRY_DISABLED=1 node "$ENTRY" --version 2>&1 | tail -1
touch "$DEST/.complete"
