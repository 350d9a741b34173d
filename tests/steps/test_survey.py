"""Survey metrics, checked against values computed by hand."""

import math

import pandas as pd
import pytest

from cjm import UsageError, load_project
from cjm.periods import period_labels
from cjm.project.config import ProjectConfig
from cjm.steps.survey import (
    METRIC_COLUMNS,
    ces,
    csat,
    nps,
    overall_metrics,
    survey_metrics,
    two_proportion_test,
    wilson_interval,
)

Z = 1.959964  # two-sided 95 % normal quantile


def config(direction="higher_is_easier", effort=(1, 7)):
    return ProjectConfig(name="Test", stages=["Buy"], channels=["Website"],
                         scales={"effort": effort}, effort_direction=direction)


def by_id(table, column="touchpoint_id"):
    return table.set_index(column)


# --- wilson_interval, two_proportion_test -------------------------------------------------

def test_wilson_interval_of_8_out_of_10():
    # p = 0.8, z^2 = 3.841459, scale = 1 + z^2/10 = 1.384146
    # centre = (0.8 + z^2/20) / scale = 0.992073 / 1.384146 = 0.716738
    # half = z / scale * sqrt(0.8*0.2/10 + z^2/400) = 1.416013 * 0.160011 = 0.226578
    low, high = wilson_interval(8, 10)
    assert low == pytest.approx(0.4902, abs=5e-5)
    assert high == pytest.approx(0.9433, abs=5e-5)


def test_wilson_interval_at_the_edges():
    # 0/10: centre = 0.192073 / 1.384146 = 0.138767 = half, so [0, 2 * 0.138767]
    assert wilson_interval(0, 10) == (0.0, pytest.approx(0.2775, abs=5e-5))
    # 10/10 mirrors it
    assert wilson_interval(10, 10) == (pytest.approx(0.7225, abs=5e-5), 1.0)
    low, high = wilson_interval(0, 0)
    assert math.isnan(low) and math.isnan(high)


def test_wilson_interval_widens_with_confidence():
    # z(0.99) = 2.575829 > z(0.95): the interval of 8/10 contains the 95 % one
    low95, high95 = wilson_interval(8, 10)
    low99, high99 = wilson_interval(8, 10, confidence=0.99)
    assert low99 < low95 and high99 > high95
    with pytest.raises(UsageError, match="confidence must be between 0 and 1, not 95"):
        wilson_interval(8, 10, confidence=95)


def test_two_proportion_test_on_known_numbers():
    # 45/100 vs 60/100: pooled p = 105/200 = 0.525
    # se = sqrt(0.525 * 0.475 * (1/100 + 1/100)) = sqrt(0.0049875) = 0.0706222
    # z = (0.45 - 0.60) / 0.0706222 = -2.12398; p = erfc(2.12398 / sqrt 2) = 0.03367
    z, p = two_proportion_test(45, 100, 60, 100)
    assert z == pytest.approx(-2.1240, abs=5e-5)
    assert p == pytest.approx(0.0337, abs=5e-5)
    z, p = two_proportion_test(60, 100, 45, 100)
    assert z == pytest.approx(2.1240, abs=5e-5) and p == pytest.approx(0.0337, abs=5e-5)


def test_two_proportion_test_degenerate_inputs():
    z, p = two_proportion_test(3, 5, 0, 0)  # no sample on one side: no test
    assert math.isnan(z) and p == 1.0
    assert two_proportion_test(0, 10, 0, 20) == (0.0, 1.0)  # pooled p = 0
    assert two_proportion_test(10, 10, 20, 20) == (0.0, 1.0)  # pooled p = 1


# --- csat, ces, nps ---------------------------------------------------------------------

