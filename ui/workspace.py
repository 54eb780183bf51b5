"""The evaluation workspace: set-up and committee, members' scores, result, audit trail,
with the status and the one next action always visible at the top."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from procure.text import lcc_series
from ui.charts import StackedBars, ranked_names
from ui.criteria_tab import ChoiceDelegate, CriteriaTab
from ui.edit_table import edit_table
from ui.evaluation_html import evaluation_html
from ui.messages import CANCEL, DISCARD, SAVE, ask_unsaved, confirm, show_error
from ui.models.workspace_models import AuditModel, CommitteeModel, ScoresModel
from ui.offers_tab import OffersTab
from ui.preliminary_tab import PreliminaryTab
from ui.report_actions import ReportActions
from ui.site_tab import SiteTab
from ui.tasks import run_in_background

if TYPE_CHECKING:
    from procure.rows import OfferRow
    from procure.services.store import Store

READ_ONLY = "Approved: read-only. Press Revise to make a new version."
UNSAVED_MARK = " •"
NO_DATE = QDate(2000, 1, 1)


class SetupTab(QWidget):
    edited = Signal()  # the user changed something on this tab

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
        # An unset date shows as "not set" rather than today's date passed off as entered.
        self.bid_opening.setMinimumDate(NO_DATE)
        self.bid_opening.setSpecialValueText("not set")
        self.committee = CommitteeModel(self)
        self.committee_table = edit_table(self, self.committee, "committee_table")
        # The role is chosen from the same list when a member is added and later.
        self.committee_table.setItemDelegateForColumn(
            2, ChoiceDelegate(lambda: [(role, role) for role in ROLES], self)
        )
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
        for line in (self.title, self.tender_reference, self.agency):
            line.textEdited.connect(self.edited)
        for box in (self.rules, self.procedure):
            box.activated.connect(self.edited)
        self.bid_opening.dateChanged.connect(self.edited)
        for signal in (
            self.committee.dataChanged,
            self.committee.rowsInserted,
            self.committee.rowsRemoved,
        ):
            signal.connect(self.edited)
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
        self.bid_opening.setDate(date if date.isValid() else NO_DATE)
        self.committee.set_members(result.get("committee") or [])
        self.loaded = self._values()
        header = self.committee_table.horizontalHeader()
        header.resizeSection(0, 240)
        header.resizeSection(1, 260)

    loaded: dict[str, Any] = {}  # noqa: RUF012 (replaced per instance on each load)

    def _values(self) -> dict[str, Any]:
        date = self.bid_opening.date()
        return {
            "title": self.title.text().strip(),
            "tender_reference": self.tender_reference.text().strip() or None,
            "agency": self.agency.text().strip() or None,
            "rules": self.rules.currentText(),
            "procedure": self.procedure.currentText(),
            "bid_opening_date": None if date == NO_DATE else date.toString("yyyy-MM-dd"),
            "committee": [dict(m) for m in self.committee.members],
        }

    def changes(self) -> dict[str, Any]:
        """What the user changed since the tab was loaded (nothing else is saved, so a
        default shown on screen is never recorded as entered)."""
        return {k: v for k, v in self._values().items() if self.loaded.get(k) != v}

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
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.member = QComboBox(self)
        self.member.setObjectName("score_member")
        self.scores = ScoresModel(self)
        self.table = edit_table(self, self.scores, "score_table")
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
        self.scores.dataChanged.connect(self.edited)
        self.comment.textEdited.connect(self.edited)

    def show_result(self, result: dict[str, Any]) -> None:
        names = [m["name"] for m in result.get("committee") or [] if m.get("name")]
        current = self.member.currentText()
        self.member.blockSignals(True)
        self.member.clear()
        self.member.addItems(names)
        if current in names:
            self.member.setCurrentText(current)
        self.member.blockSignals(False)
        self.load_member(result, self.member.currentText())
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

    def load_member(self, result: dict[str, Any], member: str) -> None:
        """Show one member's scores; the comment box starts empty for each member."""
        self.scores.load(result, member)
        self.original = dict(self.scores.scores)
        self.shown_member = member
        self.comment.clear()

    shown_member = ""


