"""The Bid opening tab as a committee secretary uses it: record a bid's short validity and
the amount read out, and see the examination and the correction."""

from tests.ui.test_workspace_gui import save, workspace  # noqa: F401 - the fixture
from ui.preliminary_tab import SIGNED, PreliminaryTab
from ui.workspace import WorkspaceWindow


def test_recording_a_bid_shows_its_correction(qtbot, workspace: WorkspaceWindow) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    space = workspace
    tab = space.findChild(PreliminaryTab)
    assert tab is not None and tab.bid.count() == len(space.result["alternatives"])
    space.tabs.setCurrentWidget(tab)
    tab.bid.setCurrentIndex(0)
    offer_id = tab.bid.currentData()
    alt = next(a for a in space.result["alternatives"] if a["offer_id"] == offer_id)
    price = alt["unit_price"]
    tab.security.setValue(round(0.02 * 3 * price))
    tab.validity.setValue(60)
    tab.signed.setCurrentText(SIGNED)
    tab.quantity.setValue(3)
    tab.amount.setValue(3 * price - 1000)  # read out 1,000 short: the unit price prevails
    save(qtbot, space, tab.save_button)
    assert space.result["bids"][str(offer_id)]["bid_validity_days"] == 60
    text = tab.view.toPlainText()
    assert "corrected to" in text and "the unit price prevails" in text
    assert tab.validity.value() == 60  # the record is shown again after the reload
    assert "Arithmetic corrections" in space.result_view.toPlainText()
