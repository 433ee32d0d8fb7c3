# Sluice build entry points. On a fresh Debian/Ubuntu machine `make run` and `make test` are the two set-up
# commands: both install what is missing first (scripts/deps.sh).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
VENV := .venv
PY := $(VENV)/bin/python
# The CLI the interop checks drive; a debug build is plenty for their small files.
SLUICE ?= .build/debug/sluice
SLUICE_RELEASE := .build/release/sluice
# Where `make run` keeps the demo warehouse.
WAREHOUSE ?= warehouse
# Writer SIGKILL trials per store in `make test` (test-long runs 200 per store).
CRASH_TRIALS ?= 20

# Runs a command with the SeaweedFS test server started (scripts/s3-server.sh, when present) and always stops
# it afterwards; the command's exit status is kept. S3_TEST_PORT moves it off 8333 (it also takes the next
# three ports and each +10000).
S3_TEST_PORT ?= 8333
WITH_S3 := bash -c 'if [ -f scripts/s3-server.sh ]; then bash scripts/s3-server.sh start $(S3_TEST_PORT) || exit 1; \
	trap "bash scripts/s3-server.sh stop" EXIT; fi; "$$@"' with-s3

.PHONY: deps build release test test-long interop interop-long run bench bench-kernels clean

deps:
	@bash scripts/deps.sh

build: deps
	swift build

release: deps
	swift build -c release

# Unit and conformance tests (with the local S3 server up for the Storage tests), then the Python interop
# checks. Fails when any of them fails.
test: build
	@failed=""; \
	$(WITH_S3) bash -c 'swift test; s=$$?; bash scripts/interop/s3_cli.sh $(SLUICE) || s=1; \
		$(PY) scripts/interop/sql_hudi.py --sluice $(SLUICE) --s3-only || s=1; \
		$(PY) scripts/interop/crash_trials.py --sluice $(SLUICE) --trials $(CRASH_TRIALS) --s3 || s=1; \
		$(PY) scripts/interop/ingest_crash.py --sluice $(SLUICE) --trials 10 --s3 || s=1; exit $$s' \
		|| failed="$$failed swift-test-or-s3-checks"; \
	$(MAKE) --no-print-directory interop || failed="$$failed interop"; \
	bash scripts/shell/acceptance.sh $(SLUICE) || failed="$$failed shell"; \
	bash scripts/shell/tour.sh $(SLUICE) || failed="$$failed readme-tour"; \
	if [ -n "$$failed" ]; then echo "make test: FAILED:$$failed"; exit 1; fi

interop:
	@status=0; \
	$(PY) scripts/interop/roundtrip.py --sluice $(SLUICE) || status=1; \
	$(PY) scripts/interop/cat_jsonl.py --sluice $(SLUICE) || status=1; \
	$(PY) scripts/interop/sql_copy.py --sluice $(SLUICE) || status=1; \
	$(PY) scripts/interop/crash_trials.py --sluice $(SLUICE) --trials $(CRASH_TRIALS) || status=1; \
	$(PY) scripts/interop/ingest_check.py --sluice $(SLUICE) || status=1; \
	$(PY) scripts/interop/ingest_crash.py --sluice $(SLUICE) --trials 10 || status=1; \
	$(PY) scripts/interop/concurrent_writers.py --sluice $(SLUICE) || status=1; \
	$(PY) scripts/interop/sql_hudi.py --sluice $(SLUICE) || status=1; \
	$(PY) scripts/interop/tpch_compare.py --sluice $(SLUICE) --sf 0.1 || status=1; \
	exit $$status

# Everything in `test`, plus the slow cases: the 2 GiB-string corpus file and more randomized round trips.
test-long: build
	$(WITH_S3) bash -c 'env SLUICE_LONG_TESTS=1 swift test; s=$$?; \
		$(PY) scripts/interop/crash_trials.py --sluice $(SLUICE) --trials 200 --s3 || s=1; \
		$(PY) scripts/interop/ingest_crash.py --sluice $(SLUICE) --trials 100 --s3 || s=1; exit $$s'
	$(MAKE) --no-print-directory interop-long
	bash scripts/spill/lineitem_memory.sh

interop-long:
	@status=0; \
	$(PY) scripts/interop/roundtrip.py --sluice $(SLUICE) --rows 20000 --seeds 4 || status=1; \
	$(PY) scripts/interop/cat_jsonl.py --sluice $(SLUICE) || status=1; \
	$(PY) scripts/interop/sql_copy.py --sluice $(SLUICE) --rows 100000 --seed 2026 || status=1; \
	$(PY) scripts/interop/crash_trials.py --sluice $(SLUICE) --trials 200 --seed 2026 || status=1; \
	$(PY) scripts/interop/ingest_crash.py --sluice $(SLUICE) --trials 100 --seed 2026 || status=1; \
	for seed in 1 2 3 4 5 6 7 8; do $(PY) scripts/interop/concurrent_writers.py --sluice $(SLUICE) --seed $$seed || status=1; done; \
	swift build -c release --product sluice && $(PY) scripts/interop/tpch_compare.py --sluice $(SLUICE_RELEASE) --sf 1 || status=1; \
	exit $$status

# The shell on ./warehouse, with the demo tables created on the first run (Fixtures/demo/build-warehouse.sh).
run: release
	@bash Fixtures/demo/build-warehouse.sh $(SLUICE_RELEASE) $(WAREHOUSE)
	@$(SLUICE_RELEASE) shell --warehouse $(WAREHOUSE)

# Comparisons against pyarrow and DuckDB (release build). Not part of `test`.
bench: release
	@for script in Benchmarks/compare/*.sh; do echo "== $$script"; bash "$$script"; done

# The package-benchmark kernel suite (nested package in Benchmarks/).
bench-kernels: deps
	cd Benchmarks && swift package --disable-sandbox benchmark

clean:
	rm -rf .build Benchmarks/.build
