"""Survey metrics: CSAT, CES and NPS with their confidence intervals, per group or overall.

Definitions (the method's standard metrics):
- CSAT: share of answers 4 or 5 on the 1-5 satisfaction scale, with the mean answer;
- CES: mean answer on the project's effort scale, and the share of "easy" answers: those
  above the scale's midpoint when `effort_direction` is higher_is_easier (5-7 on 1-7), below it
  when higher_is_harder (1-3 on 1-7). The direction is always read from the project's settings;
- NPS: % promoters (9-10) minus % detractors (0-6), from -100 to +100.

Shares are 0-1 (NPS is in points) and every rate comes with its n and a 95 % interval: Wilson
for shares; for NPS, a difference of two proportions, the adjusted-Wald interval that Rocks
(2016, "Interval estimation for the Net Promoter Score", The American Statistician 70(4)) found
to hold its coverage best on small samples: add 3 to n, 3/4 to the promoters and 3/4 to the
detractors, then take the Wald interval of the difference of the adjusted shares (it never
collapses to a single point, even when every answer is a 10). Missing answers are left out
metric by metric, so the n of CSAT, CES and NPS may differ.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from statistics import NormalDist

import numpy as np
import pandas as pd

from ..errors import ArgumentError, UsageError
from ..events.progress import farthest_stages
from ..messages import tr
from ..periods import in_period, period_labels

GROUPINGS = ("touchpoint_id", "stage", "channel", "persona_id", "period")
KPIS = ("csat", "ces_easy", "nps")  # the headline figures of a review
KPI_COLUMNS = ["kpi", "n", "value", "low", "high", "previous_n", "previous", "change",
               "p_value", "verdict"]
MIN_ANSWERS = 30  # fewer answers on either side of a change: it is not tested
SIGNIFICANCE = 0.05
METRIC_COLUMNS = ["n_csat", "csat", "csat_low", "csat_high", "csat_mean",
                  "n_ces", "ces_mean", "ces_easy", "ces_easy_low", "ces_easy_high",
                  "n_nps", "nps", "nps_low", "nps_high"]
NAN = float("nan")


def z_value(confidence: float = 0.95) -> float:
    """The two-sided normal quantile of a confidence level (1.95996... for 0.95)."""
    if not 0 < confidence < 1:
        raise UsageError(tr("confidence must be between 0 and 1, not {value}",
                            value=repr(confidence)))
    return NormalDist().inv_cdf(0.5 + confidence / 2)


def wilson_interval(successes: int, n: int, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval of the proportion successes / n; (nan, nan) when n is 0."""
    if n == 0:
        return NAN, NAN
    z = z_value(confidence)
    p = successes / n
    scale = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / scale
    half = z / scale * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    low = 0.0 if successes == 0 else centre - half  # exact bounds, free of rounding noise
    high = 1.0 if successes == n else centre + half
    return low, high


def two_proportion_test(x1: int, n1: int, x2: int, n2: int) -> tuple[float, float]:
    """Pooled two-proportion z-test of x1/n1 against x2/n2: (z, two-sided p).

    z is positive when the first proportion is the larger. Without a sample on one side
    (n 0) the test cannot be made: (nan, 1.0). When every answer on both sides is a success,
    or none is (pooled proportion 0 or 1), the proportions are equal: (0.0, 1.0).
    """
    if n1 == 0 or n2 == 0:
        return NAN, 1.0
    pooled = (x1 + x2) / (n1 + n2)
    if pooled in (0.0, 1.0):
        return 0.0, 1.0
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    z = (x1 / n1 - x2 / n2) / se
    return z, math.erfc(abs(z) / math.sqrt(2))


def csat(values) -> dict:
    """CSAT of 1-5 answers: n, csat (share of 4 and 5), its Wilson 95 % low and high, mean."""
    answers = _answers(values)
    n = len(answers)
    satisfied = int((answers >= 4).sum())
    low, high = wilson_interval(satisfied, n)
    return {"n": n, "csat": _share(satisfied, n), "low": low, "high": high,
            "mean": _mean(answers)}


