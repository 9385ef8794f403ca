#!/usr/bin/env bash
# Compiles the VS Code client with tsc. Its npm packages, as package-lock.json pins them,
# are installed into a folder under the repository's target/ (cached while the lock file
# is unchanged) and linked in.
set -euo pipefail
cd "$(dirname "$0")"
CACHE="$(cd ../.. && pwd)/target/vscode-node"
if ! cmp -s package-lock.json "$CACHE/package-lock.json"; then
    echo "installing the VS Code client's npm packages into $CACHE" >&2
    rm -rf "$CACHE"
    mkdir -p "$CACHE"
    cp package.json package-lock.json "$CACHE/"
    (cd "$CACHE" && npm ci --no-audit --no-fund --silent)
fi
ln -sfn "$CACHE/node_modules" node_modules
"$CACHE/node_modules/.bin/tsc" -p .
test -s out/extension.js
