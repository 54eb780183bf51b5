"""Need files: validation names each problem; a valid file round-trips unchanged."""

import json

import pytest

from procure.errors import InvalidInput
from procure.needs import parse_need


def valid_need() -> dict:
    return {
        "name": "Test haulage",
        "sector": "coal",
        "category": "dumper",
        "description": "Overburden haulage",
        "site": {
            "production_tph": {
                "value": 2500,
                "unit": "t/h",
                "label": "Production",
                "date": None,
                "source": "committee",
            }
        },
        "requirements": [
            {"field": "payload_t", "op": ">=", "value": 90},
            {"field": "fuel_l_per_h", "op": "present", "value": None},
            {"field": "currency", "op": "in", "value": ["USD", "PKR"]},
        ],
        "criteria": [
            {"key": "unit_price", "weight": 3, "direction": "lower"},
            {"key": "payload_t", "weight": 1, "direction": "higher"},
            {"key": "units_required", "weight": 2, "direction": "lower"},
            {"key": "after_sales_support", "weight": 2, "direction": "higher", "judged": True},
        ],
        "method": "wsm",
    }


def test_valid_need_normalises_weights() -> None:
    need = parse_need(valid_need())
    assert need.weights() == pytest.approx([3 / 8, 1 / 8, 2 / 8, 2 / 8])
    assert need.site_value("production_tph") == 2500


def test_round_trip_is_lossless() -> None:
    doc = valid_need()
    exported = parse_need(doc).to_json()
    assert parse_need(json.loads(json.dumps(exported))).to_json() == exported
    assert exported["requirements"] == doc["requirements"]
    assert [c["key"] for c in exported["criteria"]] == [c["key"] for c in doc["criteria"]]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.update(category="tractor"), "category: must be one of"),
        (
            lambda d: d["requirements"].append({"field": "colour", "op": ">=", "value": 1}),
            "requirements[4]: unknown field 'colour'",
        ),
        (
            lambda d: d["requirements"].append({"field": "payload_t", "op": ">", "value": 1}),
            "requirements[4]: op must be one of",
        ),
        (
            lambda d: d["requirements"].append({"field": "payload_t", "op": ">=", "value": "ten"}),
            "requirements[4]: '>=' needs a number",
        ),
        (
            lambda d: d["requirements"].append({"field": "passengers", "op": ">=", "value": 9}),
            "requirements[4]: field 'passengers' does not apply to dumper",
        ),
        (lambda d: [c.update(weight=0) for c in d["criteria"]], "weights sum to zero"),
        (
            lambda d: d["criteria"].append({"key": "speediness", "weight": 1}),
            "criteria[5]: unknown criterion 'speediness'",
        ),
        (
            lambda d: d["criteria"].append({"key": "payload_t", "weight": 1}),
            "criteria[5]: criterion 'payload_t' is listed twice",
        ),
        (lambda d: d["criteria"][0].update(direction="up"), "criteria[1]: direction must be"),
        (lambda d: d.update(method="magic"), "method: must be one of"),
        (lambda d: d.pop("name"), "name: a non-empty text is required"),
        (lambda d: d["site"].update(haul_km="far"), "site.haul_km: value must be a number"),
        # Issue #14: a schema, not a best effort.
        (lambda d: d.update(tender="T-1"), "need file: unknown key 'tender'"),
        (lambda d: d["criteria"][0].update(wieght=2), "criteria[1]: unknown key 'wieght'"),
        (lambda d: d["requirements"][0].update(unit="t"), "requirements[1]: unknown key 'unit'"),
        (lambda d: d["criteria"][3].update(judged="false"), "judged must be true or false"),
        (
            lambda d: d["requirements"][2].update(value=["USD", 7, None]),
            "'in' on currency needs a list of texts; not a text: 7",
        ),
        (
            lambda d: d["requirements"].append(
                {"field": "payload_t", "op": "in", "value": [90, "ninety"]}
            ),
            "'in' on payload_t needs a list of numbers; not a number: 'ninety'",
        ),
        (
            lambda d: d.update(
                exchange_rates=[
                    {"currency": "USD", "rate": 280.0, "date": "2025-10-31", "source": "SBP"},
                    {"currency": "USD", "rate": 281.0, "date": "2025-10-31", "source": "SBP"},
                ]
            ),
            "exchange_rates[2]: a second rate for USD",
        ),
        (
            lambda d: d.update(
                exchange_rates=[{"currency": "USD", "rate": 280.0, "date": "yesterday"}]
            ),
            "date must be an ISO date such as 2025-11-01, got 'yesterday'",
        ),
        (
            lambda d: d["site"]["production_tph"].update(date="2025-02-30"),
            "site.production_tph: date must be an ISO date",
        ),
        (lambda d: d["criteria"][0].update(weight=1e308), "weight must be a number from 0 to"),
        (lambda d: d.update(name="N" * 10_000), "name: is 10,000 characters long"),
        (lambda d: d.update(name="Haul\x07age"), "name: contains control characters"),
        (
            lambda d: d.update(name="Haul\u202eage"),
            "name: contains invisible characters (U+202E); remove them",
        ),
    ],
)
def test_invalid_need_names_the_problem(change, expected) -> None:  # type: ignore[no-untyped-def]
    doc = valid_need()
    change(doc)
    with pytest.raises(InvalidInput) as info:
        parse_need(doc)
    assert any(expected in p for p in info.value.problems), info.value.problems