def test_csat_is_the_top_two_box_share_with_the_mean():
    result = csat(pd.Series([5, 4, 4, 3, 2, 1, 5, None], dtype="Int64"))
    # 7 answers (the NA is left out); 5, 4, 4, 5 are 4 or 5 -> 4/7 = 0.571429
    # mean = (5+4+4+3+2+1+5) / 7 = 24/7 = 3.428571
    assert result["n"] == 7
    assert result["csat"] == pytest.approx(4 / 7)
    assert result["mean"] == pytest.approx(24 / 7)
    assert (result["low"], result["high"]) == wilson_interval(4, 7)
    assert result["low"] == pytest.approx(0.2505, abs=5e-5)


def test_csat_without_answers():
    result = csat([])
    assert result["n"] == 0
    assert all(math.isnan(result[key]) for key in ("csat", "low", "high", "mean"))


def test_ces_easy_share_follows_the_declared_direction():
    answers = [7, 7, 6, 5, 4, 2]
    easier = ces(answers, config("higher_is_easier"))
    harder = ces(answers, config("higher_is_harder"))
    # midpoint of 1-7 is 4: easy = 5-7 (7, 7, 6, 5 -> 4/6) or 1-3 (2 -> 1/6); 4 is neither
    assert easier["easy"] == pytest.approx(4 / 6)
    assert harder["easy"] == pytest.approx(1 / 6)
    # the mean stays on the declared scale: 31/6 either way
    assert easier["mean"] == harder["mean"] == pytest.approx(31 / 6)
    assert (easier["n"], easier["direction"]) == (6, "higher_is_easier")
    assert harder["direction"] == "higher_is_harder"
    assert (harder["low"], harder["high"]) == wilson_interval(1, 6)


def test_ces_on_a_five_point_scale():
    # midpoint of 1-5 is 3: easy = 4 and 5 -> 2 of 4 answers
    assert ces([5, 4, 3, 1], config(effort=(1, 5)))["easy"] == 0.5


def test_ces_refuses_answers_off_the_scale():
    with pytest.raises(UsageError, match="effort scale 1-5, not 7"):
        ces([4, 7], config(effort=(1, 5)))


def test_nps_on_ten_answers():
    result = nps([10, 9, 9, 8, 7, 6, 3, 0, 10, 10])
    # promoters 10, 9, 9, 10, 10 = 5; passives 8, 7 = 2; detractors 6, 3, 0 = 3
    # NPS = 100 * (0.5 - 0.3) = +20
    # adjusted-Wald: n 13, p = 5.75 / 13 = 0.442308, d = 3.75 / 13 = 0.288462, p - d = 0.153846
    # se = sqrt((p + d - (p - d)^2) / 13) = sqrt(0.707101 / 13) = 0.233221; 1.96 se = 0.457105
    assert result["n"] == 10
    assert (result["promoters"], result["passives"], result["detractors"]) == pytest.approx(
        (0.5, 0.2, 0.3))
    assert result["nps"] == pytest.approx(20.0)
    assert result["low"] == pytest.approx(15.3846 - 45.7105, abs=1e-3)
    assert result["high"] == pytest.approx(15.3846 + 45.7105, abs=1e-3)


def test_nps_interval_is_clipped_to_the_range_and_never_collapses():
    # 3 promoters out of 3: the plain Wald interval would be the single point 100.
    # adjusted: n 6, p = 3.75 / 6 = 0.625, d = 0.75 / 6 = 0.125, p - d = 0.5,
    # se = sqrt((0.75 - 0.25) / 6) = 0.288675 -> 50 +/- 56.58, the top clipped to 100
    result = nps([10, 10, 9])
    assert result["nps"] == pytest.approx(100.0)
    assert result["high"] == 100.0
    assert result["low"] == pytest.approx(50 - 100 * Z * math.sqrt(0.5 / 6), abs=1e-3)
    assert result["low"] < 0  # three answers say little
    low, high = nps([0] * 3)["low"], nps([0] * 3)["high"]
    assert (low, high) == (-100.0, pytest.approx(-50 + 100 * Z * math.sqrt(0.5 / 6), abs=1e-3))
    assert math.isnan(nps([None])["nps"])


