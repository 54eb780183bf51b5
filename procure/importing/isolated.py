"""Read an offer file in a child process, so that a file that crashes the reader or exhausts
memory cannot take the window, or the command line, down with it.

The child opens the file and reads its first sheet as soon as it starts, then waits for the
options of the import (the vendor's remembered mapping needs the store, which the caller opens
meanwhile): so reading the file and opening the store run side by side, on two processors.

The window's child comes from a fork server that has the reader already imported (a few tens
of milliseconds a file on Linux), or is spawned afresh where forking is not available
(Windows); the command line, single-threaded when it starts the child, forks it directly.
Where the operating system allows it, the child's address space is capped at
``MEMORY_LIMIT``: a reader that tries to hold more is stopped, and the officer told so.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable
from dataclasses import replace
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from procure.errors import InvalidInput, ProcureError
from procure.importing.files import Workbook, prefetch
from procure.importing.reader import ImportOptions, OffersSoFar, ParsedFile, read_offers
from procure.perf import paused_gc

if TYPE_CHECKING:
    from multiprocessing.context import ForkContext, ForkServerContext, SpawnContext

# What the caller sends the child: the options it will most likely ask for, to parse with
# while it waits (GUESS), then the options of the parse it wants (PARSE). What the child sends
# back, naming the parse: runs of offers as they are read (PART), then the outcome (DONE).
GUESS, PARSE = "guess", "parse"
PART, DONE = "part", "done"
# What the child's end of the pipe raises once the caller has gone away.
CALLER_GONE = (EOFError, BrokenPipeError, ConnectionResetError)

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


def _child(
    pipe: Connection, path: str, memory_limit: int, stream: bool, callers_end: int | None
) -> None:
    if callers_end is not None:
        # A forked child holds the caller's end of the pipe too: closed, so that the caller's
        # death (a killed `procure import`) ends the pipe, and this child with it.
        os.close(callers_end)
    _limit_memory(memory_limit)
    workbook: Workbook | InvalidInput | None = None
    try:
        with paused_gc():
            workbook = prefetch(path)
    except InvalidInput as exc:
        workbook = exc  # said once the options come: the caller may not want the file after all
    except MemoryError:
        workbook = None
    # The caller may go away at any moment (an import refused for its vendor, a killed
    # process): then this child ends, quietly.
    with contextlib.suppress(*CALLER_GONE):
        _answer(pipe, path, workbook, stream)


def _answer(
    pipe: Connection, path: str, workbook: Workbook | InvalidInput | None, stream: bool
) -> None:
    guess: ImportOptions | None = None
    outcome: tuple[str, Any] = ("failed", "no parse was asked for")
    while True:
        request, options = pipe.recv()
        if request == GUESS:
            guess, outcome = options, _outcome(pipe, GUESS, path, options, workbook, stream)
            continue
        tag = GUESS if guess is not None and options == guess else PARSE
        if tag == PARSE:
            outcome = _outcome(pipe, PARSE, path, options, workbook, stream)
        pipe.send((DONE, tag, outcome))
        pipe.close()
        return


def _outcome(
    pipe: Connection,
    tag: str,
    path: str,
    options: ImportOptions,
    workbook: Workbook | InvalidInput | None,
    stream: bool,
) -> tuple[str, Any]:
    """Parse the file; when streaming, send the offers a run at a time as they are read, and
    leave them out of the ParsedFile (the caller puts the runs together)."""
    if isinstance(workbook, InvalidInput):
        return ("invalid", workbook.problems)
    if workbook is None:
        return ("memory", None)
    try:

        def hand_on(part: OffersSoFar) -> None:
            pipe.send((PART, tag, part))

        with paused_gc():
            parsed = read_offers(
                path, options, workbook=workbook, on_offers=hand_on if stream else None
            )
        return ("parsed", replace(parsed, offers=[]) if stream else parsed)
    except InvalidInput as exc:
        return ("invalid", exc.problems)
    except MemoryError:
        return ("memory", None)
    except CALLER_GONE:
        raise  # see _child
    except Exception as exc:  # a reader bug: reported to the officer, never a traceback
        return ("failed", f"{type(exc).__name__}: {exc}")


def _context(fork: bool) -> ForkContext | ForkServerContext | SpawnContext:
    methods = multiprocessing.get_all_start_methods()
    if fork and "fork" in methods and sys.platform == "linux" and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__])
        return context
    return multiprocessing.get_context("spawn")


class ChildReader:
    """A child process reading one offer file: started at once, asked for the parse later.

    ``guess`` are the options the parse will most likely be asked for (the command line's,
    before the vendor's remembered mapping is read from the store): the child parses with them
    while it waits, and parses again only if it is then asked for other options. ``stream``
    has the child send the offers a run at a time as it reads them (see parse). ``fork``
    starts the child by forking the caller, the quickest way, taken only where it is safe
    (Linux, a caller with no other thread, such as the command line)."""

    def __init__(
        self,
        path: str | Path,
        *,
        guess: ImportOptions | None = None,
        memory_limit: int = MEMORY_LIMIT,
        fork: bool = False,
        stream: bool = False,
    ) -> None:
        self.path = Path(path)
        self.memory_limit = memory_limit
        self.guess = guess
        self.stream = stream
        context = _context(fork)
        self._pipe, theirs = context.Pipe()
        forked = context.get_start_method() == "fork"
        callers_end = self._pipe.fileno() if forked else None
        arguments = (theirs, str(path), memory_limit, stream, callers_end)
        self._child = context.Process(target=_child, args=arguments, daemon=True)
        self._child.start()
        theirs.close()
        if guess is not None:
            self._pipe.send((GUESS, guess))

    def parse(
        self,
        options: ImportOptions,
        cancelled: Callable[[], bool] = lambda: False,
        on_offers: Callable[[OffersSoFar], None] | None = None,
    ) -> ParsedFile:
        """Parse the file with these options; raise what the reader would, or say it crashed.

        A child started with ``stream`` hands each run of offers to ``on_offers`` as it
        reads them, before the whole file is read."""
        name = self.path.name
        wanted = GUESS if self.guess is not None and options == self.guess else PARSE
        parts: list[OffersSoFar] = []
        outcome: str
        value: Any
        try:
            with contextlib.suppress(OSError):  # a child gone already is said below
                self._pipe.send((PARSE, options))
            while True:
                kind, tag, content = self._receive(cancelled)
                if tag != wanted:
                    continue  # the guess, read for nothing: the child reads again
                if kind == PART:
                    parts.append(content)
                    if on_offers is not None:
                        on_offers(content)
                    continue
                outcome, value = content
                break
        except (EOFError, ConnectionError):
            raise InvalidInput(
                f"{name}: the reader stopped before it finished; nothing was imported"
            ) from None
        finally:
            self.close()
        if outcome == "parsed":
            assert isinstance(value, ParsedFile)
            parsed: ParsedFile = value
            if self.stream:
                parsed = replace(parsed, offers=[o for part in parts for o in part.offers])
            return parsed
        if outcome == "invalid":
            raise InvalidInput(value)
        if outcome == "memory":
            raise InvalidInput(
                f"{name}: reading the file needs more than {self.memory_limit >> 20:,} MB of "
                "memory, more than any offer sheet should; nothing was imported"
            )
        raise RuntimeError(f"the reader failed on {name}: {value}")

    def _receive(self, cancelled: Callable[[], bool]) -> tuple[str, str, Any]:
        """The child's next message; raise when the officer cancels or the child dies."""
        while not self._pipe.poll(POLL_SECONDS):
            if cancelled():
                self._child.kill()
                raise ReadCancelled()
            if not self._child.is_alive() and not self._pipe.poll(0):
                raise InvalidInput(
                    f"{self.path.name}: reading the file stopped the reader (exit code "
                    f"{self._child.exitcode}); nothing was imported. Open the file in a "
                    "spreadsheet program, save it again as .xlsx, and import that copy"
                )
        message: tuple[str, str, Any] = self._pipe.recv()
        return message

    def close(self) -> None:
        """Stop the child if it still runs (the caller no longer needs the file)."""
        self._pipe.close()
        if self._child.is_alive():
            self._child.join(timeout=0.2)
        if self._child.is_alive():
            self._child.kill()
            self._child.join(timeout=5)


def read_offers_isolated(
    path: str | Path,
    options: ImportOptions,
    cancelled: Callable[[], bool] = lambda: False,
    *,
    memory_limit: int = MEMORY_LIMIT,
) -> ParsedFile:
    """Parse the file in a child process; raise what the reader would, or say it crashed."""
    return ChildReader(path, memory_limit=memory_limit).parse(options, cancelled)
