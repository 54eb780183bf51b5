"""The PDF evaluation report, read back: every offer, rank and weight, pages, fonts, safety."""

from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from procure.errors import ProcureError
from procure.exports.pdf import write_pdf
from procure.services.evaluations import load_result, run_evaluation
from procure.services.offer_writes import insert_offer_records

OVERBURDEN = "Coal - overburden haulage, open-pit lignite (Thar Block II style)"


def add_awkward_offers(store) -> None:  # type: ignore[no-untyped-def]
    base = {
        "category": "dumper",
        "manufacturer": None,
        "is_sample": False,
        "extras": {},
        "source_file": "test",
        "source_sheet": None,
        "source_row": 1,
        "source_hash": None,
        "currency": "USD",
        "incoterm": "CIF Karachi",
        "delivery_weeks": 30.0,
        "warranty_months": 24.0,
        "engine_power_kw": 783.0,
        "ambient_max_c": 50.0,
        "service_points_pk": 2.0,
        "spare_parts_lead_days": 20.0,
        "gvw_t": 164.0,
        "max_speed_kmh": 60.0,
        "fuel_l_per_h": 80.0,
    }
    with store.begin() as session:
        insert_offer_records(
            session,
            [
                {
                    **base,
                    "vendor": "ОАО «БЕЛАЗ»",
                    "model": "БелАЗ-7558В",
                    "payload_t": 90.0,
                    "unit_price": Decimal("1400000"),
                },
                {
                    **base,
                    "vendor": "A&B <Mk2> Trading",
                    "model": "A&B <Mk2>",
                    "payload_t": 95.0,
                    "unit_price": Decimal("1450000"),
                },
            ],
        )


@pytest.fixture
def report(store, tmp_path: Path) -> tuple[dict, str, PdfReader]:  # type: ignore[no-untyped-def, type-arg]
    add_awkward_offers(store)
    result = run_evaluation(store, OVERBURDEN)
    data = load_result(store, result.evaluation_id)
    path = write_pdf(data, tmp_path / "report.pdf")
    reader = PdfReader(path)
    text = "\n".join(page.extract_text() for page in reader.pages)
    return data, text, reader


def test_report_names_every_offer_rank_and_weight(report) -> None:  # type: ignore[no-untyped-def]
    data, text, reader = report
    flat = " ".join(text.split())
    for alt in data["alternatives"]:
        assert alt["model"] in flat, alt["model"]
    for alt in data["alternatives"]:
        if alt["rank"]:
            assert f"{alt['score']:.2f}" in flat
    for criterion in data["criteria"]:
        assert f"{criterion['weight']:.1%}" in flat
    pages = len(reader.pages)
    assert pages >= 5
    for number in range(1, pages + 1):
        assert f"Page {number} of {pages}" in flat


def test_vendor_text_is_escaped_and_cyrillic_prints(report) -> None:  # type: ignore[no-untyped-def]
    _, text, _ = report
    assert "A&B <Mk2>" in text
    assert "БелАЗ-7558В" in text and "ОАО «БЕЛАЗ»" in text


def test_unicode_font_is_embedded(report) -> None:  # type: ignore[no-untyped-def]
    _, _, reader = report
    fonts = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert any("DejaVuSans" in f for f in fonts), fonts
    descriptor = next(
        font.get_object()["/FontDescriptor"]
        for page in reader.pages
        for font in (page["/Resources"].get("/Font") or {}).values()
        if "DejaVuSans" in str(font.get_object()["/BaseFont"])
    )
    assert "/FontFile2" in descriptor  # the TrueType program itself is in the file


def test_traceability_hash_method_rates_and_sample_label(report) -> None:  # type: ignore[no-untyped-def]
    data, text, _ = report
    flat = " ".join(text.split())
    assert data["content_hash"][:16] in flat
    assert "Weighted sum model" in flat
    assert "280.91" in flat  # the USD rate with its date and source
    assert "2025-10-31" in flat
    assert "Illustrative sample data" in flat
    assert "DRAFT" in flat


def test_approved_report_has_no_draft_watermark(tmp_path: Path, report) -> None:  # type: ignore[no-untyped-def]
    data, _, _ = report
    approved = write_pdf(dict(data, status="approved"), tmp_path / "approved.pdf")
    text = " ".join(p.extract_text() for p in PdfReader(approved).pages)
    assert "DRAFT" not in text


def test_refuses_to_overwrite_and_leaves_nothing_half_written(tmp_path: Path, report) -> None:  # type: ignore[no-untyped-def]
    data, _, _ = report
    existing = tmp_path / "keep.pdf"
    existing.write_bytes(b"keep me")
    with pytest.raises(ProcureError, match="already exists"):
        write_pdf(data, existing)
    assert existing.read_bytes() == b"keep me"
    with pytest.raises(ProcureError, match=r"Cannot write .*missing"):
        write_pdf(data, tmp_path / "missing" / "report.pdf")
    assert not (tmp_path / "missing").exists()


def test_failed_build_removes_its_temporary_file(tmp_path: Path, report, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import procure.exports.pdf

    data, _, _ = report

    def broken(*_: object) -> object:
        def decorate(*_: object) -> None:
            raise TypeError("drawing failed")  # while the temporary file is being written

        return decorate

    monkeypatch.setattr(procure.exports.pdf, "_page_decorations", broken)
    with pytest.raises(TypeError, match="drawing failed"):
        write_pdf(data, tmp_path / "broken.pdf")
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".pdf"] == ["report.pdf"]


def test_technical_report_of_a_two_envelope_procedure_shows_no_price(
    tmp_path: Path,  # type: ignore[no-untyped-def]
    report,
) -> None:
    data, _, _ = report
    path = write_pdf(data, tmp_path / "technical.pdf", technical=True)
    flat = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(path).pages)
    assert "Technical evaluation report" in flat
    assert "returned unopened" in flat
    for alt in data["alternatives"]:
        assert alt["model"] in flat
        landed = alt["lcc"].get("landed_price_per_unit_pkr")
        if landed:
            assert f"{landed:,.0f}" not in flat
    for priced in ("Cost per tonne", "Life-cycle cost", "Landed price", "Recommended"):
        assert priced not in flat