def test_nps_interval_agrees_with_the_adjusted_wald_procedure():
    # the procedure as Lewis and Sauro (MeasuringU, 2021) describe Rocks (2016)'s adjusted
    # Wald, for a hand-made sample: 36 answers, 15 promoters, 13 passives, 8 detractors
    answers = [10] * 8 + [9] * 7 + [8] * 7 + [7] * 6 + [6] * 4 + [3] * 4
    result = nps(answers)
    n, p, d = 39, 15.75 / 39, 8.75 / 39
    margin = Z * math.sqrt((p + d - (p - d) ** 2) / n)
    assert result["nps"] == pytest.approx(100 * 7 / 36)
    assert (result["low"], result["high"]) == pytest.approx(
        (100 * (p - d - margin), 100 * (p - d + margin)))
    assert (round(result["low"], 1), round(result["high"], 1)) == (-6.3, 42.2)


# --- survey_period ------------------------------------------------------------------------

def test_survey_period_labels():
    dates = pd.Series(pd.to_datetime(["2025-12-31 23:00", "2026-01-01 00:00", None]))
    assert period_labels(dates).tolist() == ["2025-H2", "2026-H1", pd.NA]
    assert period_labels(dates, "quarter").tolist()[:2] == ["2025-Q4", "2026-Q1"]
    assert period_labels(dates, "month").tolist()[:2] == ["2025-12", "2026-01"]


def test_survey_period_labels_keep_the_index_and_read_every_kind_of_date():
    """A label per month present, put back on each row: the index kept, missing dates
    missing, dates with a time zone by their own calendar, strings and dates as well."""
    from cjm.errors import UsageError

    many = pd.Series(pd.to_datetime(["2026-06-30 23:59", None, "2026-07-01 00:00",
                                     "2026-06-01 12:00"] * 50),
                     index=range(500, 700))
    labels = period_labels(many)
    assert labels.index.tolist() == list(range(500, 700)) and labels.dtype == "string"
    assert labels.tolist()[:4] == ["2026-H1", pd.NA, "2026-H2", "2026-H1"]
    assert labels.value_counts().to_dict() == {"2026-H1": 100, "2026-H2": 50}
    paris = pd.Series(pd.to_datetime(["2026-06-30 23:30"]).tz_localize("Europe/Paris"))
    assert period_labels(paris).tolist() == ["2026-H1"]
    assert period_labels(pd.Series([], dtype="datetime64[ns]")).tolist() == []
    assert period_labels(pd.Series([pd.NaT, pd.NaT])).tolist() == [pd.NA, pd.NA]
    days = pd.Series([pd.Timestamp("2026-03-01").date(), None], dtype=object)
    assert period_labels(days, "quarter").tolist() == ["2026-Q1", pd.NA]
    with pytest.raises(UsageError, match="granularity"):
        period_labels(many, "week")


# --- survey_metrics on the mini fixture ----------------------------------------------------
# survey.csv of the mini project (all answered in March 2026):
#   R1 T3 P1 csat 5 ces 7 nps 10 | R2 T3 P1 4 6 9 | R3 T3 (no persona) 2 2 3
#   R4 T6 P2 3 4 7               | R5 T6 P2 - - 8

