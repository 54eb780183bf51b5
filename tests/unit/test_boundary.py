"""procure/ is the Qt-free core: importing every module must not load PySide6."""

import pkgutil
import subprocess
import sys

import procure


def test_core_imports_no_qt() -> None:
    modules = [
        m.name
        for m in pkgutil.walk_packages(procure.__path__, "procure.")
        if ".migrations" not in m.name
    ]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "qt = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "assert not qt, qt\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert len(modules) >= 10


def test_main_imports_only_what_the_ui_and_cli_may() -> None:
    """main.py is a module, not a package, so the import contracts cannot name it: hold its
    imports to the contract for the window and the command line."""
    import ast
    import tomllib
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    contract = next(
        c
        for c in config["tool"]["importlinter"]["contracts"]
        if c["name"] == "ui and cli import only services and plain types"
    )
    tree = ast.parse((root / "main.py").read_text(encoding="utf-8"))
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert {"procure.cli", "ui.app"} <= imported  # the two ways in, seen
    reaching = sorted(
        m
        for m in imported
        for f in contract["forbidden_modules"]
        if m == f or m.startswith(f + ".")
    )
    assert reaching == []
