"""Help (F1): every screen, and the committee's work step by step."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

HELP_HTML = """
<h2>procure — evaluating offers of heavy equipment</h2>
<p>procure keeps the offers of the vendors, evaluates them against a need as the
Public Procurement Rules require, records every change the committee makes, and prints the
evaluation report and the comparative statement.</p>

<h3>The committee's work, step by step</h3>
<ol>
<li><b>Import the offers.</b> File → Import offers… (Ctrl+I), or drop a vendor's
spreadsheet on the window. The import wizard shows the sheet it read and why, the top of
that sheet with the header shaded, the column it found for each field and why, and any
problem row by row. It proposes a stored vendor only when the file clearly names one, and
asks before creating a vendor whose name is written almost like a stored one. Press Import,
then Close.</li>
<li><b>Start the evaluation.</b> Open <i>Needs</i>, choose the need (for example overburden
haulage at an open-pit lignite mine) and press <i>Evaluate offers against this need</i>. The
evaluation appears under <i>Evaluations</i>; press <i>Open workspace…</i>. procure asks once
who is working: every change is recorded under that name.</li>
<li><b>Set-up and committee.</b> Enter the tender reference, the procuring agency, the rules,
the procedure (one or two envelopes) and the bid-opening date. Add at least three members,
one of them the chairman (the convener), and press <i>Save set-up</i>.</li>
<li><b>Site and defaults.</b> Check each site parameter and default, and every exchange rate
with its date and source (the State Bank of Pakistan selling rate on the bid-opening date).
Press <i>Save parameters</i>.</li>
<li><b>Criteria and weights.</b> Choose the method (each is explained next to it), the weights
(typed, or by pairwise comparison) and the mandatory requirements: pick the field, the test
(≥, ≤, =, one of, stated) and the value in the field's unit. The result shows a preview
while you edit; press <i>Save criteria and requirements</i> to keep it.</li>
<li><b>Offers.</b> Add offers from the catalogue or import a vendor's file straight into the
evaluation; mark an offer withdrawn or returned unopened, with the reason.</li>
<li><b>Committee scores.</b> Each member, in turn, chooses their name and scores the judged
criteria (after-sales support, training, technology transfer) from 0 to 10 for each
responsive offer, then presses <i>Save scores</i>: the member's scores are saved together.
The mean of the members is used; a cell is highlighted where the members disagree by more
than 4 points.</li>
<li><b>Result.</b> The ranking, the evaluated cost, the fleet and life-cycle cost and how
robust the ranking is to the weights.</li>
<li><b>Approve.</b> The button at the top right names the next step (Approve technical, Open
financial, Approve). It first shows what the step locks and a checklist: a committee of
three with a chairman, every member's scores, tender reference and agency, dated and sourced
exchange rates, no warning from the evaluation, the bid-opening date. When every item is met,
type your name to confirm. An approved evaluation is read-only; <i>Revise</i> makes a new
draft version linked to it.</li>
<li><b>Export and print.</b> <i>Export PDF…</i> writes the evaluation report, <i>Export
Excel…</i> the comparative statement, <i>Print…</i> previews the report and prints it.</li>
</ol>

<h3>The screens</h3>
<p><b>Catalogue.</b> Every offer. Choose a category (Trucks, Dumpers, Excavators, Electric
buses), search by vendor or model (Ctrl+F), sort by any column. Vendor and model stay in view
while you scroll sideways. Select a row to see all its fields, extra attributes and where it
came from; "—" means the offer does not state the value.</p>
<p><b>Needs.</b> The sector needs with their site parameters, mandatory requirements and
weighted criteria; evaluate the offers against one of them.</p>
<p><b>Evaluations.</b> Every evaluation with its status; the selected one's result below,
with Export PDF…, Export Excel… and Print….</p>
<p><b>Evaluation workspace.</b> One evaluation, with the status and the next step always at
the top. A tab with unsaved changes shows a dot (•) and the window title a star; saving one
tab keeps what you typed on the others. Closing, reloading or making a copy asks whether to
save, discard or cancel. <i>Reload</i> shows what colleagues saved meanwhile.
<i>Audit trail</i> lists every change as a sentence; select one to see what was recorded.</p>
<p><b>File → Store….</b> Where the data is kept: the default file on this PC, a SQLite file
(Browse…), or a PostgreSQL server shared by the committee (Test connection checks it). A
server's password is kept in PostgreSQL's own password file, not in procure's settings.</p>

<h3>Keys</h3>
<p>Ctrl+I import · Ctrl+P print · Ctrl+F search · F1 this help · Ctrl+Q quit.</p>
<p>Everything can also be done from a command prompt: <tt>procure --help</tt>.</p>
"""


class HelpDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("procure help")
        self.text = QTextBrowser(self)
        self.text.setObjectName("help_text")
        self.text.setHtml(HELP_HTML)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(760, 620)