class WorkspaceWindow(QMainWindow):
    """One evaluation, worked on by the committee."""

    loaded = Signal()
    saved = Signal()
    save_refused = Signal()

    def __init__(
        self,
        store: Store,
        evaluation_id: int,
        actor: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.evaluation_id = evaluation_id
        self.actor = actor
        self.result: dict[str, Any] | None = None
        self.resize(1200, 800)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("workspace_status")
        # A long title wraps instead of widening the window past a 1,024-px screen.
        self.status_label.setWordWrap(True)
        self.status_label.setMinimumWidth(200)
        self.next_button = QPushButton(self)
        self.next_button.setObjectName("next_action")
        self.next_button.clicked.connect(self._next_action)
        self.copy_button = QPushButton("Copy as a new evaluation", self)
        self.copy_button.setObjectName("copy_evaluation")
        self.copy_button.setToolTip(
            "Start a new draft from this evaluation's set-up, offers and scores."
        )
        self.copy_button.clicked.connect(self._copy)
        self.reload_button = QPushButton("Reload", self)
        self.reload_button.setObjectName("reload_evaluation")
        self.reload_button.setToolTip(
            "Show the evaluation as saved now (for example after a colleague's change)."
        )
        self.reload_button.clicked.connect(lambda: self._leave(self.reload, "reload"))
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
        self.audit_table = edit_table(self, self.audit, "audit_table")
        self.audit_table.setWordWrap(True)
        self.audit_details = QTextBrowser(self)
        self.audit_details.setObjectName("audit_details")
        self.audit_details.setPlaceholderText("Select a change to see what was recorded.")
        self.audit_table.selectionModel().currentRowChanged.connect(self._show_audit_details)
        audit_page = QSplitter(Qt.Orientation.Vertical, self)
        audit_page.addWidget(self.audit_table)
        audit_page.addWidget(self.audit_details)
        audit_page.setStretchFactor(0, 3)
        audit_page.setStretchFactor(1, 1)
        self.tabs = QTabWidget(self)
        # The tabs whose edits are kept until saved, in the order "Save" saves them.
        self.editors: dict[QWidget, str] = {
            self.setup_tab: "Set-up and committee",
            self.site_tab: "Site and defaults",
            self.criteria_tab: "Criteria and weights",
            self.scores_tab: "Committee scores",
        }
        self.dirty: set[QWidget] = set()
        self._loading = False
        self._after_save: Callable[[], None] | None = None
        self._closing = False
        for page, name in (
            (self.setup_tab, "Set-up and committee"),
            (self.site_tab, "Site and defaults"),
            (self.criteria_tab, "Criteria and weights"),
            (self.offers_tab, "Offers"),
            (PreliminaryTab(self), "Bid opening"),
            (self.scores_tab, "Committee scores"),
            (result_page, "Result"),
            (audit_page, "Audit trail"),
        ):
            self.tabs.addTab(page, name)
        for editor in self.editors:
            editor.edited.connect(lambda editor=editor: self._mark_dirty(editor))  # type: ignore[attr-defined]
        self.setup_tab.save_button.clicked.connect(self._save_setup)
        self.criteria_tab.save_requested.connect(
            lambda changes: self._save_need(changes, self.criteria_tab)
        )
        self.criteria_tab.preview_requested.connect(self._preview_need)
        self.site_tab.save_requested.connect(
            lambda changes: self._save_need(changes, self.site_tab)
        )
        self.offers_tab.state_requested.connect(self._set_offer_state)
        self.offers_tab.add_requested.connect(self._add_offers)
        self.offers_tab.import_requested.connect(self.import_into_evaluation)
        self.scores_tab.save_button.clicked.connect(lambda: self._save_scores())
        self.scores_tab.member.currentTextChanged.connect(self._member_changed)
        header = QHBoxLayout()
        header.addWidget(self.status_label, 1)
        header.addWidget(self.reload_button)
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
        store, evaluation_id = self.store, self.evaluation_id

        def work() -> tuple[dict[str, Any], list[dict[str, Any]], Any]:
            from procure.services.evaluations import load_result
            from procure.services.workspace import audit_trail, next_step

            return (
                load_result(store, evaluation_id),
                audit_trail(store, evaluation_id),
                next_step(store, evaluation_id),
            )

        run_in_background(self, work, self._show)

    def _show(self, loaded: tuple[dict[str, Any], list[dict[str, Any]], Any]) -> None:
        from procure.procedure import APPROVED, DRAFT, prices_sealed

        result, events, step = loaded
        self.result = result
        status = result["status"]
        approved = status == APPROVED
        technical = prices_sealed(result)
        title = result.get("title") or result.get("need") or "untitled"
        self.setWindowTitle(f"Evaluation {result['evaluation_id']} — {title}[*]")
        procedure = result.get("procedure") or "single stage one envelope"
        self.status_label.setText(
            f"<b>Evaluation {result['evaluation_id']}</b> · {escape(title)} · status "
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
        self.criteria_tab.set_read_only(approved, READ_ONLY)
        self.site_tab.set_read_only(approved, READ_ONLY)
        self.offers_tab.set_read_only(approved, READ_ONLY)
        # A tab with unsaved edits keeps them: a save on another tab never discards them.
        self._loading = True
        try:
            if self.setup_tab not in self.dirty:
                self.setup_tab.show_result(result)
            if self.criteria_tab not in self.dirty:
                self.criteria_tab.show_result(result, result["need_document"])
            if self.site_tab not in self.dirty:
                self.site_tab.show_need(result["need_document"])
            if self.scores_tab not in self.dirty:
                self.scores_tab.show_result(result)
        finally:
            self._loading = False
        self.offers_tab.model.set_result(result)
        self.offers_tab.fit_columns()
        self.result_view.setHtml(evaluation_html(result, technical=technical))
        self._show_charts(result, technical)
        from procure.audit_text import offer_names

        names = offer_names([*result["alternatives"], *(result.get("excluded_offers") or [])])
        self.audit.set_events(events, names)
        self.audit_details.clear()
        header = self.audit_table.horizontalHeader()
        header.resizeSection(0, 150)
        header.resizeSection(1, 140)
        self.audit_table.resizeRowsToContents()
        self.reports.technical = technical
        self.reports.set_result(result)
        self._show_dirty()
        self.loaded.emit()
        if self._after_save is not None:
            then, self._after_save = self._after_save, None
            then()

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

    def _show_audit_details(self, current: Any, _previous: Any = None) -> None:
        row = current.row() if current.isValid() else -1
        if 0 <= row < len(self.audit.rows):
            event = self.audit.rows[row]
            self.audit_details.setPlainText(
                event["sentence"] + "\n\n" + "\n".join(event["details"])
            )
        else:
            self.audit_details.clear()

    def _member_changed(self, member: str) -> None:
        if self.result is None:
            return
        tab = self.scores_tab
        if tab in self.dirty:
            previous = tab.shown_member
            answer = ask_unsaved(
                self,
                f"The scores of {previous} are not saved.",
                f"Save them before showing the scores of {member}?",
            )
            if answer == CANCEL:
                tab.member.blockSignals(True)
                tab.member.setCurrentText(previous)
                tab.member.blockSignals(False)
                return
            if answer == SAVE:
                self._save_scores(previous)  # the reload then shows the chosen member
                return
            self.dirty.discard(tab)
            self._show_dirty()
        self._loading = True
        try:
            tab.load_member(self.result, member)
        finally:
            self._loading = False

    # -- unsaved changes -------------------------------------------------------------------

    def _mark_dirty(self, editor: QWidget) -> None:
        if self._loading or self.result is None or self.result["status"] == "approved":
            return
        if editor not in self.dirty:
            self.dirty.add(editor)
            self._show_dirty()

    def _show_dirty(self) -> None:
        """Mark each tab with unsaved changes, and the window title."""
        for editor, name in self.editors.items():
            index = self.tabs.indexOf(editor)
            mark = UNSAVED_MARK if editor in self.dirty else ""
            self.tabs.setTabText(index, name + mark)
            self.tabs.setTabToolTip(index, "Unsaved changes on this tab." if mark else "")
        self.setWindowModified(bool(self.dirty))

    def unsaved_tabs(self) -> list[str]:
        """The names of the tabs with unsaved changes, in tab order."""
        return [name for editor, name in self.editors.items() if editor in self.dirty]

    def _save_tab(self, editor: QWidget) -> None:
        if editor is self.setup_tab:
            self._save_setup()
        elif editor is self.site_tab:
            self._save_need(self.site_tab.model.changes(), self.site_tab)
        elif editor is self.criteria_tab:
            self._save_need(self.criteria_tab.changes(), self.criteria_tab)
        else:
            self._save_scores()

    def save_pending(self, then: Callable[[], None]) -> None:
        """Save every tab with unsaved changes, one after the other, then call `then`
        (not called when a save is refused: the user sees why and stays)."""
        pending = [editor for editor in self.editors if editor in self.dirty]
        if not pending:
            then()
            return
        self._after_save = lambda: self.save_pending(then)
        self._save_tab(pending[0])

    def _leave(self, then: Callable[[], None], doing: str) -> None:
        """Before closing, reloading or switching evaluation: ask about unsaved changes."""
        if not self.dirty:
            then()
            return
        answer = ask_unsaved(
            self,
            "Unsaved changes on: " + ", ".join(self.unsaved_tabs()) + ".",
            f"Save them before you {doing}? Discard throws them away.",
        )
        if answer == SAVE:
            self.save_pending(then)
        elif answer == DISCARD:
            self.dirty.clear()
            self._show_dirty()
            then()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closing or not self.dirty:
            super().closeEvent(event)
            return
        event.ignore()
        self._leave(self._close_now, "close this evaluation")

    def _close_now(self) -> None:
        self._closing = True
        self.close()

    # -- changes ---------------------------------------------------------------------------

    def _run(
        self,
        work: Callable[[], Any],
        on_error: Callable[[Exception], None] | None = None,
        editor: QWidget | None = None,
    ) -> None:
        """Save off the GUI thread; reload afterwards; show a refusal as a message. The
        `editor` tab's changes are saved by `work`; other tabs keep their unsaved edits."""
        for button in (self.setup_tab.save_button, self.scores_tab.save_button, self.next_button):
            button.setEnabled(False)

        def done(value: Any) -> None:
            if isinstance(value, int) and value != self.evaluation_id and self._revising:
                self.evaluation_id = value
            self._revising = False
            if editor is not None:
                self.dirty.discard(editor)
            self.saved.emit()
            self.reload()

        def failed(exc: Exception) -> None:
            self._revising = False
            self._after_save = None
            show_error(self, exc)
            self.reload()

        run_in_background(self, work, done, on_error or failed)

    _revising = False

    def _save_setup(self) -> None:
        from procure.services.workspace import update_setup

        assert self.result is not None
        changes, version = self.setup_tab.changes(), self.result["version"]
        store, evaluation_id, actor = self.store, self.evaluation_id, self.actor()
        self._run(
            lambda: update_setup(
                store, evaluation_id, changes, expected_version=version, actor=actor
            ),
            editor=self.setup_tab,
        )

    previewed = Signal()

    def _preview_need(self, changes: dict[str, Any]) -> None:
        """Show at once what unsaved weights or criteria would give (nothing is saved)."""
        from procure.errors import InvalidInput
        from procure.procedure import prices_sealed
        from procure.services.workspace import preview_need

        store, evaluation_id = self.store, self.evaluation_id

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
                self.criteria_tab.show_problems(exc.problems)
            else:
                show_error(self, exc)

        run_in_background(self, lambda: preview_need(store, evaluation_id, changes), show, refused)

    def _copy(self) -> None:
        from procure.services.workspace import copy_evaluation

        assert self.result is not None
        title = self.result.get("title") or "this evaluation"
        if not confirm(
            self,
            "Copy as a new evaluation",
            f"Make a new draft evaluation, “Copy of {title}”, from this one?",
            "The new draft takes this evaluation's set-up, committee, criteria and weights, "
            "offers and members' scores as saved; this evaluation is not changed. The "
            "window then shows the new draft.",
        ):
            return

        def copy() -> None:
            store, evaluation_id, actor = self.store, self.evaluation_id, self.actor()
            self._revising = True  # switch this window to the new evaluation
            self._run(lambda: copy_evaluation(store, evaluation_id, actor=actor))

        self._leave(copy, "make the copy")

    def _save_need(self, changes: dict[str, Any], editor: QWidget) -> None:
        from procure.errors import InvalidInput
        from procure.services.workspace import update_need

        assert self.result is not None
        version = self.result["version"]
        store, evaluation_id, actor = self.store, self.evaluation_id, self.actor()

        def refused(exc: Exception) -> None:
            # Shown at the tab, next to what was entered: "criteria[2]: weight must be ...".
            self._after_save = None
            if isinstance(exc, InvalidInput):
                self.criteria_tab.show_problems(exc.problems)
                self.tabs.setCurrentWidget(self.criteria_tab)
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
                store, evaluation_id, changes, expected_version=version, actor=actor
            ),
            refused,
            editor,
        )

    def _set_offer_state(self, offer_id: int, state: str, reason: str) -> None:
        from procure.services.workspace import set_offer_state

        assert self.result is not None
        version = self.result["version"]
        store, evaluation_id, actor = self.store, self.evaluation_id, self.actor()
        self._run(
            lambda: set_offer_state(
                store,
                evaluation_id,
                offer_id,
                state,
                reason,
                expected_version=version,
                actor=actor,
            )
        )

    def _add_offers(self) -> None:
        """Read the catalogue's offers of this category off the GUI thread; then ask which to
        take into the evaluation."""
        from procure.services.offers import list_offers

        assert self.result is not None
        store, category = self.store, self.result["category"]
        button = self.offers_tab.add_button
        button.setEnabled(False)

        def failed(exc: Exception) -> None:
            button.setEnabled(not self.offers_tab.read_only)
            show_error(self, exc)

        run_in_background(self, lambda: list_offers(store, category), self._pick_offers, failed)

    def _pick_offers(self, offers: list[OfferRow]) -> None:
        from procure.services.workspace import add_offers
        from ui.offers_tab import PickOffersDialog

        self.offers_tab.add_button.setEnabled(not self.offers_tab.read_only)
        assert self.result is not None
        present = {r["offer_id"] for r in self.offers_tab.model.rows}
        chosen = PickOffersDialog.ask(self, [o for o in offers if o.id not in present])
        if not chosen:
            return
        version = self.result["version"]
        store, evaluation_id, actor = self.store, self.evaluation_id, self.actor()
        self._run(
            lambda: add_offers(store, evaluation_id, chosen, expected_version=version, actor=actor)
        )

    def import_into_evaluation(self, path: str | None = None) -> QWidget:
        """Import a vendor file (the import wizard), then take its offers into this
        evaluation."""
        from ui.import_wizard import ImportWizard

        wizard = ImportWizard(self.store, path, self)
        wizard.imported.connect(self._take_imported)
        wizard.open()
        return wizard

    def _take_imported(self, imported: Any) -> None:
        from procure.services.workspace import add_offers

        assert self.result is not None
        ids = [c.offer_id for c in imported.changes if c.offer_id is not None]
        version = self.result["version"]
        store, evaluation_id, actor = self.store, self.evaluation_id, self.actor()
        self._run(
            lambda: add_offers(store, evaluation_id, ids, expected_version=version, actor=actor)
        )

    def _save_scores(self, member: str | None = None) -> None:
        """Save the shown member's changed scores, all offers together."""
        from procure.services.workspace import save_member_scores

        assert self.result is not None
        tab = self.scores_tab
        member = member or tab.shown_member or tab.member.currentText()
        changed = tab.scores.changed_offers(tab.original)
        comment = tab.comment.text().strip()
        version = self.result["version"]
        store, evaluation_id, actor = self.store, self.evaluation_id, self.actor()
        self._run(
            lambda: save_member_scores(
                store,
                evaluation_id,
                member,
                changed,
                comment=comment,
                expected_version=version,
                actor=actor,
            ),
            editor=tab,
        )

    def _next_action(self) -> None:
        """Revise an approved evaluation, or review the next approval step first."""
        assert self.result is not None
        if self.result["status"] == "approved":
            self._revise()
        else:
            self._leave(self._review, "review the approval")

    def _revise(self) -> None:
        from procure.services.workspace import revise

        if not confirm(
            self,
            "Revise",
            f"Make a new draft version of evaluation {self.evaluation_id}?",
            "The approved evaluation stays as it is, locked. The new draft is linked to it, "
            "starts from its set-up, offers and scores, and must be approved again. The "
            "window then shows the new draft.",
        ):
            return
        store, evaluation_id, actor = self.store, self.evaluation_id, self.actor()
        self._revising = True
        self._run(lambda: revise(store, evaluation_id, actor=actor))

    reviewed = Signal(object)  # the Review shown before an approval step

    def _review(self) -> None:
        from procure.services.approval import review

        store, evaluation_id = self.store, self.evaluation_id
        self.next_button.setEnabled(False)

        def failed(exc: Exception) -> None:
            self.next_button.setEnabled(True)
            show_error(self, exc)

        run_in_background(self, lambda: review(store, evaluation_id), self._confirm, failed)

    def _confirm(self, found: Any) -> None:
        from procure.services.workspace import advance
        from ui.approval_dialog import ApprovalDialog

        self.next_button.setEnabled(True)
        self.reviewed.emit(found)
        actor = self.actor()
        if not ApprovalDialog.ask(self, found, actor):
            return
        store, evaluation_id, version = self.store, self.evaluation_id, found.version
        self._run(lambda: advance(store, evaluation_id, expected_version=version, actor=actor))