def ces(values, config) -> dict:
    """CES on the project's effort scale: n, mean, easy (share of easy answers), its Wilson
    95 % low and high, and the direction the answers were read in."""
    low_end, high_end = config.scales.effort
    direction = config.effort_direction
    answers = _answers(values)
    outside = answers[(answers < low_end) | (answers > high_end)]
    if len(outside):
        raise UsageError(tr("CES answers must be on the effort scale {low}-{high}, "
                            "not {value:g}", low=low_end, high=high_end,
                            value=outside[0]))
    midpoint = (low_end + high_end) / 2
    easy_answers = answers > midpoint if direction == "higher_is_easier" else answers < midpoint
    n, easy = len(answers), int(easy_answers.sum())
    low, high = wilson_interval(easy, n)
    return {"n": n, "mean": _mean(answers), "easy": _share(easy, n), "low": low, "high": high,
            "direction": direction}


def nps(values, confidence: float = 0.95) -> dict:
    """NPS of 0-10 answers: n, shares of promoters, passives and detractors, nps (points)
    and its adjusted-Wald interval (see the module docstring), within -100..100."""
    answers = _answers(values)
    n = len(answers)
    if n == 0:
        return {"n": 0, "promoters": NAN, "passives": NAN, "detractors": NAN, "nps": NAN,
                "low": NAN, "high": NAN}
    promoters, detractors = int((answers >= 9).sum()), int((answers <= 6).sum())
    low, high = nps_interval(promoters, detractors, n, confidence)
    return {"n": n, "promoters": promoters / n, "passives": (n - promoters - detractors) / n,
            "detractors": detractors / n, "nps": 100 * (promoters - detractors) / n,
            "low": low, "high": high}


def nps_interval(promoters: int, detractors: int, n: int, confidence: float = 0.95
                 ) -> tuple[float, float]:
    """Adjusted-Wald interval of the NPS, in points: n + 3 answers, promoters + 3/4 and
    detractors + 3/4, then the Wald interval of their difference, clipped to -100..100."""
    if n == 0:
        return NAN, NAN
    size = n + 3
    p, d = (promoters + 0.75) / size, (detractors + 0.75) / size
    margin = z_value(confidence) * math.sqrt(max(0.0, p + d - (p - d) ** 2) / size)
    return max(-100.0, 100 * (p - d - margin)), min(100.0, 100 * (p - d + margin))


def survey_metrics(project, by=("touchpoint_id",), period: str | None = None,
                   granularity: str = "half") -> pd.DataFrame:
    """CSAT, CES and NPS per group of survey responses, one row per group.

    `by`: one or more of touchpoint_id, stage, channel, persona_id (responses without a
    persona form their own group, with an empty persona_id) and period (labels of
    `granularity`). `period=` keeps the responses dated within that period. Columns: the `by`
    columns, `name` when grouped by touchpoint, `persona` (the persona's name) when grouped by
    persona, then METRIC_COLUMNS.
    """
    by = _groupings(by)
    responses = _responses(project, period, granularity)
    columns = [*by, *(["name"] if "touchpoint_id" in by else []),
               *(["persona"] if "persona_id" in by else []), *METRIC_COLUMNS]
    if responses.empty:
        table = pd.DataFrame({column: pd.Series(dtype=_dtype(column)) for column in columns})
    else:
        answers = {column: pd.Series(responses[column], dtype="Float64").to_numpy(
            float, na_value=np.nan) for column in ("csat", "ces", "nps")}
        groups = responses.groupby(by, observed=True, dropna=False, sort=True).indices
        table = pd.DataFrame([
            {**dict(zip(by, key if isinstance(key, tuple) else (key,), strict=True)),
             **_row({column: values[rows] for column, values in answers.items()},
                    project.config)} for key, rows in groups.items()])
    if "stage" in by:
        table["stage"] = pd.Categorical(table["stage"], categories=project.stages, ordered=True)
    if "touchpoint_id" in by and "name" not in table:
        names = project.touchpoints[["touchpoint_id", "name"]]
        table = table.merge(names, on="touchpoint_id", how="left")
    if "persona_id" in by and "persona" not in table:  # answers without a persona: empty
        names = project.personas[["persona_id", "name"]].rename(columns={"name": "persona"})
        table = table.merge(names, on="persona_id", how="left")
    return table[columns]


