"""The evaluation workspace: set-up and committee, members' scores, result, audit trail,
with the status and the one next action always visible at the top."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from procure.text import lcc_series
from ui.charts import StackedBars, ranked_names
from ui.criteria_tab import CriteriaTab
from ui.evaluation_html import evaluation_html
from ui.messages import show_error
from ui.models.workspace_models import AuditModel, CommitteeModel, ScoresModel
from ui.offers_tab import OffersTab
from ui.preliminary_tab import PreliminaryTab
from ui.report_actions import ReportActions
from ui.site_tab import SiteTab
from ui.tasks import run_in_background

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

READ_ONLY = "Approved: read-only. Press Revise to make a new version."


def _table(parent: QWidget, model: Any, name: str) -> QTableView:
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(model)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    return table


class SetupTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        from procure.procedure import PROCEDURES
        from procure.services.workspace import ROLES, RULES

        super().__init__(parent)
        self.title = QLineEdit(self)
        self.tender_reference = QLineEdit(self)
        self.agency = QLineEdit(self)
        self.rules = QComboBox(self)
        self.rules.addItems(RULES)
        self.procedure = QComboBox(self)
        self.procedure.addItems(PROCEDURES)
        self.bid_opening = QDateEdit(self)
        self.bid_opening.setCalendarPopup(True)
        self.bid_opening.setDisplayFormat("yyyy-MM-dd")
        self.committee = CommitteeModel(self)
        self.committee_table = _table(self, self.committee, "committee_table")
        self.role = QComboBox(self)
        self.role.addItems(ROLES)
        self.add_member = QPushButton("Add member", self)
        self.add_member.clicked.connect(lambda: self.committee.add(self.role.currentText()))
        self.remove_member = QPushButton("Remove member", self)
        self.remove_member.clicked.connect(
            lambda: self.committee.remove(self.committee_table.currentIndex().row())
        )
        self.save_button = QPushButton("Save set-up", self)
        self.save_button.setObjectName("save_setup")
        form = QFormLayout()
        form.addRow("Title", self.title)
        form.addRow("Tender reference", self.tender_reference)
        form.addRow("Procuring agency", self.agency)
        form.addRow("Procurement rules", self.rules)
        form.addRow("Procedure", self.procedure)
        form.addRow("Bid-opening date", self.bid_opening)
        members = QHBoxLayout()
        members.addWidget(self.role)
        members.addWidget(self.add_member)
        members.addWidget(self.remove_member)
        members.addStretch(1)
        members.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("Committee", self))
        layout.addWidget(self.committee_table)
        layout.addLayout(members)

    def show_result(self, result: dict[str, Any]) -> None:
        self.title.setText(result.get("title") or result["need"])
        self.tender_reference.setText(result.get("tender_reference") or "")
        self.agency.setText(result.get("agency") or "")
        if result.get("rules"):
            self.rules.setCurrentText(result["rules"])
        if result.get("procedure"):
            self.procedure.setCurrentText(result["procedure"])
        date = QDate.fromString(result.get("bid_opening_date") or "", "yyyy-MM-dd")
        self.bid_opening.setDate(date if date.isValid() else QDate.currentDate())
        self.committee.set_members(result.get("committee") or [])
        header = self.committee_table.horizontalHeader()
        header.resizeSection(0, 240)
        header.resizeSection(1, 260)

    def changes(self) -> dict[str, Any]:
        return {
            "title": self.title.text().strip(),
            "tender_reference": self.tender_reference.text().strip() or None,
            "agency": self.agency.text().strip() or None,
            "rules": self.rules.currentText(),
            "procedure": self.procedure.currentText(),
            "bid_opening_date": self.bid_opening.date().toString("yyyy-MM-dd"),
            "committee": [dict(m) for m in self.committee.members],
        }

    def set_read_only(self, read_only: bool, draft: bool) -> None:
        for widget in (
            self.title,
            self.tender_reference,
            self.agency,
            self.rules,
            self.bid_opening,
            self.add_member,
            self.remove_member,
            self.save_button,
            self.role,
        ):
            widget.setEnabled(not read_only)
            widget.setToolTip(READ_ONLY if read_only else "")
        self.procedure.setEnabled(draft)
        self.procedure.setToolTip(
            "" if draft else "The procedure is fixed once the evaluation has left the draft stage."
        )
        self.committee.read_only = read_only


class ScoresTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.member = QComboBox(self)
        self.member.setObjectName("score_member")
        self.scores = ScoresModel(self)
        self.table = _table(self, self.scores, "score_table")
        self.comment = QLineEdit(self)
        self.comment.setPlaceholderText("Optional comment on these scores")
        self.save_button = QPushButton("Save scores", self)
        self.save_button.setObjectName("save_scores")
        self.hint = QLabel(
            "Each member scores the judged criteria from 0 to 10; the mean of the "
            "members is used. A highlighted cell: the members disagree by more "
            "than 4 points.",
            self,
        )
        self.hint.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel("Scores of", self))
        top.addWidget(self.member, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.comment, 1)
        bottom.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addWidget(self.table)
        layout.addLayout(bottom)
        self.original: dict[tuple[int, str], float | None] = {}

    def show_result(self, result: dict[str, Any]) -> None:
        names = [m["name"] for m in result.get("committee") or [] if m.get("name")]
        current = self.member.currentText()
        self.member.blockSignals(True)
        self.member.clear()
        self.member.addItems(names)
        if current in names:
            self.member.setCurrentText(current)
        self.member.blockSignals(False)
        self.scores.load(result, self.member.currentText())
        self.original = dict(self.scores.scores)
        self.table.horizontalHeader().resizeSection(0, 340)
        ready = bool(names) and bool(self.scores.criteria)
        why = (
            "Add committee members on the Set-up tab first."
            if not names
            else "This evaluation has no judged criteria."
            if not self.scores.criteria
            else ""
        )
        self.save_button.setEnabled(ready and not self.scores.read_only)
        self.save_button.setToolTip(READ_ONLY if self.scores.read_only else why)


class WorkspaceWindow(QMainWindow):
    """One evaluation, worked on by the committee."""

    loaded = Signal()
    saved = Signal()
    save_refused = Signal()

    def __init__(
        self,
        factory: sessionmaker[Session],
        evaluation_id: int,
        actor: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.factory = factory
        self.evaluation_id = evaluation_id
        self.actor = actor
        self.result: dict[str, Any] | None = None
        self.resize(1200, 800)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("workspace_status")
        self.next_button = QPushButton(self)
        self.next_button.setObjectName("next_action")
        self.next_button.clicked.connect(self._next_action)
        self.copy_button = QPushButton("Copy as a new evaluation", self)
        self.copy_button.setObjectName("copy_evaluation")
        self.copy_button.setToolTip(
            "Start a new draft from this evaluation's set-up, offers and scores."
        )
        self.copy_button.clicked.connect(self._copy)
        self.reports = ReportActions(self)
        self.setup_tab = SetupTab(self)
        self.criteria_tab = CriteriaTab(self)
        self.site_tab = SiteTab(self)
        self.offers_tab = OffersTab(self)
        self.scores_tab = ScoresTab(self)
        self.result_view = QTextBrowser(self)
        self.result_view.setObjectName("workspace_result")
        self.contribution_chart = StackedBars(
            "Weighted contributions to each score", "points", self
        )
        self.lcc_chart = StackedBars("Life-cycle cost, present values", "million PKR", self)
        self.probability_chart = StackedBars(
            "Probability of ranking first as weights vary", "%", self
        )
        charts = QWidget(self)
        charts_layout = QVBoxLayout(charts)
        for chart in (self.contribution_chart, self.lcc_chart, self.probability_chart):
            charts_layout.addWidget(chart)
        charts_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(charts)
        result_page = QSplitter(Qt.Orientation.Vertical, self)
        result_page.addWidget(self.result_view)
        result_page.addWidget(scroll)
        result_page.setSizes([420, 380])
        self.audit = AuditModel(self)
        self.audit_table = _table(self, self.audit, "audit_table")
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.setup_tab, "Set-up and committee")
        self.tabs.addTab(self.site_tab, "Site and defaults")
        self.tabs.addTab(self.criteria_tab, "Criteria and weights")
        self.tabs.addTab(self.offers_tab, "Offers")
        self.tabs.addTab(PreliminaryTab(self), "Bid opening")  # issue 12
        self.tabs.addTab(self.scores_tab, "Committee scores")
        self.tabs.addTab(result_page, "Result")
        self.tabs.addTab(self.audit_table, "Audit trail")
        self.setup_tab.save_button.clicked.connect(self._save_setup)
        self.criteria_tab.save_requested.connect(self._save_need)
        self.criteria_tab.preview_requested.connect(self._preview_need)
        self.site_tab.save_requested.connect(self._save_need)
        self.offers_tab.state_requested.connect(self._set_offer_state)
        self.offers_tab.add_requested.connect(self._add_offers)
        self.offers_tab.import_requested.connect(self.import_into_evaluation)
        self.scores_tab.save_button.clicked.connect(self._save_scores)
        self.scores_tab.member.currentTextChanged.connect(self._member_changed)
        header = QHBoxLayout()
        header.addWidget(self.status_label, 1)
        header.addWidget(self.copy_button)
        header.addWidget(self.next_button)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.addLayout(header)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.reports)
        self.setCentralWidget(central)
        self.reload()

    # -- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        factory, evaluation_id = self.factory, self.evaluation_id

        def work() -> tuple[dict[str, Any], list[dict[str, Any]], Any]:
            from procure.services.evaluations import load_result
            from procure.services.workspace import audit_trail, next_step

            return (
                load_result(factory, evaluation_id),
                audit_trail(factory, evaluation_id),
                next_step(evaluation_id, factory),
            )

        run_in_background(self, work, self._show)

    def _show(self, loaded: tuple[dict[str, Any], list[dict[str, Any]], Any]) -> None:
        from procure.procedure import APPROVED, DRAFT, prices_sealed

        result, events, step = loaded
        self.result = result
        status = result["status"]
        approved = status == APPROVED
        technical = prices_sealed(result)
        self.setWindowTitle(f"Evaluation {result['evaluation_id']} — {result.get('title')}")
        procedure = result.get("procedure") or "single stage one envelope"
        self.status_label.setText(
            f"<b>Evaluation {result['evaluation_id']}</b> · {result.get('title')} · status "
            f"<b>{status}</b> · {procedure}"
            + (
                f" · revision of evaluation {result['parent_id']}"
                if result.get("parent_id")
                else ""
            )
        )
        self.next_button.setText(step[1] if step else "Revise")
        self.next_button.setEnabled(True)
        self.next_button.setToolTip(
            "Make a new draft version of this approved evaluation."
            if not step
            else f"Record: {step[1].lower()}."
        )
        self.scores_tab.scores.read_only = approved
        self.setup_tab.set_read_only(approved, status == DRAFT)
        self.setup_tab.show_result(result)
        self.criteria_tab.show_result(result, result["need_document"])
        self.criteria_tab.set_read_only(approved, READ_ONLY)
        self.site_tab.show_need(result["need_document"])
        self.site_tab.set_read_only(approved, READ_ONLY)
        self.offers_tab.model.set_result(result)
        self.offers_tab.set_read_only(approved, READ_ONLY)
        self.scores_tab.show_result(result)
        self.result_view.setHtml(evaluation_html(result, technical=technical))
        self._show_charts(result, technical)
        self.audit.set_events(events)
        self.reports.technical = technical
        self.reports.set_result(result)
        self.loaded.emit()

    def _show_charts(self, result: dict[str, Any], technical: bool) -> None:
        ranked = sorted((a for a in result["alternatives"] if a["rank"]), key=lambda a: a["rank"])
        names = ranked_names(result)  # bidder and model, as in the reports
        criteria = result["criteria"]
        show = bool(ranked) and not technical
        for chart in (self.contribution_chart, self.lcc_chart, self.probability_chart):
            chart.setVisible(show)
        if not show:
            return
        self.contribution_chart.set_data(
            names,
            [c["label"] for c in criteria],
            [[a["contributions"].get(c["key"], 0.0) for a in ranked] for c in criteria],
        )
        labels, values = lcc_series(ranked)
        self.lcc_chart.set_data(names, labels, values)
        sensitivity = result.get("sensitivity") or {}
        probability = (sensitivity.get("simulation") or {}).get("first_rank_probability", {})
        self.probability_chart.set_data(
            names,
            ["first rank"],
            [[100 * probability.get(str(a["offer_id"]), 0.0) for a in ranked]],
        )

    def _member_changed(self, member: str) -> None:
        if self.result is not None:
            self.scores_tab.scores.load(self.result, member)
            self.scores_tab.original = dict(self.scores_tab.scores.scores)

    # -- changes ---------------------------------------------------------------------------

    def _run(
        self, work: Callable[[], Any], on_error: Callable[[Exception], None] | None = None
    ) -> None:
        """Save off the GUI thread; reload afterwards; show a refusal as a message."""
        for button in (self.setup_tab.save_button, self.scores_tab.save_button, self.next_button):
            button.setEnabled(False)

        def done(value: Any) -> None:
            if isinstance(value, int) and value != self.evaluation_id and self._revising:
                self.evaluation_id = value
            self._revising = False
            self.saved.emit()
            self.reload()

        def failed(exc: Exception) -> None:
            self._revising = False
            show_error(self, exc)
            self.reload()

        run_in_background(self, work, done, on_error or failed)

    _revising = False

    def _save_setup(self) -> None:
        from procure.services.workspace import update_setup

        assert self.result is not None
        changes, version = self.setup_tab.changes(), self.result["version"]
        factory, evaluation_id, actor = self.factory, self.evaluation_id, self.actor()
        self._run(
            lambda: update_setup(
                factory, evaluation_id, changes, expected_version=version, actor=actor
            )
        )

    previewed = Signal()

    def _preview_need(self, changes: dict[str, Any]) -> None:
        """Show at once what unsaved weights or criteria would give (nothing is saved)."""
        from procure.errors import InvalidInput
        from procure.procedure import prices_sealed
        from procure.services.workspace import preview_need

        factory, evaluation_id = self.factory, self.evaluation_id

        def show(preview: dict[str, Any]) -> None:
            sealed = prices_sealed(preview)
            self.criteria_tab.problems.clear()
            self.result_view.setHtml(
                "<p style='background:#fff3cd'><b>Preview of unsaved changes</b> to the "
                "criteria and weights: press Save to keep them.</p>"
                + evaluation_html(preview, technical=sealed)
            )
            self._show_charts(preview, sealed)
            self.previewed.emit()

        def refused(exc: Exception) -> None:
            if isinstance(exc, InvalidInput):
                self.criteria_tab.problems.setText("\n".join(exc.problems))
            else:
                show_error(self, exc)

        run_in_background(
            self, lambda: preview_need(factory, evaluation_id, changes), show, refused
        )

    def _copy(self) -> None:
        from procure.services.workspace import copy_evaluation

        factory, evaluation_id, actor = self.factory, self.evaluation_id, self.actor()
        self._revising = True  # switch this window to the new evaluation
        self._run(lambda: copy_evaluation(factory, evaluation_id, actor=actor))

    def _save_need(self, changes: dict[str, Any]) -> None:
        from procure.errors import InvalidInput
        from procure.services.workspace import update_need

        assert self.result is not None
        version = self.result["version"]
        factory, evaluation_id, actor = self.factory, self.evaluation_id, self.actor()

        def refused(exc: Exception) -> None:
            # Shown at the tab, next to what was entered: "criteria[2]: weight must be ...".
            if isinstance(exc, InvalidInput):
                self.criteria_tab.problems.setText("\n".join(exc.problems))
                for button in (
                    self.criteria_tab.save_button,
                    self.setup_tab.save_button,
                    self.scores_tab.save_button,
                    self.next_button,
                ):
                    button.setEnabled(True)
                self.save_refused.emit()
                return
            show_error(self, exc)
            self.reload()

        self._run(
            lambda: update_need(
                factory, evaluation_id, changes, expected_version=version, actor=actor
            ),
            refused,
        )

    def _set_offer_state(self, offer_id: int, state: str, reason: str) -> None:
        from procure.services.workspace import set_offer_state

        assert self.result is not None
        version = self.result["version"]
        factory, evaluation_id, actor = self.factory, self.evaluation_id, self.actor()
        self._run(
            lambda: set_offer_state(
                factory,
                evaluation_id,
                offer_id,
                state,
                reason,
                expected_version=version,
                actor=actor,
            )
        )

    def _add_offers(self) -> None:
        from procure.services.offers import list_offers
        from procure.services.workspace import add_offers
        from ui.offers_tab import PickOffersDialog

        assert self.result is not None
        present = {r["offer_id"] for r in self.offers_tab.model.rows}
        candidates = [
            o for o in list_offers(self.factory, self.result["category"]) if o.id not in present
        ]
        chosen = PickOffersDialog.ask(self, candidates)
        if not chosen:
            return
        version = self.result["version"]
        factory, evaluation_id, actor = self.factory, self.evaluation_id, self.actor()
        self._run(
            lambda: add_offers(
                factory, evaluation_id, chosen, expected_version=version, actor=actor
            )
        )

    def import_into_evaluation(self, path: str | None = None) -> QWidget:
        """Import a vendor file (the import wizard), then take its offers into this
        evaluation."""
        from ui.import_wizard import ImportWizard

        wizard = ImportWizard(self.factory, path, self)
        wizard.imported.connect(self._take_imported)
        wizard.open()
        return wizard

    def _take_imported(self, imported: Any) -> None:
        from procure.services.workspace import add_offers

        assert self.result is not None
        ids = [c.offer_id for c in imported.changes if c.offer_id is not None]
        version = self.result["version"]
        factory, evaluation_id, actor = self.factory, self.evaluation_id, self.actor()
        self._run(
            lambda: add_offers(factory, evaluation_id, ids, expected_version=version, actor=actor)
        )

    def _save_scores(self) -> None:
        from procure.services.workspace import set_member_scores

        assert self.result is not None
        member = self.scores_tab.member.currentText()
        changed = self.scores_tab.scores.changed_offers(self.scores_tab.original)
        comment = self.scores_tab.comment.text().strip()
        version = self.result["version"]
        factory, evaluation_id, actor = self.factory, self.evaluation_id, self.actor()

        def work() -> int:
            current = version
            for offer_id, scores in changed.items():
                current = set_member_scores(
                    factory,
                    evaluation_id,
                    member,
                    offer_id,
                    scores,
                    comment=comment,
                    expected_version=current,
                    actor=actor,
                )
            return current

        self._run(work)

    def _next_action(self) -> None:
        from procure.services.workspace import advance, revise

        assert self.result is not None
        factory, evaluation_id, actor = self.factory, self.evaluation_id, self.actor()
        if self.result["status"] == "approved":
            self._revising = True
            self._run(lambda: revise(factory, evaluation_id, actor=actor))
            return
        version = self.result["version"]
        self._run(lambda: advance(factory, evaluation_id, expected_version=version, actor=actor))
