#!/usr/bin/env bash
# Builds the pinned Temporal server, its SQL schema tool and the Web UI server from the Go module
# proxy into .tools/go (GOPATH, module and build caches there too, so CI can cache one folder).
# Idempotent: a binary whose version stamp matches is not rebuilt.
set -euo pipefail
cd "$(dirname "$0")/../../.."
# Pinned versions: bump here, in ui-server/go.mod and in docker/ images together.
TEMPORAL_SERVER_VERSION=v1.32.2
GO_TOOLCHAIN=go1.27.3

root="$PWD/.tools/go"
bin="$root/bin"
mkdir -p "$bin"

export GOPATH="$root" GOMODCACHE="$root/mod" GOCACHE="$root/cache"
export GOTOOLCHAIN="$GO_TOOLCHAIN" GOFLAGS=-trimpath CGO_ENABLED=0

# `go install` names a binary after its package folder (two are called `server`), so each one is
# installed into a folder of its own and renamed.
build() { # name package version
  local stamp="$bin/.$1.version"
  if [[ -x "$bin/$1" && -f "$stamp" && "$(cat "$stamp")" == "$2@$3" ]]; then return; fi
  echo "building $1 ($2@$3)" >&2
  local out="$root/install/$1"
  rm -rf "$out" && mkdir -p "$out"
  GOBIN="$out" nice go install "$2@$3"
  mv "$out/$(basename "$2")" "$bin/$1"
  echo "$2@$3" >"$stamp"
}
build temporal-server go.temporal.io/server/cmd/server "$TEMPORAL_SERVER_VERSION"
build temporal-sql-tool go.temporal.io/server/cmd/tools/sql "$TEMPORAL_SERVER_VERSION"
# The UI server through a module of ours (ui-server/go.mod, which pins its version): its release
# names dependency versions the module proxy does not serve.
ui_stamp="$bin/.temporal-ui-server.version"
ui_version="$(sha256sum tools/dev/cluster/ui-server/go.mod tools/dev/cluster/ui-server/go.sum | sha256sum | cut -c1-16)"
if [[ ! -x "$bin/temporal-ui-server" || ! -f "$ui_stamp" || "$(cat "$ui_stamp")" != "$ui_version" ]]; then
  echo "building temporal-ui-server (tools/dev/cluster/ui-server/go.mod)" >&2
  nice go build -C tools/dev/cluster/ui-server -o "$bin/temporal-ui-server" github.com/temporalio/ui-server/v2/cmd/server
  echo "$ui_version" >"$ui_stamp"
fi
