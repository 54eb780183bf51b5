import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest

from procure.db import Store, open_store


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that uses a QApplication as `gui` (run the rest with -m "not gui")."""
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "qtbot" in fixtures or "qtmodeltester" in fixtures or "qapp" in fixtures:
            item.add_marker(pytest.mark.gui)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "procure.db"


@pytest.fixture
def store(db_path: Path) -> Store:
    """A store migrated through the real Alembic path and seeded with the samples."""
    opened = open_store(db_path)
    yield opened
    opened.engine.dispose()


@pytest.fixture
def session_factory(store: Store):  # type: ignore[no-untyped-def]
    return store.session_factory


@pytest.fixture(autouse=True)
def _isolated_qt_settings(request: pytest.FixtureRequest, tmp_path: Path):  # type: ignore[no-untyped-def]
    """GUI tests keep QSettings (the remembered member name, folders) in their tmp folder."""
    if not {"qtbot", "qapp", "qtmodeltester"} & set(request.fixturenames):
        yield
        return
    from PySide6.QtCore import QCoreApplication, QSettings

    QCoreApplication.setOrganizationName("procure-tests")
    QCoreApplication.setApplicationName("procure")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings")
    )
    yield
