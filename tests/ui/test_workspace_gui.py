"""The committee workflow in the workspace, as users would do it: set up, score as two
members, read the ranking, approve, find the evaluation locked, revise."""

from pathlib import Path

import pytest

import shiboken6
from PySide6.QtCore import QDate, Qt

from procure.services.store import open_store
from ui.main_window import MainWindow
from ui.workspace import READ_ONLY, WorkspaceWindow

CHAIR, SECRETARY = "Engr. A. Khan", "Ms S. Baloch"


def forget_unsaved(win: MainWindow) -> None:
    """Let a test's window close without asking about what the test left unsaved."""
    for space in win.workspaces:
        if shiboken6.isValid(space):
            space.dirty.clear()


@pytest.fixture
def workspace(qtbot, db_path: Path, monkeypatch) -> WorkspaceWindow:  # type: ignore[no-untyped-def]
    win = MainWindow(lambda: open_store(db_path))
    qtbot.addWidget(win, before_close_func=forget_unsaved)
    win.show()
    with qtbot.waitSignal(win.evaluations.result_shown, timeout=20_000):
        win.start_loading()
    asked = []
    monkeypatch.setattr(
        "PySide6.QtWidgets.QInputDialog.getItem", lambda *args: asked.append(args) or (CHAIR, True)
    )
    win.nav.setCurrentRow(2)
    qtbot.mouseClick(win.evaluations.open_button, Qt.MouseButton.LeftButton)
    assert asked, "who is working was asked first"
    assert win.member_label.text() == f"Committee member: {CHAIR}"
    space = win.workspaces[-1]
    qtbot.addWidget(space, before_close_func=lambda w: w.dirty.clear())
    qtbot.waitUntil(lambda: space.result is not None, timeout=10_000)
    # The approver confirms every review shown, and every Revise / Copy question is answered
    # yes, unless a test says otherwise; the reviews shown are kept in space.reviews.
    space.reviews = []
    monkeypatch.setattr(
        "ui.approval_dialog.ApprovalDialog.ask",
        lambda parent, review, approver: space.reviews.append(review) or True,
    )
    monkeypatch.setattr("ui.workspace.confirm", lambda *args: True)
    yield space
    if shiboken6.isValid(space):
        space.dirty.clear()  # nothing to ask about when the test closes the window
        space.close()
    win.close()


