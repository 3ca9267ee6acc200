"""helpers.interrupt: a Ctrl-C and the publishing step are ordered. Before it, the run stops
and nothing is published; once it has begun, the Ctrl-C is let go and the run finishes, so
"the last good output is unchanged" is never said of a run that published (a press read late
under load had published and still said so). The whole runs are tests/e2e/test_interrupt.py."""

from __future__ import annotations

import pytest

from helpers import interrupt


class _Loop:
    def __init__(self) -> None:
        self.called: list[object] = []

    def call_soon_threadsafe(self, fn) -> None:
        self.called.append(fn)


class _Task:
    def cancel(self) -> None:  # pragma: no cover - only passed to the loop
        pass


@pytest.fixture
def run(monkeypatch) -> _Loop:
    """A run inside ctrl_c_stops, its event loop driving a task."""
    loop, task = _Loop(), _Task()
    for key, value in {"on": True, "hit": False, "late": False, "loop": loop, "task": task}.items():
        monkeypatch.setitem(interrupt._run, key, value)
    return loop


def test_a_ctrl_c_before_publishing_cancels_the_run_and_publishing_refuses(run):
    assert interrupt._on_ctrl_c() is True
    assert interrupt._run["hit"] is True and run.called == [interrupt._run["task"].cancel]
    published = []
    with pytest.raises(KeyboardInterrupt), interrupt.publishing():
        published.append("switched")
    assert published == []  # the task had already ended: its cancel came too late


def test_a_ctrl_c_once_publishing_has_begun_is_let_go(run):
    with interrupt.publishing():
        assert interrupt._on_ctrl_c() is False
    assert interrupt._run["hit"] is False and run.called == []
    assert interrupt._on_ctrl_c() is False  # after the switch too, to the end of the run


def test_outside_a_run_publishing_marks_nothing(monkeypatch):
    monkeypatch.setitem(interrupt._run, "on", False)
    monkeypatch.setitem(interrupt._run, "hit", False)
    monkeypatch.setitem(interrupt._run, "late", False)
    with interrupt.publishing():
        pass
    assert interrupt._run["late"] is False