def test_survey_metrics_by_touchpoint(mini):
    table = survey_metrics(load_project(mini))
    assert list(table.columns) == ["touchpoint_id", "name", *METRIC_COLUMNS]
    assert table["touchpoint_id"].tolist() == ["T3", "T6"]
    t3, t6 = by_id(table).loc["T3"], by_id(table).loc["T6"]
    # T3: csat 5, 4, 2 -> 2/3, mean 11/3; ces 7, 6, 2 -> mean 5, easy (5-7) 2/3;
    #     nps 10, 9 promoters, 3 detractor -> 100 * (2 - 1) / 3 = 33.3
    assert t3["name"] == "Checkout"
    assert (t3["n_csat"], t3["csat"], t3["csat_mean"]) == (3, pytest.approx(2 / 3),
                                                           pytest.approx(11 / 3))
    assert (t3["csat_low"], t3["csat_high"]) == pytest.approx((0.2077, 0.9385), abs=5e-5)
    assert (t3["n_ces"], t3["ces_mean"], t3["ces_easy"]) == (3, 5.0, pytest.approx(2 / 3))
    assert (t3["n_nps"], t3["nps"]) == (3, pytest.approx(100 / 3))
    # T6: one CSAT (3 -> 0/1), one CES (4, the midpoint: not easy), two NPS (7, 8: passives)
    assert (t6["n_csat"], t6["csat"], t6["csat_mean"]) == (1, 0.0, 3.0)
    assert (t6["n_ces"], t6["ces_mean"], t6["ces_easy"]) == (1, 4.0, 0.0)
    # two passives: NPS 0; adjusted n 5, p = d = 0.15: se = sqrt(0.3 / 5), 1.96 se = 0.4801
    assert (t6["n_nps"], t6["nps"]) == (2, 0.0)
    assert (t6["nps_low"], t6["nps_high"]) == pytest.approx((-48.0092, 48.0092), abs=1e-3)


def test_survey_metrics_by_stage_and_persona(mini):
    project = load_project(mini)
    stages = survey_metrics(project, by="stage")
    assert stages["stage"].tolist() == ["Buy", "Receive"]  # in stage order
    assert stages["stage"].cat.categories.tolist() == ["Discover", "Buy", "Receive"]
    assert stages["n_csat"].tolist() == [3, 1] and "name" not in stages
    personas = survey_metrics(project, by=["persona_id"])
    # P1: R1, R2 -> csat 2/2, NPS +100; P2: R4, R5; no persona: R3 -> csat 0/1, NPS -100
    p1 = personas[personas["persona_id"] == "P1"].iloc[0]
    unknown = personas[personas["persona_id"].isna()].iloc[0]
    assert (p1["n_csat"], p1["csat"], p1["nps"]) == (2, 1.0, 100.0)
    assert (unknown["n_csat"], unknown["csat"], unknown["nps"]) == (1, 0.0, -100.0)
    assert personas["n_nps"].sum() == 5
    both = survey_metrics(project, by=["stage", "channel"])
    assert both[["stage", "channel"]].astype(str).values.tolist() == [
        ["Buy", "Website"], ["Receive", "Phone"]]


def test_survey_metrics_harder_direction(edit, mini):
    edit(mini / "project.yaml", "effort_direction: higher_is_easier",
         "effort_direction: higher_is_harder")
    t3 = by_id(survey_metrics(load_project(mini))).loc["T3"]
    # ces 7, 6, 2 with higher = harder: easy = 1-3 -> only the 2 -> 1/3; mean unchanged
    assert (t3["ces_easy"], t3["ces_mean"]) == (pytest.approx(1 / 3), 5.0)


def test_survey_metrics_by_period_and_period_filter(mini):
    with (mini / "survey.csv").open("a", encoding="utf-8") as file:
        file.write("R6,2025-12-01T09:00:00,T3,P1,1,1,0,\n")
    project = load_project(mini)
    periods = survey_metrics(project, by="period")
    assert periods["period"].tolist() == ["2025-H2", "2026-H1"]
    assert periods["n_csat"].tolist() == [1, 4]
    before = survey_metrics(project, period="2025-H2")
    # only R6: csat 1 -> 0/1, ces 1 not easy, nps 0 -> -100
    assert before["touchpoint_id"].tolist() == ["T3"]
    assert before[["n_csat", "csat", "ces_easy", "nps"]].iloc[0].tolist() == [1, 0.0, 0.0, -100.0]
    after = survey_metrics(project, period="2026-H1")
    assert after["n_csat"].tolist() == [3, 1]
    quarters = survey_metrics(project, by=["touchpoint_id", "period"], granularity="quarter")
    assert quarters[["touchpoint_id", "period"]].values.tolist() == [
        ["T3", "2025-Q4"], ["T3", "2026-Q1"], ["T6", "2026-Q1"]]
    assert survey_metrics(project, period="2026-Q2").empty