def save(qtbot, space: WorkspaceWindow, button) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(space.loaded, timeout=20_000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def score_all(space: WorkspaceWindow, member: str, value: float, first: float) -> None:
    tab = space.scores_tab
    tab.member.setCurrentText(member)
    model = tab.scores
    for row in range(model.rowCount()):
        model.setData(model.index(row, 1), first if row == 0 else value)


def test_committee_workflow_from_set_up_to_revision(qtbot, workspace: WorkspaceWindow) -> None:  # type: ignore[no-untyped-def]
    space = workspace
    assert "status <b>draft</b>" in space.status_label.text()
    assert space.next_button.text() == "Approve"
    # Set up: tender data and two members.
    setup = space.setup_tab
    setup.tender_reference.clear()
    qtbot.keyClicks(setup.tender_reference, "SECMC/T-2026/114")
    qtbot.keyClicks(setup.agency, "Sindh Engro Coal Mining Company")
    for name, role in ((CHAIR, "Chairman"), (SECRETARY, "Member/Secretary")):
        setup.role.setCurrentText(role)
        qtbot.mouseClick(setup.add_member, Qt.MouseButton.LeftButton)
        row = setup.committee.rowCount() - 1
        setup.committee.setData(setup.committee.index(row, 0), name)
        setup.committee.setData(setup.committee.index(row, 1), "Committee")
    save(qtbot, space, setup.save_button)
    assert space.result["tender_reference"] == "SECMC/T-2026/114"
    assert [m["name"] for m in space.result["committee"]] == [CHAIR, SECRETARY]
    # Score as two members: the first offer gets 9 and 5, the others 4 and 4.
    assert space.scores_tab.scores.setData(space.scores_tab.scores.index(0, 1), 11) is False
    score_all(space, CHAIR, 4, first=9)
    save(qtbot, space, space.scores_tab.save_button)
    score_all(space, SECRETARY, 4, first=5)
    save(qtbot, space, space.scores_tab.save_button)
    first = space.scores_tab.scores.offers[0]["offer_id"]
    alt = next(a for a in space.result["alternatives"] if a["offer_id"] == first)
    assert alt["values"]["after_sales_support"] == pytest.approx(7.0)  # (9 + 5) / 2
    assert alt["judged"]["after_sales_support"]["spread"] == pytest.approx(4.0)
    text = space.result_view.toPlainText()
    assert "Ranking" in text and alt["model"] in text
    # Approve: the evaluation is locked.
    save(qtbot, space, space.next_button)
    assert "status <b>approved</b>" in space.status_label.text()
    assert not setup.save_button.isEnabled() and setup.save_button.toolTip() == READ_ONLY
    assert not space.scores_tab.save_button.isEnabled()
    assert space.scores_tab.scores.setData(space.scores_tab.scores.index(0, 1), 3) is False
    assert space.next_button.text() == "Revise"
    approved_id = space.evaluation_id
    # Revise: a new draft version, linked to the approved one.
    save(qtbot, space, space.next_button)
    assert space.evaluation_id != approved_id
    assert "status <b>draft</b>" in space.status_label.text()
    assert f"revision of evaluation {approved_id}" in space.status_label.text()
    assert setup.save_button.isEnabled()
    whats = [space.audit.index(r, 2).data() for r in range(space.audit.rowCount())]
    assert whats == [f"{CHAIR} made this draft as a revision of approved evaluation {approved_id}."]
    assert space.audit.index(0, 1).data() == CHAIR


def test_audit_trail_shows_who_changed_what(qtbot, workspace: WorkspaceWindow) -> None:  # type: ignore[no-untyped-def]
    space = workspace
    qtbot.keyClicks(space.setup_tab.agency, "Thar Coal Board")
    save(qtbot, space, space.setup_tab.save_button)
    rows = [
        [space.audit.index(r, c).data() for c in range(3)] for r in range(space.audit.rowCount())
    ]
    assert rows[0][2].startswith("Someone created the evaluation for the need") or (
        " created the evaluation for the need " in rows[0][2]
    )
    assert rows[-1][1] == CHAIR
    assert rows[-1][2] == (
        f"{CHAIR} changed the set-up: procuring agency not set → “Thar Coal Board”."
    )
    # The recorded details on demand: select the row.
    space.audit_table.selectRow(space.audit.rowCount() - 1)
    assert '"agency": "Thar Coal Board"' in space.audit_details.toPlainText()


def test_weights_edit_live_and_invalid_edits_are_refused(qtbot, workspace) -> None:  # type: ignore[no-untyped-def]
    space = workspace
    tab = space.criteria_tab
    model = tab.criteria
    assert model.setData(model.index(0, 1), -1) is False  # a negative weight is refused
    for row in range(model.rowCount()):
        model.setData(model.index(row, 1), 0)
    assert "sum to zero" in tab.sum_label.text()
    with qtbot.waitSignal(space.save_refused, timeout=20_000):
        qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert "the weights sum to zero" in tab.problems.text()
    output = [r["key"] for r in model.rows].index("output_tph")
    model.setData(model.index(output, 1), 3)
    assert model.index(output, 2).data() == "100.0%"
    tab.requirements.add()
    row = tab.requirements.rowCount() - 1
    requirements = tab.requirements
    requirements.setData(requirements.index(row, 0), "payload_t")
    assert requirements.setData(requirements.index(row, 0), "no_such_field") is False
    assert requirements.setData(requirements.index(row, 2), "lots") is False  # refused at the cell
    assert tab.requirements_table.property("refusal") == (
        "Rated payload is a number in t; “lots” was not taken."
    )
    requirements.setData(requirements.index(row, 2), "90")
    shown = [requirements.index(row, c).data() for c in range(3)]
    assert shown == ["Rated payload (t)", "≥", "90 t"]
    requirements.setData(requirements.index(row, 1), "present")
    assert requirements.index(row, 1).data() == "stated"
    assert space.criteria_tab.method.currentText() == "Weighted sum"
    assert "added up" in space.criteria_tab.method_note.text()
    tab.requirements.remove(row)
    save(qtbot, space, tab.save_button)
    ranked = sorted((a for a in space.result["alternatives"] if a["rank"]), key=lambda a: a["rank"])
    outputs = [a["values"]["output_tph"] for a in ranked]
    assert outputs == sorted(outputs, reverse=True)  # ranked by output per unit alone


def test_ahp_dialog_shows_weights_and_the_inconsistent_judgement(qtbot) -> None:  # type: ignore[no-untyped-def]
    from ui.criteria_tab import AhpDialog

    dialog = AhpDialog(["Cost", "Output", "Warranty"], None)
    qtbot.addWidget(dialog)
    dialog.grid.item(0, 1).setText("2")
    dialog.grid.item(0, 2).setText("4")
    dialog.grid.item(1, 2).setText("2")
    assert dialog.grid.item(1, 0).text() == "1/2"
    assert "Cost 57.1%" in dialog.summary.text() and "CR = 0.000" in dialog.summary.text()
    dialog.grid.item(1, 2).setText("1/9")  # contradicts the other two
    assert "inconsistent" in dialog.summary.text()
    dialog.grid.item(0, 1).setText("twelve")
    assert "from 1/9 to 9" in dialog.summary.text()


def test_an_offer_is_withdrawn_with_a_reason(
    qtbot,
    workspace: WorkspaceWindow,  # type: ignore[no-untyped-def]
    monkeypatch,
) -> None:
    space = workspace
    tab = space.offers_tab
    monkeypatch.setattr(
        "ui.offers_tab.QInputDialog.getText",
        lambda *args: ("letter of withdrawal, 2026-11-21", True),
    )
    assert not tab.withdraw_button.isEnabled()  # nothing selected yet: says so
    assert tab.withdraw_button.toolTip() == "Select an offer in the list first."
    tab.table.selectRow(0)
    assert tab.withdraw_button.isEnabled() and not tab.include_button.isEnabled()
    withdrawn = tab.selected()["offer_id"]
    save(qtbot, space, tab.withdraw_button)
    row = next(r for r in tab.model.rows if r["offer_id"] == withdrawn)
    assert row["state"] == "withdrawn" and row["reason"] == "letter of withdrawal, 2026-11-21"
    assert withdrawn not in [a["offer_id"] for a in space.result["alternatives"]]
    assert "letter of withdrawal" in space.result_view.toPlainText()


def test_two_envelope_prices_stay_sealed_until_the_financial_opening(
    qtbot,  # type: ignore[no-untyped-def]
    workspace,
) -> None:
    from ui.report_actions import SEALED

    space = workspace
    space.setup_tab.procedure.setCurrentText("single stage two envelope")
    save(qtbot, space, space.setup_tab.save_button)
    assert space.next_button.text() == "Approve technical"
    text = space.result_view.toPlainText()
    assert "financial envelopes are sealed" in text
    assert "Life-cycle cost" not in text and "Cost per tonne" not in text
    assert not space.reports.xlsx_button.isEnabled()
    assert space.reports.xlsx_button.toolTip() == SEALED
    save(qtbot, space, space.next_button)  # technical approved: still sealed
    assert space.next_button.text() == "Open financial"
    assert "financial envelopes are sealed" in space.result_view.toPlainText()
    save(qtbot, space, space.next_button)  # financial opened
    assert space.next_button.text() == "Approve"
    assert "Life-cycle cost" in space.result_view.toPlainText()
    assert space.reports.xlsx_button.isEnabled()


def test_a_default_is_changed_with_its_source_and_the_result_follows(qtbot, workspace) -> None:  # type: ignore[no-untyped-def]
    space = workspace
    model = space.site_tab.model
    row = next(i for i, r in enumerate(model.rows) if r["key"] == "diesel_pkr_per_l")
    first = next(a for a in space.result["alternatives"] if a["rank"] == 1)
    before = first["lcc"]["pv_energy_pkr"]
    assert model.setData(model.index(row, 2), "about 300") is False  # not a number
    assert model.setData(model.index(row, 2), "300")
    model.setData(model.index(row, 3), "2026-11-16")
    model.setData(model.index(row, 4), "OGRA notification, 16 Nov 2026")
    save(qtbot, space, space.site_tab.save_button)
    diesel = next(a for a in space.result["assumptions"] if a["key"] == "diesel_pkr_per_l")
    assert (diesel["value"], diesel["date"]) == (300, "2026-11-16")
    assert diesel["source"] == "OGRA notification, 16 Nov 2026"
    same = next(a for a in space.result["alternatives"] if a["offer_id"] == first["offer_id"])
    # Fuel cost is linear in the diesel price: 278.44 -> 300 PKR/L scales it by 300/278.44.
    assert same["lcc"]["pv_energy_pkr"] == pytest.approx(before * 300 / 278.44, rel=1e-9)


def date_the_rates(qtbot, space: WorkspaceWindow) -> None:  # type: ignore[no-untyped-def]
    """Give every exchange rate its date and source, and save them."""
    rates = space.site_tab.model
    for row, entry in enumerate(rates.rows):
        if entry["kind"] == "rate":
            rates.setData(rates.index(row, 3), "2026-11-27")
            rates.setData(rates.index(row, 4), "SBP selling rate, 27 Nov 2026")
    if space.dirty:
        save(qtbot, space, space.site_tab.save_button)


def import_file(qtbot, space, path, vendor: str) -> None:  # type: ignore[no-untyped-def]
    """Import a vendor's file of dumpers into the evaluation through the import wizard."""
    from PySide6.QtWidgets import QWizard

    wizard = space.import_into_evaluation(str(path))
    wizard.layout_page.vendor_edit.setText(vendor)
    combo = wizard.layout_page.category_combo
    combo.setCurrentIndex(combo.findData("dumper"))
    with qtbot.waitSignal(wizard.parsed_ready, timeout=10_000):
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    for _ in range(2):
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(space.loaded, timeout=20_000):
        qtbot.mouseClick(
            wizard.button(QWizard.WizardButton.CommitButton), Qt.MouseButton.LeftButton
        )
    wizard.close()


def test_a_vendor_file_is_imported_straight_into_the_evaluation(qtbot, workspace) -> None:  # type: ignore[no-untyped-def]
    from procure.paths import RESOURCES

    path = RESOURCES / "samples" / "belaz_dumpers_offer.csv"
    import_file(qtbot, workspace, path, "BelAZ-Trading Pakistan (Pvt) Ltd")
    models = [a["model"] for a in workspace.result["alternatives"]]
    assert {"БелАЗ-7547", "БелАЗ-7555В", "БелАЗ-75581"} <= set(models)


def test_changing_a_weight_updates_the_result_at_once_without_saving(qtbot, workspace) -> None:  # type: ignore[no-untyped-def]
    space = workspace
    model = space.criteria_tab.criteria
    version = space.result["version"]
    keys = [r["key"] for r in model.rows]
    with qtbot.waitSignal(space.previewed, timeout=10_000):
        for row in range(model.rowCount()):
            model.setData(model.index(row, 1), 1 if keys[row] == "output_tph" else 0)
    text = space.result_view.toPlainText()
    assert "Preview of unsaved changes" in text
    best = max(
        (a for a in space.result["alternatives"] if a["responsive"]),
        key=lambda a: a["values"]["output_tph"],
    )
    ranking = text[text.index("Ranking") : text.index("Fleet sizing")]
    first_listed = min(
        (a for a in space.result["alternatives"] if a["responsive"]),
        key=lambda a: ranking.find(f"— {a['model']}"),
    )
    assert first_listed["offer_id"] == best["offer_id"]  # ranked first by output alone
    assert space.result["version"] == version  # nothing was saved


def test_the_audit_trail_says_which_offer_a_score_was_for(qtbot, workspace) -> None:  # type: ignore[no-untyped-def]
    space = workspace
    setup = space.setup_tab
    setup.role.setCurrentText("Chairman")
    qtbot.mouseClick(setup.add_member, Qt.MouseButton.LeftButton)
    setup.committee.setData(setup.committee.index(0, 0), CHAIR)
    save(qtbot, space, setup.save_button)
    offer = space.scores_tab.scores.offers[0]["offer_id"]
    space.scores_tab.scores.setData(space.scores_tab.scores.index(0, 1), 6)
    save(qtbot, space, space.scores_tab.save_button)
    last = space.audit.rowCount() - 1
    alt = next(a for a in space.result["alternatives"] if a["offer_id"] == offer)
    assert space.audit.index(last, 2).data() == (
        f"{CHAIR} entered their score 6 for after-sales support of "
        f"{alt['vendor']}'s {alt['model']}."
    )


def fill_setup(qtbot, space: WorkspaceWindow, members=((CHAIR, "Chairman"),)) -> None:  # type: ignore[no-untyped-def]
    setup = space.setup_tab
    setup.tender_reference.clear()
    qtbot.keyClicks(setup.tender_reference, "SECMC/T-2026/114")
    qtbot.keyClicks(setup.agency, "Sindh Engro Coal Mining Company")
    setup.bid_opening.setDate(QDate(2026, 11, 27))
    for name, role in members:
        setup.role.setCurrentText(role)
        qtbot.mouseClick(setup.add_member, Qt.MouseButton.LeftButton)
        row = setup.committee.rowCount() - 1
        setup.committee.setData(setup.committee.index(row, 0), name)


def test_unsaved_set_up_survives_a_save_on_another_tab(
    qtbot,
    workspace: WorkspaceWindow,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    space = workspace
    fill_setup(qtbot, space)
    assert space.tabs.tabText(0) == "Set-up and committee •"
    assert space.isWindowModified() and space.windowTitle().endswith("[*]")
    assert space.unsaved_tabs() == ["Set-up and committee"]
    # Withdraw an offer on the Offers tab: that saves and reloads the evaluation.
    monkeypatch.setattr("ui.offers_tab.QInputDialog.getText", lambda *a: ("withdrawn", True))
    space.offers_tab.table.selectRow(0)
    save(qtbot, space, space.offers_tab.withdraw_button)
    assert space.result["excluded_offers"]
    setup = space.setup_tab
    assert setup.tender_reference.text() == "SECMC/T-2026/114"
    assert setup.agency.text() == "Sindh Engro Coal Mining Company"
    assert [m["name"] for m in setup.committee.members] == [CHAIR]
    assert space.tabs.tabText(0).endswith("•")
    save(qtbot, space, setup.save_button)
    assert space.result["tender_reference"] == "SECMC/T-2026/114"
    assert space.result["committee"][0]["name"] == CHAIR
    assert space.result["excluded_offers"]  # the withdrawal is kept too
    assert space.tabs.tabText(0) == "Set-up and committee" and not space.isWindowModified()


def test_closing_with_unsaved_changes_asks_save_discard_or_cancel(
    qtbot,
    workspace: WorkspaceWindow,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    from procure.services.evaluations import load_result
    from ui.messages import CANCEL, SAVE

    space = workspace
    qtbot.keyClicks(space.setup_tab.agency, "Thar Coal Board")
    asked: list[str] = []
    answer = [CANCEL]
    monkeypatch.setattr(
        "ui.workspace.ask_unsaved", lambda parent, text, info="": asked.append(text) or answer[0]
    )
    space.close()
    assert space.isVisible() and asked == ["Unsaved changes on: Set-up and committee."]
    assert space.setup_tab.agency.text() == "Thar Coal Board"
    answer[0] = SAVE
    with qtbot.waitSignal(space.saved, timeout=20_000):
        space.close()
    qtbot.waitUntil(lambda: not space.isVisible(), timeout=20_000)
    assert load_result(space.store, space.evaluation_id)["agency"] == "Thar Coal Board"


def test_reload_asks_and_discard_throws_the_changes_away(
    qtbot,
    workspace: WorkspaceWindow,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    from ui.messages import DISCARD

    space = workspace
    model = space.site_tab.model
    model.setData(model.index(0, 2), 123)
    assert space.unsaved_tabs() == ["Site and defaults"]
    monkeypatch.setattr("ui.workspace.ask_unsaved", lambda *args: DISCARD)
    with qtbot.waitSignal(space.loaded, timeout=20_000):
        qtbot.mouseClick(space.reload_button, Qt.MouseButton.LeftButton)
    assert model.index(0, 2).data() != "123" and not space.dirty


def test_approval_is_blocked_by_the_checklist_until_everything_is_met(
    qtbot,
    workspace: WorkspaceWindow,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    from ui.approval_dialog import ApprovalDialog

    space = workspace
    dialogs: list[ApprovalDialog] = []

    def ask(parent, review, approver):  # type: ignore[no-untyped-def]
        dialog = ApprovalDialog(review, approver, parent)
        qtbot.addWidget(dialog)
        dialogs.append(dialog)
        return False  # the approver closes the review

    monkeypatch.setattr("ui.approval_dialog.ApprovalDialog.ask", ask)
    with qtbot.waitSignal(space.reviewed, timeout=20_000):
        qtbot.mouseClick(space.next_button, Qt.MouseButton.LeftButton)
    dialog = dialogs[-1]
    text = dialog.text.toPlainText()
    assert "The committee has 0 named members; nobody is the chairman." in text
    assert "The tender reference and the procuring agency are not set." in text
    assert "The bid-opening date is not set." in text  # not today's date passed off as set
    assert space.setup_tab.bid_opening.text() == "not set"
    assert "read-only" in text and "checks are not met" in text
    assert not dialog.confirm_button.isEnabled() and not dialog.name.isEnabled()
    assert space.result["status"] == "draft"
    # Meet every check: three members with a chairman, tender data, everyone's scores.
    members = ((CHAIR, "Chairman"), (SECRETARY, "Member/Secretary"), ("Mr R. Memon", "Member"))
    fill_setup(qtbot, space, members)
    save(qtbot, space, space.setup_tab.save_button)
    for name, _role in members:
        score_all(space, name, 6, first=8)
        save(qtbot, space, space.scores_tab.save_button)
    date_the_rates(qtbot, space)
    with qtbot.waitSignal(space.reviewed, timeout=20_000):
        qtbot.mouseClick(space.next_button, Qt.MouseButton.LeftButton)
    dialog = dialogs[-1]
    assert dialog.review.ready, [c.reason for c in dialog.review.unmet]
    assert not dialog.confirm_button.isEnabled()  # the approver's name is not typed yet
    qtbot.keyClicks(dialog.name, "someone else")
    assert not dialog.confirm_button.isEnabled()
    dialog.name.clear()
    qtbot.keyClicks(dialog.name, CHAIR)
    assert dialog.confirm_button.isEnabled()


def test_revise_and_copy_ask_first(qtbot, workspace: WorkspaceWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    space = workspace
    asked: list[str] = []
    monkeypatch.setattr(
        "ui.workspace.confirm", lambda parent, title, text, info="": asked.append(text) or False
    )
    first = space.evaluation_id
    qtbot.mouseClick(space.copy_button, Qt.MouseButton.LeftButton)
    assert asked and "Copy of" in asked[-1]
    qtbot.wait(200)
    assert space.evaluation_id == first  # nothing was made


def test_a_members_comment_does_not_carry_over_to_the_next_member(qtbot, workspace) -> None:  # type: ignore[no-untyped-def]
    space = workspace
    fill_setup(qtbot, space, ((CHAIR, "Chairman"), (SECRETARY, "Member")))
    save(qtbot, space, space.setup_tab.save_button)
    tab = space.scores_tab
    tab.member.setCurrentText(CHAIR)
    qtbot.keyClicks(tab.comment, "visited the service centre")
    score_all(space, CHAIR, 5, first=7)
    save(qtbot, space, tab.save_button)
    tab.member.setCurrentText(SECRETARY)
    assert tab.comment.text() == "" and tab.shown_member == SECRETARY


def test_numbers_read_plainly_and_letters_in_a_number_cell_are_refused_with_a_message(
    qtbot,
    workspace,  # type: ignore[no-untyped-def]
) -> None:
    space = workspace
    model = space.site_tab.model
    shown = [model.index(r, 2).data() for r in range(model.rowCount())]
    assert shown and not [v for v in shown if "e+" in v or "e-" in v]
    big = next(r for r, row in enumerate(model.rows) if row["value"] >= 10_000)
    value = model.rows[big]["value"]
    assert model.index(big, 2).data() == f"{value:,.0f}"  # e.g. 4,500,000
    assert model.setData(model.index(big, 2), "lots") is False
    assert "“lots” was not taken" in space.site_tab.table.property("refusal")
    assert model.setData(model.index(big, 3), "27/11/2026") is False
    assert space.site_tab.table.property("refusal").startswith("A date such as 2026-11-27")
    scores = space.scores_tab.scores
    if scores.rowCount() and scores.columnCount() > 1:
        assert scores.setData(scores.index(0, 1), "seven") is False
        assert space.scores_tab.table.property("refusal") == (
            "A score is a number from 0 to 10; “seven” was not taken."
        )


def test_empty_lists_say_why_they_are_empty(qtbot, workspace: WorkspaceWindow) -> None:  # type: ignore[no-untyped-def]
    from ui.offers_tab import PickOffersDialog

    dialog = PickOffersDialog([])
    qtbot.addWidget(dialog)
    assert (
        not dialog.empty_note.isHidden() and "already in the evaluation" in dialog.empty_note.text()
    )
    offers = workspace.offers_tab
    assert offers.empty_note.isHidden()  # the evaluation has offers
    offers.model.set_result({"alternatives": [], "excluded_offers": []})
    assert not offers.empty_note.isHidden() and "Add from the catalogue" in offers.empty_note.text()


def test_switching_member_with_unsaved_scores_asks_and_saves_them(
    qtbot,
    workspace: WorkspaceWindow,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    from ui.messages import CANCEL, SAVE

    space = workspace
    fill_setup(qtbot, space, ((CHAIR, "Chairman"), (SECRETARY, "Member")))
    save(qtbot, space, space.setup_tab.save_button)
    tab = space.scores_tab
    assert tab.member.currentText() == CHAIR
    tab.scores.setData(tab.scores.index(0, 1), "9")
    assert space.unsaved_tabs() == ["Committee scores"]
    answer = [CANCEL]
    monkeypatch.setattr("ui.workspace.ask_unsaved", lambda *args: answer[0])
    tab.member.setCurrentText(SECRETARY)  # Cancel: stay on the chairman's unsaved scores
    assert tab.member.currentText() == CHAIR and tab.scores.index(0, 1).data() == "9"
    answer[0] = SAVE
    with qtbot.waitSignal(space.loaded, timeout=20_000):
        tab.member.setCurrentText(SECRETARY)
    offer = tab.scores.offers[0]["offer_id"]
    alt = next(a for a in space.result["alternatives"] if a["offer_id"] == offer)
    assert alt["judged"]["after_sales_support"]["scores"] == {CHAIR: 9.0}
    assert tab.shown_member == SECRETARY and tab.scores.index(0, 1).data() == ""


def test_a_members_role_is_chosen_from_the_list_when_added_and_later(qtbot, workspace) -> None:  # type: ignore[no-untyped-def]
    from procure.services.workspace import ROLES
    from ui.criteria_tab import ChoiceDelegate

    setup = workspace.setup_tab
    qtbot.mouseClick(setup.add_member, Qt.MouseButton.LeftButton)
    delegate = setup.committee_table.itemDelegateForColumn(2)
    assert isinstance(delegate, ChoiceDelegate)
    assert [key for _shown, key in delegate.choices()] == list(ROLES)
    assert setup.committee.setData(setup.committee.index(0, 2), "Boss") is False
    assert setup.committee_table.property("refusal").startswith("A role is one of: Chairman")


def test_offers_to_add_are_read_off_the_gui_thread(qtbot, workspace, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import threading

    import procure.services.offers
    from procure.services.offer_writes import insert_offer_records
    from procure.services.offers import list_offers

    space = workspace
    category = space.result["category"]
    with space.store.begin() as session:  # an offer the evaluation does not hold yet
        insert_offer_records(
            session, [{"vendor": "Later Bidder", "model": "LB-100", "category": category}]
        )
    present = {r["offer_id"] for r in space.offers_tab.model.rows}
    expected = [o.id for o in list_offers(space.store, category) if o.id not in present]
    assert len(expected) == 1
    read_on = []

    def reading(store, category=None):  # type: ignore[no-untyped-def]
        read_on.append(threading.current_thread())
        return list_offers(store, category)

    monkeypatch.setattr(procure.services.offers, "list_offers", reading)
    shown = []
    monkeypatch.setattr(
        "ui.offers_tab.PickOffersDialog.ask",
        lambda parent, offers: shown.append([o.id for o in offers]) or [offers[0].id],
    )
    with qtbot.waitSignal(space.loaded, timeout=20_000):
        qtbot.mouseClick(space.offers_tab.add_button, Qt.MouseButton.LeftButton)
    assert read_on and threading.main_thread() not in read_on
    assert shown == [expected]
    assert expected[0] in {r["offer_id"] for r in space.offers_tab.model.rows}
    assert space.offers_tab.add_button.isEnabled()
