"""Score the importer on the vendor corpus: files read right, field by field.

`python -m tests.corpus.score [--held-out]` builds the files into a temporary folder, reads
each one in-process with the options its case names and prints, per file, the fields read
right out of those a careful person reads from it, and the reader's problems.
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.corpus.generate import Case


@dataclass(frozen=True)
class Score:
    name: str
    right: int
    total: int
    problems: tuple[str, ...]
    wrong: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems and not self.wrong and self.right == self.total


def _options(case: Case) -> Any:
    from procure.importing.reader import ImportOptions

    args = dict(zip(case.options[::2], case.options[1::2], strict=True))
    return ImportOptions(
        vendor=args.get("--vendor"),
        category=args.get("--category"),
        currency=args.get("--currency"),
    )


def _same(got: Any, want: Any) -> bool:
    if isinstance(want, int | float) and not isinstance(want, bool):
        if not isinstance(got, int | float):
            try:
                got = float(got)
            except (TypeError, ValueError):
                return False
        return abs(float(got) - want) <= 1e-3 * max(1.0, abs(want))
    return bool(got == want)


def score_case(case: Case, folder: Path) -> Score:
    """Read one case's file and compare every expected value with what was read."""
    from procure.errors import InvalidInput
    from procure.importing.reader import read_offers

    path = case.build(folder)
    total = sum(len(o["values"]) + 1 for o in case.offers)  # +1: the model itself
    try:
        parsed = read_offers(path, _options(case))
    except InvalidInput as exc:
        return Score(case.name, 0, total, (str(exc),), ())
    by_model = {o.model: o for o in parsed.offers}
    right, wrong = 0, []
    for expected in case.offers:
        got = by_model.get(expected["model"])
        if got is None:
            wrong.append(f"{expected['model']}: not read")
            continue
        right += 1
        for key, want in expected["values"].items():
            have = got.values.get(key)
            if _same(have, want):
                right += 1
            else:
                wrong.append(f"{expected['model']} {key}: got {have!r}, expected {want!r}")
        if case.strict:
            for key, have in got.values.items():
                if have is not None and key not in expected["values"]:
                    wrong.append(f"{expected['model']} {key}: got {have!r}, expected nothing")
    extra = sorted(set(by_model) - {e["model"] for e in case.offers})
    wrong += [f"{m}: read, but is no offer" for m in extra]
    if parsed.problems:
        right = 0  # a refused file gives the committee nothing
    return Score(case.name, right, total, tuple(str(p) for p in parsed.problems), tuple(wrong))


def score_all(cases: list[Case]) -> list[Score]:
    with tempfile.TemporaryDirectory() as tmp:
        scores = []
        for case in cases:
            folder = Path(tmp) / case.name
            folder.mkdir()
            scores.append(score_case(case, folder))
        return scores


def main(argv: list[str]) -> int:
    from tests.corpus.vendors import HELD_OUT_CASES, VENDOR_CASES

    cases = HELD_OUT_CASES if "--held-out" in argv else VENDOR_CASES
    scores = score_all(cases)
    for s in scores:
        mark = "ok " if s.ok else "BAD"
        print(f"{mark} {s.name}: {s.right}/{s.total}")
        for line in (*s.problems, *s.wrong):
            print(f"      {line}")
    files = sum(s.ok for s in scores)
    right, total = sum(s.right for s in scores), sum(s.total for s in scores)
    print(f"files read right: {files}/{len(scores)}; values read right: {right}/{total}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
