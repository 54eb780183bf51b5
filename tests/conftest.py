import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The audit trail's installation key: one throw-away configuration folder for the test run
# (subprocesses inherit it), never the user's own.
os.environ.setdefault("PROCURE_CONFIG_DIR", tempfile.mkdtemp(prefix="procure-cfg-"))

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


PG_ADMIN_URL = os.environ.get(
    "PROCURE_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Modules marked `both_backends` run their store tests on SQLite and on PostgreSQL."""
    if "store" in metafunc.fixturenames and metafunc.definition.get_closest_marker("both_backends"):
        metafunc.parametrize("store", ["sqlite", "postgresql"], indirect=True)


def _fresh_postgres_database() -> tuple[str, object]:
    """Create an empty database on the test server; skip (fail under CI) without one."""
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import OperationalError

    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"procure_test_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as exc:
        admin.dispose()
        reason = " ".join(str(exc.orig).split())[:160]
        if os.environ.get("CI"):
            pytest.fail(f"CI needs the PostgreSQL server at {PG_ADMIN_URL}: {reason}")
        pytest.skip(f"no PostgreSQL server at {PG_ADMIN_URL} ({reason}); set PROCURE_TEST_PG")
    url = make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    return url, (admin, name)


def _drop_postgres_database(handle: object) -> None:
    from sqlalchemy import text

    admin, name = handle  # type: ignore[misc]
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def store(request: pytest.FixtureRequest, db_path: Path) -> Store:
    """A store migrated through the real Alembic path and seeded with the samples: SQLite,
    or (in `both_backends` modules) also a fresh PostgreSQL database."""
    backend = getattr(request, "param", "sqlite")
    if backend == "sqlite":
        opened = open_store(db_path)
        yield opened
        opened.engine.dispose()
        return
    url, handle = _fresh_postgres_database()
    opened = open_store(url)
    yield opened
    opened.engine.dispose()
    _drop_postgres_database(handle)


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
