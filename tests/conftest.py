import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The audit trail's installation key: one throw-away configuration folder for the test run
# (subprocesses inherit it), never the user's own.
os.environ.setdefault("PROCURE_CONFIG_DIR", tempfile.mkdtemp(prefix="procure-cfg-"))

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from procure.db import Store
from procure.services.store import open_store

# Fixtures that make a test take seconds: LibreOffice recalculating the exported workbooks.
SLOW_FIXTURES = {"recalculated"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that uses a QApplication as `gui`, every test on the PostgreSQL
    server as `postgresql` and every test that uses LibreOffice as `slow` (deselect any of
    them with -m "not gui", -m "not postgresql", -m "not slow")."""
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "qtbot" in fixtures or "qtmodeltester" in fixtures or "qapp" in fixtures:
            item.add_marker(pytest.mark.gui)
        if SLOW_FIXTURES & set(fixtures):
            item.add_marker(pytest.mark.slow)
        callspec = getattr(item, "callspec", None)
        if callspec is not None and callspec.params.get("store") == "postgresql":
            item.add_marker(pytest.mark.postgresql)


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite store created once per session through the real start path (Alembic
    migrations to head, sample catalogue and need templates seeded, the sample evaluation
    run); tests get copies of it instead of migrating and seeding their own."""
    path = tmp_path_factory.mktemp("template") / "procure.db"
    opened = open_store(path)
    with opened.engine.connect() as conn:
        # Everything into the main file, so that copying that one file copies the store.
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    opened.engine.dispose()
    return path


@pytest.fixture
def db_path(tmp_path: Path, template_db: Path) -> Path:
    """This test's store file: a copy of the seeded template, as a user has it after the
    first start. A test of the first start itself uses `new_db_path`."""
    path = tmp_path / "procure.db"
    shutil.copyfile(template_db, path)
    return path


@pytest.fixture
def new_db_path(tmp_path: Path) -> Path:
    """Where a store does not exist yet: opening it creates, migrates and seeds it."""
    return tmp_path / "new.db"


PG_ADMIN_URL = os.environ.get(
    "PROCURE_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Modules marked `both_backends` run their store tests on SQLite and on PostgreSQL."""
    if "store" in metafunc.fixturenames and metafunc.definition.get_closest_marker("both_backends"):
        metafunc.parametrize("store", ["sqlite", "postgresql"], indirect=True)


def _admin_engine() -> Engine:
    from sqlalchemy import create_engine

    return create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")


def _create_postgres_database(template: str | None = None) -> tuple[str, str]:
    """Create a uniquely named database on the test server (a copy of `template`, else
    empty) and return its URL and name; skip (fail under CI) without a server."""
    import uuid

    from sqlalchemy import text
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import OperationalError

    admin = _admin_engine()
    name = f"procure_test_{uuid.uuid4().hex[:12]}"
    copy_of = f' TEMPLATE "{template}"' if template else ""
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"{copy_of}'))
    except OperationalError as exc:
        reason = " ".join(str(exc.orig).split())[:160]
        if os.environ.get("CI"):
            pytest.fail(f"CI needs the PostgreSQL server at {PG_ADMIN_URL}: {reason}")
        pytest.skip(f"no PostgreSQL server at {PG_ADMIN_URL} ({reason}); set PROCURE_TEST_PG")
    finally:
        admin.dispose()
    url = make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    return url, name


def _drop_postgres_database(name: str) -> None:
    from sqlalchemy import text

    admin = _admin_engine()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def postgres_template() -> Iterator[str]:
    """The PostgreSQL counterpart of `template_db`: a database migrated and seeded once per
    session, which each test's database copies (CREATE DATABASE … TEMPLATE)."""
    url, name = _create_postgres_database()
    opened = open_store(url)
    opened.engine.dispose()  # a template must have no connections while it is copied
    yield name
    _drop_postgres_database(name)


@pytest.fixture
def store(request: pytest.FixtureRequest, db_path: Path) -> Iterator[Store]:
    """A store migrated through the real Alembic path and seeded with the samples (a copy
    of the session's template): SQLite, or (in `both_backends` modules) also PostgreSQL."""
    backend = getattr(request, "param", "sqlite")
    if backend == "sqlite":
        opened = open_store(db_path)
        yield opened
        opened.engine.dispose()
        return
    url, name = _create_postgres_database(request.getfixturevalue("postgres_template"))
    opened = open_store(url)
    yield opened
    opened.engine.dispose()
    _drop_postgres_database(name)


@pytest.fixture
def session_factory(store: Store):  # type: ignore[no-untyped-def]
    return store


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