def overall_metrics(project, period: str | None = None) -> dict:
    """The survey's headline figures, for all responses or those dated within `period`:
    period, n_responses, then METRIC_COLUMNS as plain Python numbers (nan when no answer)."""
    responses = _responses(project, period)
    return {"period": period, "n_responses": len(responses), **_row(responses, project.config),
            "ces_direction": project.config.effort_direction}


def nps_difference_test(first: dict, second: dict) -> tuple[float, float]:
    """Wald z-test of the difference of two NPS (dicts from `nps`): (z, two-sided p); z is
    positive when the first is the higher. (nan, 1.0) without answers on one side."""
    if not first["n"] or not second["n"]:
        return NAN, 1.0
    variance = sum((side["promoters"] + side["detractors"]
                    - (side["promoters"] - side["detractors"]) ** 2) / side["n"]
                   for side in (first, second))
    difference = (first["nps"] - second["nps"]) / 100
    if variance <= 0:
        return (0.0, 1.0) if difference == 0 else (math.copysign(math.inf, difference), 0.0)
    z = difference / math.sqrt(variance)
    return z, math.erfc(abs(z) / math.sqrt(2))


def kpi_changes(current, period: str, previous=None, previous_period: str | None = None
                ) -> pd.DataFrame:
    """CSAT, CES (share of easy answers) and NPS of `period` against `previous_period` (in
    `previous`, a project; None for a first review), one row each (KPI_COLUMNS).

    Shares are 0-1 and NPS in points, with n and the 95 % interval; `change` is the difference
    (shares: 0-1; NPS: points). `verdict` says what the change means: "significant" (p below
    0.05: a two-proportion z-test for CSAT and CES, a Wald test of the difference for NPS),
    "not_significant", "too_few" (fewer than MIN_ANSWERS answers on a side: not tested),
    "no_previous" (nothing to compare with) or "no_data" (no answer in `period`).
    """
    now = _kpis(current, period)
    before = _kpis(previous, previous_period) if previous is not None and previous_period \
        else None
    rows = []
    for kpi in KPIS:
        stats = now[kpi]
        row = {"kpi": kpi, "n": stats["n"], "value": stats["value"], "low": stats["low"],
               "high": stats["high"], "previous_n": 0, "previous": NAN, "change": NAN,
               "p_value": NAN, "verdict": "no_data" if not stats["n"] else "no_previous"}
        old = before[kpi] if before is not None else None
        if old is not None and old["n"]:
            row.update(previous_n=old["n"], previous=old["value"])
            if stats["n"]:
                row["change"] = stats["value"] - old["value"]
                if min(stats["n"], old["n"]) < MIN_ANSWERS:
                    row["verdict"] = "too_few"
                else:
                    _, p_value = (nps_difference_test(stats["raw"], old["raw"]) if kpi == "nps"
                                  else two_proportion_test(stats["hits"], stats["n"],
                                                           old["hits"], old["n"]))
                    row.update(p_value=p_value, verdict="significant"
                               if p_value < SIGNIFICANCE else "not_significant")
        rows.append(row)
    return pd.DataFrame(rows, columns=KPI_COLUMNS)


def _kpis(project, period) -> dict:
    """The headline figures of `period` with what their tests need."""
    responses = _responses(project, period)
    c = csat(responses["csat"])
    e = ces(responses["ces"], project.config)
    p = nps(responses["nps"])
    return {"csat": {"n": c["n"], "value": c["csat"], "low": c["low"], "high": c["high"],
                     "hits": round(c["csat"] * c["n"]) if c["n"] else 0},
            "ces_easy": {"n": e["n"], "value": e["easy"], "low": e["low"], "high": e["high"],
                         "hits": round(e["easy"] * e["n"]) if e["n"] else 0},
            "nps": {"n": p["n"], "value": p["nps"], "low": p["low"], "high": p["high"],
                    "raw": p}}


