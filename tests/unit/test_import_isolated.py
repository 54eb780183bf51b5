"""The window's reader runs in a child process: what it reads comes back whole, and a child
that runs out of memory or dies is a sentence for the officer, never a crash of the window.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest

from procure.errors import InvalidInput
from procure.importing.isolated import read_offers_isolated
from procure.importing.reader import ImportOptions, read_offers
from tests.corpus.generate import MAZ_TRUCK_HEADER, MAZ_TRUCK_ROWS, write_xlsx

OPTIONS = ImportOptions(vendor="MAZ", category="truck")


@pytest.fixture
def offer_file(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "maz.xlsx", [MAZ_TRUCK_HEADER, *MAZ_TRUCK_ROWS])


def test_the_child_reads_what_the_reader_reads(offer_file: Path) -> None:
    here, there = read_offers(offer_file, OPTIONS), read_offers_isolated(offer_file, OPTIONS)
    assert [o.model for o in there.offers] == [o.model for o in here.offers]
    assert [o.values for o in there.offers] == [o.values for o in here.offers]
    assert there.mapping == here.mapping


def test_a_file_level_refusal_comes_back_as_the_same_sentence(tmp_path: Path) -> None:
    letter = tmp_path / "letter.csv"
    letter.write_text("Dear committee,\nplease find our offer attached.\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as here:
        read_offers(letter, OPTIONS)
    with pytest.raises(InvalidInput) as there:
        read_offers_isolated(letter, OPTIONS)
    assert there.value.problems == here.value.problems


def test_a_reader_out_of_memory_is_said_and_the_caller_lives_on(
    offer_file: Path, tmp_path: Path
) -> None:
    # 1 MB of address space is far less than the interpreter the child is forked from holds:
    # reading 20,000 rows needs memory it cannot have, as a hostile file would at 1.5 GiB.
    big = tmp_path / "big.csv"
    rows = "".join(f"MAZ-{i:05d},{20 + i % 9},{300 + i % 50},{90000 + i}\n" for i in range(20000))
    big.write_text("Model,Payload (t),Engine power (kW),Price (USD)\n" + rows, encoding="utf-8")
    with pytest.raises(InvalidInput) as refused:
        read_offers_isolated(big, OPTIONS, memory_limit=1 << 20)
    message = str(refused.value)
    assert "big.csv" in message and "nothing was imported" in message
    assert read_offers_isolated(offer_file, OPTIONS).offers  # the next read works


def test_a_killed_child_is_said_and_the_caller_lives_on(
    offer_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import multiprocessing.context

    started: list[int] = []
    original = multiprocessing.context.ForkServerProcess.start

    def start_and_remember(self):  # type: ignore[no-untyped-def]
        original(self)
        started.append(self.pid)

    monkeypatch.setattr(multiprocessing.context.ForkServerProcess, "start", start_and_remember)

    def kill_the_child() -> None:
        while not started:
            time.sleep(0.001)
        os.kill(started[0], signal.SIGKILL)

    killer = threading.Thread(target=kill_the_child)
    killer.start()
    with pytest.raises(InvalidInput) as refused:
        read_offers_isolated(offer_file, OPTIONS)
    killer.join()
    assert "stopped the reader" in str(refused.value) or "before it finished" in str(refused.value)
