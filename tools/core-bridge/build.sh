#!/usr/bin/env bash
# Builds the Temporal SDK's native core bridge from the Rust sources its npm package ships, with
# the patches beside this script, and installs it over the prebuilt binary in node_modules.
# Why: docs/worker-failover.md (sdk-core 1.24.0 lets a legacy query put a cached run ahead of its
# history; the patch evicts such a run once the query is answered, so the worker may keep a cache).
# The build (8 minutes from nothing on two cores) is cached in .tools/core-bridge by what goes into it;
# after `npm ci` the cached binary is copied in again.
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
bridge="$root/node_modules/@temporalio/core-bridge"

command -v cargo >/dev/null || {
  echo "cargo not found: the core bridge is built with Rust >= 1.88 (https://rustup.rs)" >&2
  exit 1
}
# The pinned protoc from PyPI (tools/core-bridge/requirements.txt, installed by make setup).
export PROTOC="${PROTOC:-$root/.tools/venv/bin/protoc}"
[[ -x "$PROTOC" ]] || { echo "no protoc at $PROTOC: run make setup" >&2; exit 1; }

version=$(node -p "require('$bridge/package.json').version")
target=$(node -p "require('$bridge/common.js').getPrebuiltTargetName()")
patches=("$root"/tools/core-bridge/*.patch)
key=$({
  echo "$version $target $(rustc --version)"
  cat "${patches[@]}"
} | sha256sum | cut -c1-16)
cache="$root/.tools/core-bridge"
built="$cache/$key/index.node"

if [[ ! -f "$built" ]]; then
  echo "building the core bridge $version with ${#patches[@]} patch(es) (key $key)" >&2
  src="$cache/src"
  rm -rf "$src" && mkdir -p "$src"
  cp -r "$bridge"/{Cargo.toml,Cargo.lock,bridge-macros,sdk-core,src} "$src"
  # git apply as a plain patch tool: the ceiling keeps it from finding this project's repository
  # above, in which it would take the paths as the repository's and skip them.
  for p in "${patches[@]}"; do (cd "$src" && GIT_CEILING_DIRECTORIES="$cache" git apply -p1 "$p"); done
  # One target folder for every key: a new patch recompiles only the crates it touches.
  (cd "$src" && CARGO_TARGET_DIR="$cache/target" nice cargo build --release --locked --quiet)
  mkdir -p "$(dirname "$built")"
  cp "$cache/target/release/libtemporal_sdk_typescript_bridge.so" "$built.tmp"
  mv "$built.tmp" "$built"
  rm -rf "$src"
fi

install -m 644 "$built" "$bridge/releases/$target/index.node"