def _row(responses, config) -> dict:
    """The METRIC_COLUMNS of a set of responses (a frame, or its answer columns)."""
    c, e, p = csat(responses["csat"]), ces(responses["ces"], config), nps(responses["nps"])
    return {"n_csat": c["n"], "csat": c["csat"], "csat_low": c["low"], "csat_high": c["high"],
            "csat_mean": c["mean"], "n_ces": e["n"], "ces_mean": e["mean"],
            "ces_easy": e["easy"], "ces_easy_low": e["low"], "ces_easy_high": e["high"],
            "n_nps": p["n"], "nps": p["nps"], "nps_low": p["low"], "nps_high": p["high"]}


def _responses(project, period: str | None = None, granularity: str = "half") -> pd.DataFrame:
    """Survey responses (of `period`), with their touchpoint's stage and channel and their
    period label."""
    survey = project.survey
    if period is not None:
        survey = survey[in_period(survey["responded_at"], period)]
    places = project.touchpoints[["touchpoint_id", "stage", "channel"]]
    survey = survey.merge(places, on="touchpoint_id", how="left")
    return survey.assign(period=period_labels(survey["responded_at"], granularity))


def _groupings(by) -> list[str]:
    by = [by] if isinstance(by, str) else list(by)
    if not by:
        raise ArgumentError(tr("`by` must name at least one of {names}",
                               names=_quoted(GROUPINGS)))
    for column in by:
        if column not in GROUPINGS:
            raise ArgumentError(tr("`by` must be among {names}, not {column}",
                                   names=_quoted(GROUPINGS), column=repr(column)))
    if len(set(by)) < len(by):
        raise ArgumentError(tr("`by` names a column twice: {by}", by=by))
    return by


def _answers(values) -> np.ndarray:
    """Answers as floats, missing ones left out."""
    if isinstance(values, np.ndarray) and values.dtype == float:
        answers = values
    else:
        answers = pd.Series(values, dtype="Float64").to_numpy(float, na_value=np.nan)
    return answers[~np.isnan(answers)]


def _share(count: int, n: int) -> float:
    return count / n if n else NAN


def _mean(answers: np.ndarray) -> float:
    return float(answers.mean()) if len(answers) else NAN


def _dtype(column: str) -> str:
    if column.startswith("n_"):
        return "int64"
    return "float64" if column in METRIC_COLUMNS else "string"


def _quoted(names: Iterable[str]) -> str:
    return ", ".join(repr(name) for name in names)


JOURNEY_COLUMNS = ["source", "farthest", "converted", "n_nps", "nps", "nps_low", "nps_high"]
JOURNEY_SOURCES = ("barometer", "survey")


def answers_by_journey(project, period: str | None = None) -> pd.DataFrame:
    """The NPS of the answers whose customer the event log holds, by how far that customer
    went in `period` (every event when None): the farthest stage a customer must reach that
    they reached (the last one: `converted`), in stage order, with n and interval; one block
    per source (the barometer, then the survey). `attrs["matched"]` says, per source, how many
    answers carry a customer_id and how many of those the log holds: answers of customers the
    log does not know are left out, never guessed."""
    blocks, matched = [], {}
    for source in JOURNEY_SOURCES:
        answers = project.barometer if source == "barometer" else project.survey
        if not len(answers) or "customer_id" not in answers.columns:
            continue
        if period:
            answers = answers[in_period(answers["responded_at"], period).fillna(False)
                              .astype(bool)]
        answers = answers[answers["customer_id"].notna() & answers["nps"].notna()]
        if not len(answers):
            continue
        found = farthest_stages(project, answers["customer_id"].astype(str).str.strip(),
                                window=period)
        joined = answers.assign(customer_id=answers["customer_id"].astype(str).str.strip()
                                ).merge(found, on="customer_id", how="inner")
        matched[source] = {"with_customer_id": len(answers), "in_log": len(joined)}
        for stage in project.stages:
            group = joined[joined["farthest"] == stage]
            if len(group):
                result = nps(group["nps"])
                blocks.append((source, stage, bool(group["converted"].iloc[0]), result["n"],
                               result["nps"], result["low"], result["high"]))
    frame = pd.DataFrame(blocks, columns=JOURNEY_COLUMNS)
    frame.attrs["matched"] = matched
    return frame
