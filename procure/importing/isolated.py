"""Read an offer file in a child process, so that a file that crashes the reader or exhausts
memory cannot take the window down with it.

The child is started from a fork server that has the reader already imported (a few tens of
milliseconds a file on Linux), or spawned afresh where forking is not available (Windows).
Where the operating system allows it, the child's address space is capped at
``MEMORY_LIMIT``: a reader that tries to hold more is stopped, and the officer told so.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from procure.errors import InvalidInput, ProcureError
from procure.importing.reader import ImportOptions, ParsedFile, read_offers

if TYPE_CHECKING:
    from multiprocessing.context import ForkServerContext, SpawnContext

MEMORY_LIMIT = 1536 << 20  # 1.5 GiB of address space for the child that reads the file
POLL_SECONDS = 0.05


class ReadCancelled(ProcureError):
    def __init__(self) -> None:
        super().__init__("The import was cancelled; nothing was written.")


def _limit_memory(limit: int) -> None:
    try:
        import resource
    except ImportError:  # Windows: no address-space limit; the crash is still contained
        return
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _child(pipe: Connection, path: str, options: ImportOptions, memory_limit: int) -> None:
    _limit_memory(memory_limit)
    try:
        outcome: tuple[str, Any] = ("parsed", read_offers(path, options))
    except InvalidInput as exc:
        outcome = ("invalid", exc.problems)
    except MemoryError:
        outcome = ("memory", None)
    except Exception as exc:  # a reader bug: reported to the officer, never a traceback
        outcome = ("failed", f"{type(exc).__name__}: {exc}")
    pipe.send(outcome)
    pipe.close()


def _context() -> ForkServerContext | SpawnContext:
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__])
        return context
    return multiprocessing.get_context("spawn")


def read_offers_isolated(
    path: str | Path,
    options: ImportOptions,
    cancelled: Callable[[], bool] = lambda: False,
    *,
    memory_limit: int = MEMORY_LIMIT,
) -> ParsedFile:
    """Parse the file in a child process; raise what the reader would, or say it crashed."""
    name = Path(path).name
    context = _context()
    receiver, sender = context.Pipe(duplex=False)
    arguments = (sender, str(path), options, memory_limit)
    child = context.Process(target=_child, args=arguments, daemon=True)
    child.start()
    sender.close()
    try:
        while not receiver.poll(POLL_SECONDS):
            if cancelled():
                child.kill()
                raise ReadCancelled()
            if not child.is_alive() and not receiver.poll(0):
                raise InvalidInput(
                    f"{name}: reading the file stopped the reader (exit code "
                    f"{child.exitcode}); nothing was imported. Open the file in a spreadsheet "
                    "program, save it again as .xlsx, and import that copy"
                )
        kind, value = receiver.recv()
    except EOFError:
        raise InvalidInput(
            f"{name}: the reader stopped before it finished; nothing was imported"
        ) from None
    finally:
        receiver.close()
        child.join(timeout=5)
    if kind == "parsed":
        assert isinstance(value, ParsedFile)
        return value
    if kind == "invalid":
        raise InvalidInput(value)
    if kind == "memory":
        raise InvalidInput(
            f"{name}: reading the file needs more than {memory_limit >> 20:,} MB of memory, "
            "more than any offer sheet should; nothing was imported"
        )
    raise RuntimeError(f"the reader failed on {name}: {value}")
