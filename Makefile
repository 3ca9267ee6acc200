# Metropolis progress workbench. `make help` lists the targets.
PERIOD ?= 2022-T1
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml uv.lock | cksum | cut -d' ' -f1)
# uv installs the locked environment (uv.lock); it is bootstrapped from PyPI with the machine's pip.
UV_VERSION := 0.13.9
UV := .tools/uv-$(UV_VERSION)/bin/uv
UV_ENV := UV_PROJECT_ENVIRONMENT=$(VENV) UV_PYTHON=$(PYTHON) UV_PYTHON_DOWNLOADS=never
KERNEL := metropolis-workbench
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.DEFAULT_GOAL := help
.PHONY: help setup lock ingest report report-all new-period profile lab test lint mutation bench docs clean

help: ## list the targets with what they do
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-12s %s\n", $$1, $$2}'
	@echo "  (PERIOD=$(PERIOD) by default; e.g. make report PERIOD=2022-T2)"

setup: $(STAMP) ## build .venv from uv.lock with uv (runs once per change of pyproject.toml or uv.lock)

$(UV):
	@mkdir -p .tools
	@PIP_ROOT_USER_ACTION=ignore $(PYTHON) -m pip install --quiet --disable-pip-version-check --target .tools/uv-$(UV_VERSION) uv==$(UV_VERSION) \
		2> .tools/pip.log || { cat .tools/pip.log; echo "make setup: could not install uv $(UV_VERSION) with $(PYTHON) -m pip"; exit 1; }

$(STAMP): pyproject.toml uv.lock | $(UV)
	@echo "==> setting up $(VENV) from uv.lock"
	@$(UV_ENV) $(UV) sync --locked --extra dev --compile-bytecode --quiet \
		|| { echo "make setup: uv sync failed; if you changed pyproject.toml, run make lock"; exit 1; }
	@$(PY) -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python (Metropolis workbench)" >/dev/null
	@rm -f $(VENV)/.installed-*
	@touch $@

lock: | $(UV) ## re-resolve uv.lock after editing the pins in pyproject.toml (then make setup)
	@$(UV_ENV) $(UV) lock

ingest: setup ## parse data/raw/PERIOD into data/processed/PERIOD tables
	@$(PY) -m helpers ingest --period $(PERIOD) $(if $(ACCEPT),--accept-errors,)

report: setup ## ingest PERIOD and render reports/PERIOD/*.html and reports/index.html (FORCE=1 reruns all; ACCEPT=1 renders despite a missing section, with a banner)
	@$(PY) -m helpers report --period $(PERIOD) $(if $(FORCE),--force,) $(if $(ACCEPT),--accept-errors,)

report-all: setup ## rebuild every period with a raw report from one process, on a pool of JOBS kernels (default: cores)
	@$(PY) -m helpers report-all --jobs $(JOBS) $(if $(FORCE),--force,)

new-period: setup ## create data/raw/PERIOD and say what to put there
	@$(PY) -m helpers new-period --period $(PERIOD)

profile: setup ## render reports/members/<member>.html (MEMBER=Seoul)
	@$(PY) -m helpers profile --member "$(MEMBER)"

lab: setup ## open JupyterLab in notebooks/ with the project kernel (Ctrl-C stops it)
	@echo "==> JupyterLab: open the http://localhost:8888/lab?token=... URL printed below; Ctrl-C to stop"
	@$(VENV)/bin/jupyter lab --notebook-dir=notebooks --no-browser --ServerApp.port=8888 \
		--MappingKernelManager.default_kernel_name=$(KERNEL) --ServerApp.answer_yes=True $(if $(filter 0,$(shell id -u)),--allow-root,)

test: setup ## run the test suite (unit, integration, every notebook)
	@$(PY) -m pytest -n 2 -p no:cacheprovider

lint: setup ## ruff check and format check
	@$(VENV)/bin/ruff check src tests bench && $(VENV)/bin/ruff format --check src tests bench

mutation: setup ## mutation testing of the pure core (slow, not in make test): killed/total per module
	@rm -rf mutants && mkdir mutants
	@echo "==> mutmut run (log: mutants/run.log; survivors: $(PY) bench/mutation_summary.py --survivors)"
	@set -f; start=$$(date +%s); $(VENV)/bin/mutmut run $$($(PY) bench/mutation_summary.py --globs) > mutants/run.log 2>&1 \
		|| { tail -20 mutants/run.log; echo "make mutation: mutmut failed (log: mutants/run.log)"; exit 1; }; \
		echo "    mutmut took $$(( $$(date +%s) - start )) s"
	@$(PY) bench/mutation_summary.py

bench: setup ## print timing figures (bench/)
	@$(PY) bench/bench_ingest.py
	@$(PY) bench/bench_parse.py
	@$(PY) bench/bench_report.py
	@$(PY) bench/bench_periods.py

docs: setup ## regenerate docs/data_dictionary.md from the schemas
	@$(PY) -m helpers docs

clean: ## delete processed data and rendered reports (they are rebuilt by make report)
	rm -rf data/processed/*/ reports/*/ reports/*.html
