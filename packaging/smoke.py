"""Prove that an installed procure works away from the checkout (run by .ci/run).

    python packaging/smoke.py wheel            build the wheel, install it into a fresh virtual
                                               environment in a temporary folder, exercise it
    python packaging/smoke.py bundle DIR       exercise the desktop bundle in DIR (dist/procure)

Exercising a program means, in an empty temporary folder with a minimal environment (no
virtual environment, no PYTHONPATH, the checkout nowhere on the path): start the window
offscreen until the catalogue is shown (`--smoke`), list the offers as JSON, import one of
the bundled sample spreadsheets, evaluate a need and export the PDF report, whose text must
carry the Cyrillic model names of the import (the font is package data too). The bundle
also opens a new store on the PostgreSQL test server (PROCURE_TEST_PG), which proves that
the database driver was collected.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NEED = "Coal - overburden haulage, open-pit lignite (Thar Block II style)"
SAMPLE = "belaz_dumpers_offer.csv"
SAMPLE_MODEL = "БелАЗ-7555В"  # a model of the sample file, in Cyrillic


class SmokeFailed(Exception):
    pass


def _run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    started = time.monotonic()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    took = time.monotonic() - started
    shown = " ".join(Path(c).name if os.sep in c else c for c in command)
    if result.returncode != 0:
        raise SmokeFailed(f"{shown} exited {result.returncode}:\n{result.stdout}{result.stderr}")
    print(f"  ok ({took:.1f} s): {shown}", flush=True)
    return result.stdout


def _bare_env(home: Path) -> dict[str, str]:
    """A user's environment: no virtual environment, no PYTHONPATH, offscreen Qt."""
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
    }


def exercise(program: list[str], sample_file: Path, work: Path) -> None:
    """Start the window, list, import, evaluate and export with `program` in `work`."""
    env = _bare_env(work)

    def procure(*args: str) -> str:
        return _run([*program, "--db", str(work / "smoke.db"), *args], work, env)

    procure("--smoke")
    offers = json.loads(procure("offers", "--json"))
    if not offers:
        raise SmokeFailed("offers --json listed no offers: the sample catalogue was not seeded")
    procure("import", str(sample_file), "--vendor", "BelAZ-Trading")
    result = json.loads(procure("evaluate", NEED, "--json"))
    models = {a["model"] for a in result["alternatives"]}
    if SAMPLE_MODEL not in models:
        raise SmokeFailed(f"the imported {SAMPLE_MODEL} was not evaluated: {sorted(models)}")
    pdf = work / "report.pdf"
    procure("export", str(result["evaluation_id"]), "--pdf", str(pdf))
    _check_pdf(pdf)
    print(f"  {len(offers)} offers listed, {len(models)} evaluated, {pdf.stat().st_size} B PDF")


def _check_pdf(pdf: Path) -> None:
    from pypdf import PdfReader

    if not pdf.read_bytes().startswith(b"%PDF-"):
        raise SmokeFailed(f"{pdf} is not a PDF")
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    if SAMPLE_MODEL not in text:
        raise SmokeFailed(f"the PDF report does not show {SAMPLE_MODEL} (is the font missing?)")


def _clean_copy(target: Path) -> Path:
    """Copy the files git tracks, as a fresh clone has them: a build/ folder left by an
    earlier build would otherwise hide a file missing from the package data."""
    listed = _run(["git", "ls-files", "-z"], ROOT).split("\0")
    for name in filter(None, listed):
        if (ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target / name)
    return target


def smoke_wheel(work: Path) -> None:
    print("== wheel: build, install into a fresh virtual environment, exercise", flush=True)
    dist = work / "dist"
    source = _clean_copy(work / "source")
    _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(dist), "."], source)
    (wheel,) = dist.glob("procure-*.whl")
    print(f"  {wheel.name}: {wheel.stat().st_size / 1e6:.2f} MB")
    venv = work / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], work)
    _run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)], work)
    python = str(venv / "bin" / "python")
    where = _run([python, "-c", "import procure; print(procure.__file__)"], work)
    if not where.startswith(str(venv)):
        raise SmokeFailed(f"procure was imported from {where.strip()}, not the fresh environment")
    package = Path(where.strip()).parent
    exercise([str(venv / "bin" / "procure")], package / "resources" / "samples" / SAMPLE, work)


def smoke_bundle(bundle: Path, work: Path) -> None:
    print(f"== desktop bundle {bundle}: exercise", flush=True)
    program = bundle.resolve() / "procure"
    (sample,) = bundle.resolve().glob(f"**/procure/resources/samples/{SAMPLE}")
    exercise([str(program)], sample, work)
    shared_store([str(program)], work)


def shared_store(program: list[str], work: Path) -> None:
    """Open a fresh database on the PostgreSQL test server with `program`: SQLAlchemy loads
    its driver by name, which a frozen bundle only has if the spec collected it."""
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import OperationalError

    admin_url = os.environ.get(
        "PROCURE_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
    )
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    name = f"procure_smoke_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as exc:
        admin.dispose()
        if os.environ.get("CI"):
            raise SmokeFailed(f"CI needs the PostgreSQL server at {admin_url}: {exc}") from None
        print(f"  skipped the shared store: no PostgreSQL server at {admin_url}")
        return
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    try:
        listed = _run([*program, "--db", url, "offers", "--json"], work, _bare_env(work))
        offers = json.loads(listed)
        print(f"  a new PostgreSQL store migrated and seeded: {len(offers)} offers")
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory(prefix="procure-smoke-") as folder:
        work = Path(folder)
        try:
            if argv[:1] == ["wheel"]:
                smoke_wheel(work)
            elif argv[:1] == ["bundle"] and len(argv) == 2:
                smoke_bundle(Path(argv[1]), work)
            else:
                print(__doc__, file=sys.stderr)
                return 2
        except SmokeFailed as exc:
            print(f"smoke test FAILED: {exc}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
