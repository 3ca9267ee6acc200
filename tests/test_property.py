"""Arbitrary text never fails with anything but the documented error."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.errors import UserError
from helpers.ingest import parse_report
from tests.conftest import mini_report

PIECES = st.sampled_from([
    "ACTIVITIES", "PROGRESS", "WHO WE ARE", "ACTION LINE 1", "L1 Diplomacy", "15–16 February",
    "3 March–11 May", "31 February", "TITLE IN CAPS", "Members", "**Members:** Seoul, Kigali",
    "Outcomes", "L1A2D4, L9A9D9", "Metropolitan challenges:", "- 2.3 Climate resilience,",
    "Alliances", "| a | b |", "|---|---|", "- Abidjan,", "AFRICA", "Members of the Board of Directors",
    "MEMBER", "Followers on social media", "24.6K", "Twitter", "METROPOLIS IN THE MEDIA", "January",
    "", "\u00a0", "\r", "(until 17th February)",
])  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_text(text):
    try:
        tables = parse_report(text, "2022-T1")
    except UserError:
        return
    assert len(tables["activities"]) > 0


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=60))
def test_report_shaped_text(pieces):
    try:
        tables = parse_report(mini_report("\n".join(pieces)), "2022-T1")
    except UserError:
        return
    assert (tables["quality"]["kind"] != "schema").all(), tables["quality"]
