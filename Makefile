# Sluice build entry points. `make run` and `make test` are the two set-up commands.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: deps build release test test-long run bench clean

deps:
	@bash scripts/deps.sh

build: deps
	swift build

release: deps
	swift build -c release

test: deps
	swift build
	swift test

run: release
	.build/release/sluice --help
