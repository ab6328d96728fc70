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
	@mkdir -p build/wordfreq
	for m in tokenizer counter ranker main; do \
	    $(BIN)/certa cc examples/wordfreq/$$m.c -o build/wordfreq/$$m.cm || exit 1; done
	cp examples/wordfreq/app.toml examples/wordfreq/sample.txt build/wordfreq/
	$(BIN)/certa run build/wordfreq/app.toml sample.txt

test: $(STAMP)
	$(BIN)/python -m pytest -q -n 2 tests

bench: $(STAMP)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/acsl.py
	$(BIN)/python bench/os.py

clean:
	rm -rf build $(VENV) .pytest_cache
