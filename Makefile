# Every install step lives here: `make run` and `make test` work on a fresh machine.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LLAMA_CMAKE_ARGS := -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON
export GRADIO_ANALYTICS_ENABLED := False
export ANONYMIZED_TELEMETRY := False
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: install run test test-fast lint eval eval-test bench bench-storage bench-load bench-scale index clean browser-deps

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	# The CPU wheel of torch first, so nothing later pulls a CUDA build.
	$(BIN)/python -m pip install -q torch==2.13.0
	# llama-cpp-python (the real LLM server of the tests) has no Linux wheel and builds from source.
	# A native build on a CPU with AMX crashes in ggml's AMX matrix multiply (SIGSEGV in
	# ggml_backend_amx_mul_mat, seen here with 0.3.36): build for AVX2 instead, and never take the
	# wheel pip cached from a native build.
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" CMAKE_BUILD_PARALLEL_LEVEL=2 $(BIN)/python -m pip install -q --no-cache-dir 'llama-cpp-python[server]>=0.3'
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

index: $(STAMP)
	$(BIN)/policy-assistant ingest --if-missing

# `serve` builds what is missing itself: BM25 over the whole corpus first (seconds), so the chat
# answers at once, then the dense vectors in the background with progress shown in the UI.
run: $(STAMP)
	$(BIN)/policy-assistant serve

# The browser tests drive Debian's Chromium through Playwright (never `playwright install`);
# CJK fonts so that screenshots show the Chinese text. CI runs as root with apt available.
browser-deps:
	@{ test -x /usr/bin/chromium && ls /usr/share/fonts/opentype/noto/NotoSansCJK* >/dev/null 2>&1; } || { \
		SUDO=$$(test "$$(id -u)" = 0 || echo sudo); \
		$$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q chromium fonts-noto-cjk; }

test: $(STAMP) browser-deps
	$(BIN)/python -m pytest -q

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow and not server and not browser"

lint: $(STAMP)
	$(BIN)/ruff check assistant tests eval
	$(BIN)/ruff format --check assistant tests eval
	$(BIN)/mypy

# The whole evaluation: ours and every baseline, report written to eval/reports/.
eval: $(STAMP)
	$(BIN)/policy-assistant eval --compare

# The blind test set (eval/testset.jsonl) over a test library: the corpus plus the 150 regulations of
# ../shared/corpus-new that no rule was written for. Measured rarely, never tuned on.
TESTLIB := data/testlib
eval-test: $(STAMP)
	test -f $(TESTLIB)/.complete || { POLICY_ASSISTANT_DATA_DIR=$(TESTLIB) $(BIN)/policy-assistant ingest corpus ../shared/corpus-new && touch $(TESTLIB)/.complete; }
	POLICY_ASSISTANT_DATA_DIR=$(TESTLIB) $(BIN)/policy-assistant eval --questions eval/testset.jsonl --out eval/reports/testset
	POLICY_ASSISTANT_DATA_DIR=$(TESTLIB) $(BIN)/policy-assistant bench --questions eval/testset.jsonl --out eval/reports/testset/bench.md

bench: $(STAMP)
	$(BIN)/policy-assistant bench

# One small document added to and removed from a built library (a copy; the library is not changed).
bench-storage: $(STAMP)
	$(BIN)/python -m assistant.bench_storage $${LIBRARY:-data}

# Ten chat users against the real web server (loopback, a copy of the library), also while eight
# files upload; writes eval/reports/load.md. PROCESSES=2: two app processes sharing a chroma server.
bench-load: $(STAMP)
	$(BIN)/python -m assistant.bench_load $${LIBRARY:-data} --processes $${PROCESSES:-1}

# Libraries of 100k and 1M chunks (synthetic documents of corpus sentences, random vectors) built
# under $(SCALE_DIR), then measured: eval/reports/scale/*.json and the chart for eval/reports/scale.md.
# About an hour on 2 cores for 1M (9.5 GB); `make bench-scale SCALE_SIZES=100000` for the smaller one only.
SCALE_SIZES ?= 100000 1000000
SCALE_DIR ?= /tmp/policy-assistant-scale
bench-scale: $(STAMP)
	for n in $(SCALE_SIZES); do \
		$(BIN)/python -m assistant.bench_scale build $(SCALE_DIR)/$$n --chunks $$n && \
		$(BIN)/python -m assistant.bench_scale measure $(SCALE_DIR)/$$n --out eval/reports/scale/$$n.json || exit 1; \
	done
	$(BIN)/python -m assistant.bench_scale report eval/reports/scale/*.json --chart eval/reports/scale/cost.svg

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache

# Screenshots of every tab at 1280 and 390 px into docs/screenshots/ (a real Chromium, a small library).
screenshots: $(STAMP) browser-deps
	$(BIN)/python -m tests.browser.screenshots

