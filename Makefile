# Two commands on a fresh machine:  `make run` (app on the demo data)  and  `make test` (every test).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8501
# this computer only; `make run ADDRESS=0.0.0.0` lets other computers in (set an owner password first: README)
ADDRESS ?= 127.0.0.1
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test test-fast lint setup system bench screenshots clean

run: setup
	$(BIN)/python -m streamlit run app.py --server.address $(ADDRESS) --server.port $(PORT) --server.headless true \
		--browser.gatherUsageStats false

test: setup system lint
	$(BIN)/python -m pytest

# the linter (rules and why in ruff.toml): make test runs it before the tests
lint: setup
	$(BIN)/ruff check .

# the quick loop while working: everything but the browser and slow tests, on both cores (pytest-xdist)
test-fast: setup lint
	$(BIN)/python -m pytest -n 2 -m "not browser and not slow"

# the browser tests again, writing their page pictures into docs/screenshots for the README
screenshots: setup system
	PROMO_SHOTS=docs/screenshots $(BIN)/python -m pytest -m browser

bench: setup system
	$(BIN)/python bench/run_all.py

setup: $(VENV)/.installed

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

# Debian's Chromium for the browser tests and chart images, CJK fonts so Chinese renders.
system:
	@if ! command -v chromium >/dev/null || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then \
		$(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q chromium fonts-noto-cjk; \
	fi

clean:
	rm -rf $(VENV) .pytest_cache tests/artifacts
