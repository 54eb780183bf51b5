"""The audit trail as sentences: who did what to which offer, by name, with the details
available on demand (the recorded event itself is never changed)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from procure.wording import (
    criterion_label,
    method_name,
    requirement_text,
    with_unit,
)

SETUP_LABELS = {
    "title": "title",
    "tender_reference": "tender reference",
    "agency": "procuring agency",
    "rules": "procurement rules",
    "procedure": "procedure",
    "bid_opening_date": "bid-opening date",
    "committee": "committee",
}
STEP_WORDS = {
    "Approve": "approved the evaluation",
    "Approve technical": "approved the technical evaluation",
    "Open financial": "recorded the opening of the financial envelopes",
}


@dataclass(frozen=True)
class Entry:
    """One event as a sentence, with the lines shown on demand."""

    sentence: str
    details: tuple[str, ...]


def offer_names(offers: Sequence[Mapping[str, Any]]) -> dict[int, str]:
    """Offer id -> "vendor's model", from a result's alternatives or a set-up's offers."""
    names = {}
    for offer in offers:
        offer_id = offer.get("offer_id", offer.get("id"))
        if offer_id is not None:
            names[int(offer_id)] = f"{offer.get('vendor')}'s {offer.get('model')}"
    return names


def _offer(names: Mapping[int, str], offer_id: Any) -> str:
    try:
        return names.get(int(offer_id), f"offer no. {offer_id}")
    except (TypeError, ValueError):
        return f"offer no. {offer_id}"


def _quoted(value: Any) -> str:
    return "not set" if value in (None, "") else f"“{value}”"


def _scores(who: str, d: Mapping[str, Any], names: Mapping[int, str]) -> str:
    member = str(d.get("member") or "")
    old, new = d.get("old") or {}, d.get("new") or {}
    parts = []
    for key, value in new.items():
        if old.get(key) == value:
            continue
        was = f" (was {with_unit(old[key], '')})" if old.get(key) is not None else ""
        label = criterion_label(key).lower().removesuffix(" score")
        parts.append(f"{with_unit(value, '')} for {label}{was}")
    whose = "their" if member == who else f"{member}'s"
    what = ", ".join(parts) or "no new score"
    text = f"{who} entered {whose} score {what} of {_offer(names, d.get('offer_id'))}."
    if d.get("comment"):
        text += f" Comment: “{d['comment']}”."
    return text


def _members(members: Any) -> dict[str, str]:
    return {
        str(m.get("name")): str(m.get("role") or "")
        for m in members or []
        if isinstance(m, Mapping)
    }


def _setup(who: str, d: Mapping[str, Any]) -> str:
    old, new = d.get("old") or {}, d.get("new") or {}
    parts = []
    for key, value in new.items():
        label = SETUP_LABELS.get(key, key.replace("_", " "))
        if key == "committee":
            before, after = _members(old.get(key)), _members(value)
            added = [f"{n} ({r})" for n, r in after.items() if n not in before]
            gone = [n for n in before if n not in after]
            roles = [f"{n} now {r}" for n, r in after.items() if n in before and before[n] != r]
            bits = (
                ([f"added {', '.join(added)}"] if added else [])
                + ([f"removed {', '.join(gone)}"] if gone else [])
                + roles
            )
            if bits or (old.get(key) or []) != (value or []):
                parts.append("committee: " + ("; ".join(bits) or "designations changed"))
        else:
            parts.append(f"{label} {_quoted(old.get(key))} → {_quoted(value)}")
    return f"{who} changed the set-up: {'; '.join(parts) or 'no change'}."


def _criteria(old: Any, new: Any) -> list[str]:
    before = {c["key"]: c for c in old or [] if isinstance(c, Mapping)}
    after = {c["key"]: c for c in new or [] if isinstance(c, Mapping)}
    parts = []
    for key, c in after.items():
        label = criterion_label(key, c.get("label")).lower()
        if key not in before:
            parts.append(f"added {label}")
        elif before[key].get("weight") != c.get("weight"):
            parts.append(
                f"weight of {label} {with_unit(before[key].get('weight'), '')} → "
                f"{with_unit(c.get('weight'), '')}"
            )
        elif before[key].get("direction") != c.get("direction"):
            parts.append(f"{label}: {c.get('direction')} is better")
    parts += [
        f"removed {criterion_label(k, c.get('label')).lower()}"
        for k, c in before.items()
        if k not in after
    ]
    return parts


def _need(who: str, d: Mapping[str, Any]) -> str:
    old, new = d.get("old") or {}, d.get("new") or {}
    parts = []
    for key, value in new.items():
        if key == "method":
            parts.append(f"method {method_name(old.get(key))} → {method_name(value)}")
        elif key == "criteria":
            parts += _criteria(old.get(key), value) or ["criteria unchanged"]
        elif key == "requirements":
            shown = "; ".join(requirement_text(r) for r in value or []) or "none"
            parts.append(f"mandatory requirements now: {shown}")
        elif key == "ahp":
            if value != old.get(key):
                parts.append("weights by pairwise comparison" if value else "weights typed")
        elif key == "site":
            before = old.get(key) or {}
            for name, p in (value or {}).items():
                was = (before.get(name) or {}).get("value")
                if was != p.get("value"):
                    unit = p.get("unit") or ""
                    parts.append(
                        f"{(p.get('label') or name).lower()} {with_unit(was, unit)} → "
                        f"{with_unit(p.get('value'), unit)}"
                    )
        elif key == "exchange_rates":
            before = {r.get("currency"): r for r in old.get(key) or []}
            for rate in value or []:
                was = before.get(rate.get("currency")) or {}
                if was != rate:
                    parts.append(
                        f"{rate.get('currency')} rate {with_unit(was.get('rate'), 'PKR')} → "
                        f"{with_unit(rate.get('rate'), 'PKR')} ({rate.get('date') or 'no date'}, "
                        f"{rate.get('source') or 'no source'})"
                    )
    return f"{who} changed the criteria and parameters: {'; '.join(parts) or 'no change'}."


def sentence(event: Mapping[str, Any], names: Mapping[int, str]) -> str:
    """One recorded event as a sentence a committee member reads."""
    who = str(event.get("who") or "Someone")
    what = str(event.get("what") or "")
    d: Mapping[str, Any] = event.get("detail") or {}
    if what == "evaluation.member_scores":
        return _scores(who, d, names)
    if what == "evaluation.setup":
        return _setup(who, d)
    if what == "evaluation.need":
        return _need(who, d)
    if what == "evaluation.status":
        step = STEP_WORDS.get(str(d.get("action")), f"changed the status to {d.get('new')}")
        return f"{who} {step} (status {d.get('old')} → {d.get('new')})."
    if what == "evaluation.offer_state":
        offer = _offer(names, d.get("offer_id"))
        new = d.get("new") or {}
        if new.get("state") == "included":
            return f"{who} included {offer} in the evaluation again."
        return f"{who} marked {offer} as {new.get('state')}: {_quoted(new.get('reason'))}."
    if what == "evaluation.offers_added":
        offers = d.get("offers") or []
        listed = ", ".join(f"{o.get('vendor')}'s {o.get('model')}" for o in offers)
        return f"{who} added {len(offers)} offer{'s' if len(offers) != 1 else ''}: {listed}."
    if what == "evaluation.created":
        count = len(d.get("offers") or [])
        return (
            f"{who} created the evaluation for the need “{d.get('need')}” with {count} "
            f"offers, method {method_name(d.get('method'))}."
        )
    if what == "evaluation.revised":
        return f"{who} made this draft as a revision of approved evaluation {d.get('from')}."
    if what == "evaluation.copied":
        return f"{who} made this draft as a copy of evaluation {d.get('from')}."
    return f"{who}: {what.replace('evaluation.', '').replace('_', ' ')}."


def details(event: Mapping[str, Any], names: Mapping[int, str]) -> tuple[str, ...]:
    """The lines shown on demand: when, who, the offer by name, and the record itself."""
    d: Mapping[str, Any] = event.get("detail") or {}
    lines = [f"When (UTC): {event.get('when')}", f"Recorded by: {event.get('who')}"]
    if "offer_id" in d:
        lines.append(f"Offer: {_offer(names, d['offer_id'])} (no. {d['offer_id']})")
    if d.get("content_hash"):
        lines.append(f"Content hash of the result: {d['content_hash']}")
    lines.append("Record as stored:")
    lines.append(json.dumps(d, ensure_ascii=False, indent=2, default=str, sort_keys=True))
    return tuple(lines)


def entries(events: Sequence[Mapping[str, Any]], names: Mapping[int, str]) -> list[Entry]:
    return [Entry(sentence(e, names), details(e, names)) for e in events]
