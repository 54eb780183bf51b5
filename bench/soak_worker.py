"""One soak worker: N mixed operations on a shared store; prints what it did as JSON."""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
from pathlib import Path


def main(db: str, worker: int, operations: int) -> None:
    from procure.errors import ProcureError
    from procure.services.evaluations import list_evaluations, load_result, run_evaluation
    from procure.services.imports import ImportOptions, import_offers
    from procure.services.offers import list_offers
    from procure.services.store import open_store
    from procure.services.workspace import StaleEdit, set_member_scores

    store = open_store(db)
    factory = store
    rng = random.Random(worker)
    done = {
        "imported_rows": 0,
        "imports": 0,
        "evaluations": 0,
        "scores": 0,
        "stale": 0,
        "reads": 0,
        "errors": [],
    }
    folder = Path(tempfile.mkdtemp())
    start = time.perf_counter()
    for op in range(operations):
        roll = rng.random()
        try:
            if roll < 0.4:
                path = folder / f"w{worker}-{op}.csv"
                path.write_text(
                    "Model;Payload (t);Engine power (kW);Price;Currency\n"
                    f"SOAK-{worker}-{op}-a;90;800;1 000 000;USD\n"
                    f"SOAK-{worker}-{op}-b;130;1100;2 000 000;USD\n",
                    encoding="utf-8",
                )
                # Half the imports go to one vendor shared by every worker: its creation and
                # its offers race with the other processes' (issue #14).
                vendor = "Soak shared vendor" if roll < 0.2 else f"Soak vendor {worker}"
                import_offers(factory, path, ImportOptions(vendor=vendor, category="dumper"))
                done["imports"] += 1
                done["imported_rows"] += 2
            elif roll < 0.55:
                run_evaluation(factory, "Coal - face loading of lignite seam")
                done["evaluations"] += 1
            elif roll < 0.9:
                evaluations = [e for e in list_evaluations(factory) if e.status == "draft"]
                if not evaluations:
                    continue
                target = rng.choice(evaluations).id
                result = load_result(factory, target)
                responsive = [a["offer_id"] for a in result["alternatives"] if a["responsive"]]
                judged = [c["key"] for c in result["criteria"] if c.get("kind") == "judged"]
                if not responsive or not judged:
                    continue
                try:
                    set_member_scores(
                        factory,
                        target,
                        f"Member {worker}",
                        rng.choice(responsive),
                        {judged[0]: rng.randint(0, 10)},
                        expected_version=result["version"],
                    )
                    done["scores"] += 1
                except StaleEdit:
                    done["stale"] += 1  # refused, as it must be: someone saved in between
            else:
                list_offers(factory)
                done["reads"] += 1
        except ProcureError as exc:
            done["errors"].append(str(exc))
    done["seconds"] = time.perf_counter() - start
    store.engine.dispose()
    print(json.dumps(done))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
