"""In IPython (and so in Jupyter), a UserError shows as its one-line message, not a traceback;
every other exception keeps its traceback. Driven with IPython's own InteractiveShell."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from IPython.core.interactiveshell import InteractiveShell

from helpers.errors import FULL_TRACEBACKS_ENV, UserError, install_ipython_handler

MESSAGE = "load: no processed data for 2030-T1 — run make report PERIOD=2030-T1"


@pytest.fixture
def shell(monkeypatch) -> Iterator[InteractiveShell]:
    monkeypatch.delenv(FULL_TRACEBACKS_ENV, raising=False)
    InteractiveShell.clear_instance()
    sh = InteractiveShell.instance(colors="nocolor")
    yield sh
    InteractiveShell.clear_instance()


def test_importing_helpers_in_ipython_registers_the_one_line_handler(shell, capsys):
    shell.run_cell("import importlib, helpers\nimportlib.reload(helpers)")  # as a fresh import
    assert shell.custom_exceptions == (UserError,)
    capsys.readouterr()
    result = shell.run_cell(f"from helpers.errors import UserError\nraise UserError({MESSAGE!r})")
    out = capsys.readouterr()
    shown = out.out + out.err
    assert shown.strip() == MESSAGE  # one line: the message, nothing else
    assert "Traceback" not in shown and "UserError" not in shown
    assert isinstance(result.error_in_exec, UserError)  # the cell still failed
    assert not result.success


def test_a_real_load_mistake_is_one_line(shell, capsys, tmp_path):
    install_ipython_handler(shell)
    capsys.readouterr()
    shell.run_cell(f"from helpers import load\nload('2030-T1', root={str(tmp_path)!r})")
    out = capsys.readouterr()
    lines = (out.out + out.err).strip().splitlines()
    assert len(lines) == 1 and "2030-T1" in lines[0] and "make report" in lines[0]


def test_other_exceptions_keep_their_traceback(shell, capsys):
    install_ipython_handler(shell)
    capsys.readouterr()
    result = shell.run_cell("def f():\n    return 1 / 0\nf()")
    out = capsys.readouterr()
    shown = out.out + out.err
    assert "Traceback" in shown and "ZeroDivisionError" in shown and "return 1 / 0" in shown
    assert isinstance(result.error_in_exec, ZeroDivisionError)


def test_a_user_error_raised_in_a_multiline_message_is_still_one_line(shell, capsys):
    install_ipython_handler(shell)
    capsys.readouterr()
    shell.run_cell(
        "from helpers.errors import UserError\nraise UserError('bad period\\n  try 2022-T1')"
    )
    out = capsys.readouterr()
    assert (out.out + out.err).strip() == "bad period try 2022-T1"


def test_left_alone_when_asked_for_full_tracebacks_or_another_handler_is_set(shell, monkeypatch):
    monkeypatch.setenv(FULL_TRACEBACKS_ENV, "1")
    assert install_ipython_handler(shell) is False
    assert shell.custom_exceptions == ()
    monkeypatch.delenv(FULL_TRACEBACKS_ENV)
    shell.set_custom_exc((KeyError,), lambda *a, **k: None)  # someone else's handler
    assert install_ipython_handler(shell) is False
    assert shell.custom_exceptions == (KeyError,)


def test_outside_ipython_nothing_is_registered():
    InteractiveShell.clear_instance()
    assert install_ipython_handler() is False  # no running shell