def test_ahp_matrix_replaces_weights() -> None:
    doc = valid_need()
    for criterion in doc["criteria"]:
        criterion.pop("weight")
    # Consistent matrix with weights 4:2:1:1 (worked by hand: a_ij = w_i / w_j).
    w = [4, 2, 1, 1]
    doc["ahp"] = [[wi / wj for wj in w] for wi in w]
    assert parse_need(doc).weights() == pytest.approx([0.5, 0.25, 0.125, 0.125])


def test_ahp_matrix_must_be_reciprocal_and_sized() -> None:
    doc = valid_need()
    for criterion in doc["criteria"]:
        criterion.pop("weight")
    doc["ahp"] = [[1, 3, 1, 1], [3, 1, 1, 1], [1, 1, 1, 1], [1, 1, 1, 1]]
    with pytest.raises(InvalidInput, match=r"ahp\[1\]\[2\].*not reciprocal"):
        parse_need(doc)
    doc["ahp"] = [[1, 3], [1 / 3, 1]]
    with pytest.raises(InvalidInput, match="must be a 4×4 matrix"):
        parse_need(doc)


def test_weights_and_ahp_together_are_refused() -> None:
    doc = valid_need()
    doc["ahp"] = [[1] * 4 for _ in range(4)]
    with pytest.raises(InvalidInput, match="either on criteria or through 'ahp'"):
        parse_need(doc)


def _ahp_doc(size: int) -> dict:  # type: ignore[type-arg]
    doc = valid_need()
    doc["criteria"] = [
        {"key": f"judged_{i}", "direction": "higher", "judged": True} for i in range(size)
    ]
    return doc


def test_every_ahp_problem_is_listed_and_saatys_scale_holds() -> None:
    doc = _ahp_doc(3)
    doc["ahp"] = [[1, 12, 2], [1 / 12, 1, 5], [0.5, 1, 2]]
    with pytest.raises(InvalidInput) as info:
        parse_need(doc)
    problems = info.value.problems
    assert any("ahp[1][2]: 12 is outside Saaty's scale" in p for p in problems), problems
    assert any("ahp[2][1]: 0.0833333 is outside Saaty's scale" in p for p in problems)
    assert any("ahp[2][3]: 5 and its mirror 1 are not reciprocal" in p for p in problems)
    assert any("ahp[3][3]: the diagonal must be 1" in p for p in problems)


def _lambda_max_by_power_iteration(matrix: list[list[float]]) -> float:
    n = len(matrix)
    vector = [1.0] * n
    for _ in range(500):
        product = [sum(matrix[i][j] * vector[j] for j in range(n)) for i in range(n)]
        total = sum(product)
        vector = [x / total for x in product]
    product = [sum(matrix[i][j] * vector[j] for j in range(n)) for i in range(n)]
    return sum(product[i] / vector[i] for i in range(n)) / n


def test_an_ahp_matrix_over_ten_criteria_gets_its_consistency_ratio() -> None:
    from procure.ahp import ahp_weights

    size = 11
    weights = [1 + (i % 4) for i in range(size)]  # ratios stay within Saaty's 1/9 … 9
    matrix = [[wi / wj for wj in weights] for wi in weights]
    matrix[0][1], matrix[1][0] = 9.0, 1 / 9  # one judgement far from the others
    doc = _ahp_doc(size)
    doc["ahp"] = matrix
    need = parse_need(doc)
    result = ahp_weights(need.ahp or ())
    lambda_max = _lambda_max_by_power_iteration(matrix)
    random_index = (1.7699 * size - 4.3513) / (size - 1)  # Alonso & Lamata (2006)
    assert result.cr == pytest.approx((lambda_max - size) / (size - 1) / random_index, rel=1e-6)
    assert result.cr is not None and result.cr > 0.0


def test_a_need_import_is_audited(session_factory, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from procure.models import AuditEvent
    from procure.services.audit import verify
    from procure.services.needs import import_need

    path = tmp_path / "need.json"
    path.write_text(json.dumps(valid_need()), encoding="utf-8")
    import_need(session_factory, path, actor="secretary")
    with session_factory() as session:
        event = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "need.imported")
        ).one()
        assert event.actor == "secretary" and event.detail["need"] == "Test haulage"
        assert event.detail["file"] == "need.json" and event.detail["created"] is True
    assert verify(session_factory).intact


def test_a_site_parameter_without_a_label_is_named_in_words() -> None:
    doc = valid_need()
    doc["site"] = {"production_tph": 2500, "haul_km": {"value": 3.2, "unit": "km"}}
    doc["site"]["spare_tyres_per_year"] = 4
    labels = {p.key: p.label for p in parse_need(doc).site}
    assert labels == {
        "production_tph": "Production target",
        "haul_km": "One-way haul distance",
        "spare_tyres_per_year": "Spare tyres per year",  # unknown to the models: its words
    }


def test_every_site_parameter_the_models_read_has_a_label() -> None:
    import re
    from pathlib import Path

    from procure.needs import SITE_LABELS

    source = (Path(__file__).parents[2] / "procure/evaluation/engineering.py").read_text()
    read = set(re.findall(r'param\("([a-z_0-9]+)"', source))
    assert read and read <= set(SITE_LABELS)
