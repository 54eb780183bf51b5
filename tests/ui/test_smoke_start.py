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
