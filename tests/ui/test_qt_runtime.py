"""Guards against known defects of the installed Qt for Python."""

import sys


def test_process_events_keeps_none_referenced(qapp) -> None:  # type: ignore[no-untyped-def]
    # PySide6 6.12.0 released a reference to None on every processEvents() call, so a long
    # session (or test run) crashed the interpreter; pyproject.toml excludes that release.
    before = sys.getrefcount(None)
    for _ in range(200):
        qapp.processEvents()
    assert sys.getrefcount(None) >= before - 20
