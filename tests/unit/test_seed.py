"""The bundled sample catalogue and need templates."""

from collections import Counter

import pytest

from procure.fields import FIELD_BY_KEY, Category, check_range
from procure.services.needs import list_needs
from procure.services.offers import list_offers
from procure.services.seed import read_sample_catalogue

pytestmark = pytest.mark.both_backends


def test_catalogue_covers_every_category_with_enough_offers(session_factory) -> None:  # type: ignore[no-untyped-def]
    offers = list_offers(session_factory)
    assert len(offers) >= 20
    counts = Counter(o.category for o in offers)
    assert set(counts) == set(Category)
    assert min(counts.values()) >= 4


def test_every_sample_offer_is_labelled_and_traceable(session_factory) -> None:  # type: ignore[no-untyped-def]
    for offer in list_offers(session_factory):
        assert offer.is_sample
        assert offer.source.file == "sample_catalogue.csv" and offer.source.row
        assert "illustrative_fields" in offer.extras
        assert offer.value("unit_price") is not None and offer.value("currency")


def test_sample_values_are_plausible_and_in_their_categories() -> None:
    for record in read_sample_catalogue():
        for key, field in FIELD_BY_KEY.items():
            value = record[key]
            if value is None:
                continue
            assert record["category"] in field.categories, (record["model"], key)
            if field.is_numeric:
                assert check_range(field, float(value)) is None, (record["model"], key, value)


def test_need_templates_cover_the_five_sector_needs(session_factory) -> None:  # type: ignore[no-untyped-def]
    needs = list_needs(session_factory)
    assert len(needs) >= 5
    categories = Counter(n.document.category for n in needs)
    assert categories[Category.DUMPER] >= 2
    for category in (Category.EXCAVATOR, Category.TRUCK, Category.ELECTRIC_BUS):
        assert categories[category] >= 1
    for need in needs:
        assert need.document.requirements and need.document.criteria
        assert sum(need.document.weights()) == __import__("pytest").approx(1.0)
        for param in need.document.site:
            assert param.source, (need.name, param.key)
