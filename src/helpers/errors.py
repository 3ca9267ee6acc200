"""Errors a user can cause and fix; the command line and notebooks show them as one line.

In IPython or Jupyter, importing ``helpers`` registers :func:`show_one_line` for
:class:`UserError` with IPython's public ``set_custom_exc``: a wrong period or an unknown name
prints its message, not a traceback. Every other exception keeps its full traceback. The
cell still fails (IPython records the error), so papermill and the report run stop on it.
Set ``HELPERS_FULL_TRACEBACKS=1`` to see full tracebacks for UserError too (the report run
does, so its failure message can name the failing line).
"""

from __future__ import annotations

import os
import sys
from typing import Any

FULL_TRACEBACKS_ENV = "HELPERS_FULL_TRACEBACKS"

__all__ = ["FULL_TRACEBACKS_ENV", "UserError", "install_ipython_handler", "one_line"]


class UserError(Exception):
    """A mistake in the input or the command (wrong period, missing report, damaged file).

    The message says what is wrong and what to do; the CLI prints it without a traceback.
    """


def one_line(exc: BaseException) -> str:
    """The exception's message on one line (its lines joined with spaces)."""
    return " ".join(part.strip() for part in str(exc).splitlines() if part.strip())


def show_one_line(
    shell: Any, etype: type, value: BaseException, tb: Any, tb_offset: int | None = None
) -> list[str]:
    """IPython custom exception handler: print the UserError's message as one line on stderr
    (shown in red in Jupyter) and no traceback."""
    print(one_line(value), file=sys.stderr)
    return []


def install_ipython_handler(shell: Any = None) -> bool:
    """Show UserErrors as one line in the running IPython (or ``shell``); True if registered.

    Nothing happens outside IPython, when ``HELPERS_FULL_TRACEBACKS`` is set, or when another
    custom exception handler is already registered (it is left alone).
    """
    if shell is None:
        ipython = sys.modules.get("IPython")  # imported already wherever IPython runs
        shell = ipython.get_ipython() if ipython is not None else None
    if shell is None or os.environ.get(FULL_TRACEBACKS_ENV):
        return False
    if tuple(getattr(shell, "custom_exceptions", ())) not in ((), (UserError,)):
        return False
    shell.set_custom_exc((UserError,), show_one_line)
    return True
