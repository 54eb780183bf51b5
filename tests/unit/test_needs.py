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
