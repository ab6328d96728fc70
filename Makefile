# Certa: `make demo` and `make test` work from a fresh clone (they create .venv).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test bench clean tcb

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	@mkdir -p build
	$(BIN)/certa cc examples/hello.c -o build/hello.cm
	objdump -d build/hello.cm | sed -n '/<main>:/,/^$$/p' | head -n 12
	$(BIN)/certa run build/hello.cm -- the cat saw the dog and the cat ran
	$(BIN)/certa cc examples/find.c -o build/find.cm
	$(BIN)/certa run build/find.cm
	$(BIN)/certa report examples/find.c -o build/find.html

test: $(STAMP)
	$(BIN)/python -m pytest -q -n 2 tests

bench: $(STAMP)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/acsl.py

clean:
	rm -rf build $(VENV) .pytest_cache
