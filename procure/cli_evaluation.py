"""`procure evaluation ...`: carry an evaluation to a signed report without the window.

procure evaluation show ID [--json]
procure evaluation setup ID [--agency A] [--tender-reference R] [--rules R]
    [--procedure P] [--bid-opening-date YYYY-MM-DD] [--member "NAME|ROLE|DESIGNATION" ...]
procure evaluation bid ID --offer OFFER [--security AMOUNT [CURRENCY] | --no-security]
    [--validity DAYS] [--signed | --unsigned] [--quantity N] [--amount AMOUNT]
procure evaluation score ID --member NAME --offer OFFER CRITERION=SCORE ...
procure evaluation approve ID [--actor NAME]
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any, TextIO

from procure.errors import InvalidInput

if TYPE_CHECKING:
    from procure.services.store import Store

EXIT_OK = 0


def _store(args: argparse.Namespace) -> Store:
    from procure.services.store import open_store

    return open_store(args.db)


def cmd_show(args: argparse.Namespace, out: TextIO) -> int:
    import json

    from procure.report_text import evaluation_text
    from procure.services.evaluations import load_result

    result = load_result(_store(args), args.evaluation_id)
    if args.json:
        json.dump(result, out, ensure_ascii=False, indent=2, default=str)
        out.write("\n")
    else:
        out.write(f"Status: {result.get('status')}\n")
        out.write(evaluation_text(result))
    return EXIT_OK


def _member(text: str) -> dict[str, str]:
    parts = [p.strip() for p in text.split("|")]
    if len(parts) < 2:
        raise InvalidInput(
            f"--member: give NAME|ROLE or NAME|ROLE|DESIGNATION, got {text!r} "
            "(roles: Chairman, Member/Secretary, Member, Co-opted expert)"
        )
    return {"name": parts[0], "role": parts[1], "designation": parts[2] if len(parts) > 2 else ""}


def cmd_setup(args: argparse.Namespace, out: TextIO) -> int:
    from procure.services.workspace import update_setup

    changes: dict[str, Any] = {
        key: value
        for key, value in (
            ("agency", args.agency),
            ("tender_reference", args.tender_reference),
            ("rules", args.rules),
            ("procedure", args.procedure),
            ("bid_opening_date", args.bid_opening_date),
        )
        if value is not None
    }
    if args.member:
        changes["committee"] = [_member(m) for m in args.member]
    if not changes:
        raise InvalidInput("give at least one of the set-up options (see --help)")
    version = update_setup(_store(args), args.evaluation_id, changes, actor=args.actor)
    out.write(f"Evaluation {args.evaluation_id}: set-up saved (version {version}).\n")
    return EXIT_OK


def cmd_bid(args: argparse.Namespace, out: TextIO) -> int:
    from procure.services.preliminary import record_bid

    record: dict[str, Any] = {}
    if args.no_security:
        record["bid_security_amount"] = 0
    elif args.security:
        try:
            record["bid_security_amount"] = float(args.security[0])
        except ValueError:
            raise InvalidInput(f"--security: an amount, got {args.security[0]!r}") from None
        if len(args.security) > 1:
            record["bid_security_currency"] = args.security[1].upper()
    if args.validity is not None:
        record["bid_validity_days"] = args.validity
    if args.signed is not None:
        record["bid_signed"] = args.signed
    if args.quantity is not None:
        record["quoted_quantity"] = args.quantity
    if args.amount is not None:
        record["quoted_amount"] = args.amount
    if not record:
        raise InvalidInput("give at least one of --security, --validity, --signed, --amount")
    version = record_bid(_store(args), args.evaluation_id, args.offer, record, actor=args.actor)
    out.write(
        f"Evaluation {args.evaluation_id}: bid record of offer {args.offer} saved "
        f"(version {version}).\n"
    )
    return EXIT_OK


def cmd_score(args: argparse.Namespace, out: TextIO) -> int:
    from procure.services.workspace import set_member_scores

    scores: dict[str, float] = {}
    problems = []
    for item in args.scores:
        key, _, value = item.partition("=")
        try:
            scores[key.strip()] = float(value)
        except ValueError:
            problems.append(f"{item}: give CRITERION=SCORE, e.g. after_sales_support=7")
    if problems:
        raise InvalidInput(problems)
    version = set_member_scores(
        _store(args),
        args.evaluation_id,
        args.member,
        args.offer,
        scores,
        comment=args.comment or "",
        actor=args.actor,
    )
    out.write(
        f"Evaluation {args.evaluation_id}: {args.member}'s scores for offer {args.offer} "
        f"saved (version {version}).\n"
    )
    return EXIT_OK


def cmd_approve(args: argparse.Namespace, out: TextIO) -> int:
    from procure.services.evaluations import load_result
    from procure.services.workspace import advance, next_step

    store = _store(args)
    step = next_step(store, args.evaluation_id)
    if step is None:
        raise InvalidInput(f"evaluation {args.evaluation_id} is already approved")
    new_status, action = step
    if new_status == "approved":
        warnings = load_result(store, args.evaluation_id).get("warnings") or []
        if warnings:
            raise InvalidInput([f"cannot approve: {w}" for w in warnings])
    status = advance(store, args.evaluation_id, actor=args.actor)
    out.write(f"Evaluation {args.evaluation_id}: {action.lower()} done; status {status}.\n")
    return EXIT_OK


def add_evaluation_commands(commands: Any) -> None:
    """Register `procure evaluation ...` on the CLI's sub-command parsers."""
    from procure.procedure import PROCEDURES

    evaluation = commands.add_parser(
        "evaluation", help="set up, record bids and scores, approve an evaluation"
    )
    actions = evaluation.add_subparsers(
        dest="evaluation_command",
        metavar="ACTION",
        required=True,
        parser_class=evaluation.__class__,  # the CLI's parser: usage errors exit 2
    )

    def action(name: str, help_text: str, handler: Any) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = actions.add_parser(name, help=help_text)
        parser.add_argument("evaluation_id", metavar="EVALUATION_ID", type=int)
        parser.add_argument("--actor", help="who makes the change (for the audit trail)")
        parser.set_defaults(handler=handler)
        return parser

    show = action("show", "print an evaluation's result", cmd_show)
    show.add_argument("--json", action="store_true")

    setup = action("setup", "tender data, procedure and committee", cmd_setup)
    setup.add_argument("--agency")
    setup.add_argument("--tender-reference")
    setup.add_argument("--rules")
    setup.add_argument("--procedure", choices=PROCEDURES)
    setup.add_argument("--bid-opening-date", metavar="YYYY-MM-DD")
    setup.add_argument(
        "--member",
        action="append",
        metavar="NAME|ROLE|DESIGNATION",
        help="a committee member (repeat for each; replaces the committee)",
    )

    bid = action("bid", "record a bid's security, validity, signature and amount", cmd_bid)
    bid.add_argument("--offer", type=int, required=True, metavar="OFFER_ID")
    security = bid.add_mutually_exclusive_group()
    security.add_argument("--security", nargs="+", metavar=("AMOUNT", "CURRENCY"))
    security.add_argument("--no-security", action="store_true", help="no bid security furnished")
    bid.add_argument("--validity", type=int, metavar="DAYS")
    signed = bid.add_mutually_exclusive_group()
    signed.add_argument("--signed", action="store_true", default=None)
    signed.add_argument("--unsigned", action="store_false", dest="signed")
    bid.add_argument("--quantity", type=float, help="quantity read out")
    bid.add_argument("--amount", type=float, help="total amount read out (quoted currency)")

    score = action("score", "record a member's 0–10 scores for one offer", cmd_score)
    score.add_argument("--member", required=True)
    score.add_argument("--offer", type=int, required=True, metavar="OFFER_ID")
    score.add_argument("--comment")
    score.add_argument("scores", nargs="+", metavar="CRITERION=SCORE")

    action("approve", "take the next step: approve (technical), open financial", cmd_approve)
