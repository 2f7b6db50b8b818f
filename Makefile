PY      ?= python3.11
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
SEEDS   := seeds
OUT     := out
STORE   := kg-data
BUNDLE  := kg/web/static/dist/graph.js

.PHONY: install lint test check run bench bench-scale eval train fuzz clean screenshots

install: $(STAMP) $(BUNDLE)

# Debian packages the tests use: raptor2-utils (rapper), chromium (browser
# tests) and Virtuoso's server and isql alone (virtuoso-opensource-7-bin, the
# binaries of virtuoso-opensource: no system service, no debconf question;
# the tests start their own servers).
$(STAMP): pyproject.toml
	@command -v $(PY) >/dev/null || { echo "Python 3.11 is required: install python3.11 or run 'make PY=/path/to/python3.11'"; exit 1; }
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[model,dev,train]'
	@command -v rapper >/dev/null || { apt-get update -qq && apt-get install -y -qq raptor2-utils >/dev/null; } || echo "warning: could not install raptor2-utils; the rapper round-trip test will fail"
	@{ command -v chromium >/dev/null && command -v chromedriver >/dev/null; } || { apt-get update -qq && apt-get install -y -qq chromium chromium-driver fonts-dejavu-core >/dev/null; } || echo "warning: could not install chromium and chromium-driver; the browser tests will fail"
	@{ command -v virtuoso-t >/dev/null && command -v isql-vt >/dev/null; } || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends virtuoso-opensource-7-bin >/dev/null; } || echo "warning: could not install virtuoso-opensource-7-bin; the Virtuoso tests will fail"
	touch $(STAMP)

# The graph view's script (sigma.js and graphology) and the SPARQL editor
# (YASQE and YASR) from the npm registry
# (pinned in web/package-lock.json), bundled by esbuild; nothing fetched at run time.
$(BUNDLE): web/package.json web/package-lock.json web/src/graph.js web/src/sparql.js
	@command -v npm >/dev/null || { apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null; } || { echo "npm is required to bundle the graph view: install nodejs and npm"; exit 1; }
	cd web && npm ci --no-audit --no-fund --loglevel=error && npm run --silent build

lint: install
	$(BIN)/ruff check kg tests benchmarks
	$(BIN)/ruff format --check kg tests benchmarks
	$(BIN)/mypy

test: install
	$(BIN)/pytest -q

check: lint test

run: install
	$(BIN)/kg build $(SEEDS) --store $(STORE)
	$(BIN)/kg query who-supplied-whom --store $(STORE)
	$(BIN)/kg path "North Korea" Ukraine --store $(STORE)
	$(BIN)/kg build $(SEEDS) -o $(OUT)/seeds.ttl -q
	@echo
	@echo "Browse the graph: $(BIN)/kg serve --store $(STORE)   (then open http://127.0.0.1:8750/)"

bench: install
	$(BIN)/python -m benchmarks

# Synthetic scale: BBC texts with their entities permuted, 2,000 → 20,000 articles (slow).
bench-scale: install
	$(BIN)/python -m benchmarks scale-synthetic

eval: install
	$(BIN)/python -m kg.eval
	$(BIN)/python -m kg.eval learning

# The event decider (kg/learn/models/decider.json) from the corpus: about 4
# minutes for 200 training articles on two cores; deterministic.
train: install
	$(BIN)/python -m kg.learn

# 10,000 random inputs through ingest → build → store → read, 10,000 generated
# SERVICE, LOAD and update spellings against a live kg serve, and 20 builds of
# 100 articles killed at a random moment and resumed (make test runs fewer).
fuzz: install
	KG_FUZZ_EXAMPLES=10000 KG_FUZZ_KILLS=20 KG_FUZZ_ARTICLES=100 \
		$(BIN)/pytest -q --durations=0 tests/test_fuzz.py tests/web/test_guard.py

clean:
	rm -rf $(OUT) $(STORE) .pytest_cache .mypy_cache .ruff_cache web/node_modules kg/web/static/dist

# The README's screenshots: the browser tests' own at 1366x900 on 200 BBC
# politics articles (tests/web/test_workbench.py), copied from out/screenshots/.
screenshots:
	@test -f $(OUT)/screenshots/bbc-entity.png || { echo "run make test first (with the shared benchmarks): the browser tests take the screenshots"; exit 1; }
	mkdir -p docs/screenshots
	for page in search entity network path article articles sparql; do \
		cp $(OUT)/screenshots/bbc-$$page.png docs/screenshots/$$page.png; done

# docs/cli.md: the command-line reference, written from the commands' own help
# (tests/test_docs.py fails when it is out of date).
.PHONY: docs
docs: install
	$(BIN)/python -m kg.cli.reference > docs/cli.md
