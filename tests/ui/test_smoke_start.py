"""`procure --smoke`: the start check CI runs on the installed wheel and the desktop bundle."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.gui


def _smoke(db: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(home / "config"),
    }
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", db, "--smoke"],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_a_first_start_seeds_the_store_and_shows_the_catalogue(tmp_path: Path) -> None:
    db = tmp_path / "first.db"
    result = _smoke(str(db), tmp_path)
    assert result.returncode == 0, result.stderr
    # The sample catalogue has 33 offers (procure/resources/sample_catalogue.csv).
    assert result.stdout.startswith("smoke ok: main window shown with 33 offers;"), result.stdout
    assert str(db) in result.stdout
    assert db.is_file()


def test_a_store_that_cannot_be_opened_fails_with_the_message_shown(tmp_path: Path) -> None:
    result = _smoke("nosuch://server/db", tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith("smoke FAILED: Cannot open the store nosuch://server/db"), (
        result.stdout
    )


# What the first screen must not wait for (the start-up rule): the ORM, the
# migrations, the numeric, report, workbook and spreadsheet libraries, and the parts of
# procure built on them.
NOT_BEFORE_PAINT = (
    "sqlalchemy",
    "alembic",
    "numpy",
    "reportlab",
    "openpyxl",
    "python_calamine",
    "pint",
    "pypdfium2",
    "procure.db",
    "procure.models",
    "procure.services",
    # the method registry (procure.evaluation.methods) is plain data and may load early
    "procure.evaluation.engine",
    "procure.evaluation.mcda",
    "procure.evaluation.sensitivity",
    "procure.evaluation.engineering",
    "procure.exports",
    "procure.importing",
)

# The facade the window opens the store and reads the snapshot through: it imports nothing
# heavy until a function needs it.
LIGHT_BEFORE_PAINT = {"procure.services", "procure.services.store"}

_PAINT_PROBE = """
import os, sys
from ui.app import create_application, show_main_window
app = create_application()
window = show_main_window(sys.argv[1])
def painted():
    window.catalogue.table.viewport().repaint()
    print(window.catalogue.proxy.rowCount())
    print(" ".join(sorted(sys.modules)), flush=True)
    os._exit(0)
window.loaded.connect(painted)
app.exec()
"""


def test_the_catalogue_is_painted_before_the_heavy_libraries_load(
    db_path: Path, tmp_path: Path
) -> None:
    """On a current store the rows come from sqlite3 alone; the rest loads behind them."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    result = subprocess.run(
        [sys.executable, "-c", _PAINT_PROBE, str(db_path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    rows, modules = result.stdout.splitlines()
    assert int(rows) == 33
    loaded = set(modules.split())
    early = [
        m
        for m in loaded - LIGHT_BEFORE_PAINT
        if any(m == p or m.startswith(p + ".") for p in NOT_BEFORE_PAINT)
    ]
    assert early == []
    assert "PySide6.QtWidgets" in loaded  # the probe did see the window's own imports
