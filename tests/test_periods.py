import datetime as dt

import pytest

from cjm.errors import UsageError
from cjm.periods import (
    current_period,
    is_period,
    parse_period,
    period_of,
    previous_period,
    sort_periods,
)


def test_parse_half_quarter_month():
    assert parse_period("2026-H1") == (dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    assert parse_period("2026-H2") == (dt.date(2026, 7, 1), dt.date(2026, 12, 31))
    assert parse_period("2026-Q3") == (dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    assert parse_period("2026-02") == (dt.date(2026, 2, 1), dt.date(2026, 2, 28))


def test_period_of_a_date():
    assert period_of(dt.date(2026, 6, 30)) == "2026-H1"
    assert period_of(dt.date(2026, 7, 1)) == "2026-H2"
    assert period_of(dt.date(2026, 11, 22), "quarter") == "2026-Q4"
    assert period_of(dt.date(2026, 11, 22), "month") == "2026-11"
    assert current_period(dt.date(2026, 11, 22)) == "2026-H2"


def test_previous_period_crosses_years():
    assert previous_period("2026-H1") == "2025-H2"
    assert previous_period("2026-Q1") == "2025-Q4"
    assert previous_period("2026-01") == "2025-12"


def test_periods_sort_chronologically():
    assert sort_periods(["2026-H1", "2025-H2", "2026-Q1", "2025-12", "2026-H1"]) == [
        "2025-H2", "2025-12", "2026-H1", "2026-Q1"]


@pytest.mark.parametrize("label", ["2026-H3", "2026-S1", "26-H1", "2026-13", "2026-Q5", ""])
def test_bad_labels(label):
    assert not is_period(label)
    with pytest.raises(UsageError, match="is not a period"):
        parse_period(label)


def test_french_period_labels_are_read_as_cjm_writes_them():
    from cjm.periods import normal_period, resolve_period

    assert resolve_period("2026-S2") == "2026-H2" and resolve_period("2026-t3") == "2026-Q3"
    assert normal_period("2026-S9") == "2026-S9" and normal_period("2026-s1") == "2026-H1"
    assert normal_period(" 2026-11 ") == "2026-11" and normal_period(None) is None
    with pytest.raises(UsageError, match="2026-S2"):
        resolve_period("2026-X1")


def test_french_readers_see_semesters_and_trimesters():
    from cjm.periods import period_text

    assert period_text("2026-H1", "fr") == "2026-S1" and period_text("2026-Q3", "fr") == "2026-T3"
    assert period_text("2026-11", "fr") == "2026-11" and period_text("2026-H1", "en") == "2026-H1"
    assert period_text("x-H1", "fr") == "x-H1"  # not a period: as it is
