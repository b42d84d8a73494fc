#!/usr/bin/env bash
# Builds the Temporal SDK's native core bridge from the Rust sources its npm package ships, with
# the patches beside this script, and installs it over the prebuilt binary in node_modules.
# Why: docs/worker-failover.md (sdk-core 1.24.0 lets a legacy query put a cached run ahead of its
# history; the patch evicts such a run once the query is answered, so the worker may keep a cache).
# The build (about 10 minutes on two cores) is cached in .tools/core-bridge by what goes into it;
# after `npm ci` the cached binary is copied in again.
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
bridge="$root/node_modules/@temporalio/core-bridge"

command -v cargo >/dev/null || {
  echo "cargo not found: the core bridge is built with Rust >= 1.88 (https://rustup.rs)" >&2
  exit 1
}
command -v protoc >/dev/null || export PROTOC="${PROTOC:?protoc not found (Debian: protobuf-compiler)}"

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
  for p in "${patches[@]}"; do patch --quiet --forward -p1 -d "$src" <"$p"; done
  # One target folder for every key: a new patch recompiles only the crates it touches.
  (cd "$src" && CARGO_TARGET_DIR="$cache/target" nice cargo build --release --locked --quiet)
  mkdir -p "$(dirname "$built")"
  cp "$cache/target/release/libtemporal_sdk_typescript_bridge.so" "$built.tmp"
  mv "$built.tmp" "$built"
  rm -rf "$src"
fi

install -m 644 "$built" "$bridge/releases/$target/index.node"
