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