def test_survey_metrics_of_an_empty_survey(mini):
    (mini / "survey.csv").write_text(
        "response_id,responded_at,touchpoint_id,persona_id,csat,ces,nps,comment\n",
        encoding="utf-8")
    table = survey_metrics(load_project(mini))
    assert table.empty
    assert list(table.columns) == ["touchpoint_id", "name", *METRIC_COLUMNS]
    (mini / "survey.csv").unlink()  # the survey is optional
    table = survey_metrics(load_project(mini), by=["stage", "period"])
    assert list(table.columns) == ["stage", "period", *METRIC_COLUMNS] and table.empty


def test_survey_metrics_names_a_bad_grouping(mini):
    project = load_project(mini)
    message = ("`by` must be among 'touchpoint_id', 'stage', 'channel', 'persona_id', "
               "'period', not 'place'")
    with pytest.raises(UsageError, match=message):
        survey_metrics(project, by=["touchpoint_id", "place"])
    with pytest.raises(UsageError, match="at least one"):
        survey_metrics(project, by=[])
    with pytest.raises(UsageError, match="2026-H3"):
        survey_metrics(project, period="2026-H3")


def test_overall_metrics_of_the_mini(mini):
    result = overall_metrics(load_project(mini))
    # csat 5, 4, 2, 3 -> 2/4, mean 14/4; ces 7, 6, 2, 4 -> mean 19/4, easy 2/4;
    # nps 10, 9, 3, 7, 8 -> (2 promoters - 1 detractor) / 5 = +20
    assert result["n_responses"] == 5
    assert (result["n_csat"], result["csat"], result["csat_mean"]) == (4, 0.5, 3.5)
    assert (result["n_ces"], result["ces_mean"], result["ces_easy"]) == (4, 4.75, 0.5)
    assert (result["n_nps"], result["nps"]) == (5, pytest.approx(20.0))
    assert result["ces_direction"] == "higher_is_easier"
    assert overall_metrics(load_project(mini), period="2025-H2")["n_responses"] == 0
    assert math.isnan(overall_metrics(load_project(mini), period="2025-H2")["csat"])


def test_overall_metrics_of_the_demo_match_a_recount_of_the_file(demo_dir):
    raw = pd.read_csv(demo_dir / "survey.csv")
    project = load_project(demo_dir)
    for period, (start, end) in {"2025-H2": ("2025-07", "2026-01"),
                                 "2026-H1": ("2026-01", "2026-07")}.items():
        rows = raw[(raw["responded_at"] >= start) & (raw["responded_at"] < end)]
        answers = rows["csat"].dropna()
        result = overall_metrics(project, period)
        assert result["n_responses"] == len(rows)
        assert result["n_csat"] == len(answers)
        assert result["csat"] == pytest.approx((answers >= 4).mean())
        nps_answers = rows["nps"].dropna()
        assert result["nps"] == pytest.approx(
            100 * ((nps_answers >= 9).mean() - (nps_answers <= 6).mean()))
    # the story: CSAT rose from 69 % to 80 %, NPS from +6 to +28, between the half-years
    before, after = overall_metrics(project, "2025-H2"), overall_metrics(project, "2026-H1")
    assert (round(before["csat"], 3), round(after["csat"], 3)) == (0.69, 0.8)
    assert (round(before["nps"], 1), round(after["nps"], 1)) == (6.3, 28.1)
    assert before["nps_high"] < after["nps_low"]  # the intervals do not overlap
