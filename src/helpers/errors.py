"""Errors a user can cause and fix; the command line prints them as one line."""


class UserError(Exception):
    """A mistake in the input or the command (wrong period, missing report, damaged file).

    The message says what is wrong and what to do; the CLI prints it without a traceback.
    """
