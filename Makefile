# Two entry points for a fresh machine: `make run` and `make test`.
#
# Both install exactly the versions in requirements.lock (with their hashes), then
# the project itself without dependencies, so every machine tests and runs what
# was locked. `make lock` refreshes the lock after a change to pyproject.toml.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCK := requirements.lock
# The installers' tools (the `package` extra: PyInstaller), locked apart so that
# `make test` and `make run` never install them; the same versions as LOCK otherwise.
PACKAGE_LOCK := requirements-package.lock
PACKAGE_STAMP := $(VENV)/.installed-package
# The lock tool, pinned, in a folder of its own so it never mixes with the app's packages.
UV_VERSION := 0.13.8
TOOLS := .tools
UV := $(TOOLS)/bin/uv

.PHONY: run test bench crash sync-soak lock check-system package package-test screenshots clean

$(STAMP): $(LOCK) pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

# PyInstaller in a step of its own, after the app's own packages: once done, the
# bundle builds offline.
$(PACKAGE_STAMP): $(STAMP) $(PACKAGE_LOCK)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r $(PACKAGE_LOCK)
	touch $(PACKAGE_STAMP)

run: $(STAMP) check-system
	$(BIN)/coordinator

# Qt's window on Linux needs a few system libraries that a desktop may lack; say
# which, and how to install them, instead of Qt's "could not load the platform plugin".
check-system: $(STAMP)
	@$(BIN)/python -m coordinator_app.system_check

# The data core's tests run a second time on encrypted databases (SQLCipher): the
# shared database fixtures are encrypted with --encrypted.
CORE_TESTS := tests/test_service.py tests/test_journal.py tests/test_models.py \
	tests/test_listing.py tests/test_search.py tests/test_search_ranking.py \
	tests/test_search_spellings.py tests/test_short_names.py tests/test_tombstones.py \
	tests/test_field_limits.py tests/test_attachments.py tests/test_generate.py \
	tests/test_duplicates.py tests/test_dashboard.py tests/test_demo.py \
	tests/test_reports.py tests/test_collation.py tests/test_made_rows.py

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest --encrypted $(CORE_TESTS)

# Each step's figures land in build/bench; the last step prints issue 19's goals from
# them and writes that table into README.md (and fails if a goal is missed).
bench: $(STAMP)
	mkdir -p build/bench
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/run.py $(if $(PEOPLE),--people $(PEOPLE)) \
		--json build/bench/run.json
	$(BIN)/python benchmarks/run.py --generate-only --people 1000000 \
		--json build/bench/generate.json
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/encryption.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/reports.py --json build/bench/reports.json
	$(BIN)/python benchmarks/hub.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/sync.py
	$(BIN)/python benchmarks/table.py build/bench/run.json build/bench/reports.json \
		--generate build/bench/generate.json --readme README.md

# Random histories of three laptops exchanging bundles, 500 of them (20 run in make test),
# and 10,000 random concurrent edits on three laptops (600 in make test).
sync-soak: $(STAMP)
	SYNC_SOAK=500 SYNC_EDITS=10000 QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest \
		tests/test_sync_convergence.py tests/test_sync_many_edits.py -q

# Writers killed at 200 random moments: prints what was lost, half written, failed its
# integrity check or would not open, and fails if any of it is not zero (SEED=N repeats a run).
crash: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/crash_harness.py --trials 200 $(if $(SEED),--seed $(SEED))

# Every page at 1280×800 in en, uk and lt (out/screenshots/LANG/), offscreen, from the
# demo data; the README's few pictures are refreshed in resources/screenshots.
screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshots.py --out out/screenshots \
		--readme resources/screenshots

# The bundle for this system, in dist/ (packaging/build.py says what it makes).
package: $(PACKAGE_STAMP)
	$(BIN)/python packaging/build.py

# Builds the bundle, installs it in a temporary home and runs the packaged program.
package-test: $(PACKAGE_STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m package

# Every platform the app runs on (Linux, Windows, macOS) and Python 3.11 and newer,
# in one file: pip installs the lines whose markers fit the machine. The package
# lock adds the installers' tools, held to the versions of the first.
lock: $(UV)
	$(UV) pip compile pyproject.toml build-requirements.in --extra test \
		--universal --python-version 3.11 --generate-hashes --no-header --quiet \
		--output-file $(LOCK)
	$(UV) pip compile pyproject.toml build-requirements.in --extra test --extra package \
		--constraint $(LOCK) \
		--universal --python-version 3.11 --generate-hashes --no-header --quiet \
		--output-file $(PACKAGE_LOCK)

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet uv==$(UV_VERSION)

clean:
	rm -rf $(VENV) $(TOOLS) build dist *.egg-info
