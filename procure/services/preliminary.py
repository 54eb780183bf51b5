"""Record what the committee finds at bid opening for one bid: bid security, validity,
signature, and the quantity and amount read out (for the arithmetic check)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from procure.errors import InvalidInput
from procure.evaluation.preliminary import RECORD_KEYS
from procure.fields import CURRENCIES
from procure.services.workspace import apply_change

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from procure.db import Store
    from procure.models import Evaluation

_NUMBERS = ("bid_security_amount", "bid_validity_days", "quoted_quantity", "quoted_amount")


def check_bid_record(record: Mapping[str, Any]) -> list[str]:
    """Every problem with a bid record, one sentence each."""
    problems = []
    for key, value in record.items():
        if key not in RECORD_KEYS:
            problems.append(f"{key}: not part of a bid record ({', '.join(RECORD_KEYS)})")
        elif value is None:
            continue
        elif key in _NUMBERS and (
            isinstance(value, bool) or not isinstance(value, int | float) or value < 0
        ):
            problems.append(f"{key}: a number of at least 0, got {value!r}")
        elif key == "bid_security_currency" and value not in CURRENCIES:
            problems.append(f"{key}: one of {', '.join(CURRENCIES)}, got {value!r}")
        elif key == "bid_signed" and not isinstance(value, bool):
            problems.append(f"{key}: yes or no, got {value!r}")
    return problems


def record_bid(
    store: Store,
    evaluation_id: int,
    offer_id: int,
    record: Mapping[str, Any],
    *,
    expected_version: int | None = None,
    actor: str | None = None,
) -> int:
    """Record (or change) what the committee found for one bid; return the new version."""
    problems = check_bid_record(record)
    if problems:
        raise InvalidInput(problems)

    def change(_session: Session, evaluation: Evaluation) -> dict[str, Any]:
        if offer_id not in {o["id"] for o in evaluation.setup["offers"]}:
            raise InvalidInput(f"offer {offer_id} is not in evaluation {evaluation_id}")
        setup = dict(evaluation.setup)
        bids = {k: dict(v) for k, v in (setup.get("bids") or {}).items()}
        before = dict(bids.get(str(offer_id), {}))
        after = {**before, **record}
        bids[str(offer_id)] = after
        setup["bids"] = bids
        evaluation.setup = setup
        return {"offer_id": offer_id, "old": before, "new": after}

    action = "evaluation.bid_record"
    return apply_change(store, evaluation_id, action, change, expected_version, actor).version_id
