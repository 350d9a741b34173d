"""What the chart tests share: sample frames shaped as the steps return them, and what a
drawn Axes holds (its texts, its bars, the emotion line)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.patches import Rectangle


def texts(ax) -> list[str]:
    return [t.get_text() for t in ax.texts]


def bars(ax) -> list[Rectangle]:
    return [p for p in ax.patches if type(p) is Rectangle]


def curve(ax):
    """The emotion line: the one line with a point per touchpoint."""
    return next(line for line in ax.lines if len(line.get_xdata()) == len(EMOTIONS))


PERSONA = pd.Series({
    "persona_id": "P1", "name": "Emma, the mobile native",
    "description": "27, shops on her phone in spare moments.", "segment": "Young urban",
    "share": 0.35, "needs": "Pay in two taps; Live tracking; Returns from the app",
    "frustrations": "Forced account creation; Payment failures",
    "preferred_channels": ["Mobile app", "Chat"], "digital_ease": 4})

SHARES = pd.DataFrame({"name": ["Emma", "Karim", "Nadia"], "share": [0.35, 0.5, 0.15]})

COVERAGE = pd.DataFrame([[2, 0, 1], [1, 3, 0]], index=["Emma", "Karim"],
                        columns=["Discover", "Buy", "Receive"])

MATRIX = pd.DataFrame([[12000, 0, 1_200_000], [950, 3400, 0]], index=["Website", "Phone"],
                      columns=["Return", "Discover", "Buy"])

OWNERS = pd.DataFrame([[2, 0], [0, 3]], index=["Marketing", "Logistics"],
                      columns=["Discover", "Receive"])

STAGES = ["Discover", "Buy", "Receive"]

EMOTIONS = pd.DataFrame({
    "stage": ["Buy", "Discover", "Buy", "Receive", "Discover"],
    "name": ["Checkout", "Ads", "Payment", "Tracking", "Home page"],
    "emotion": [-1.0, 2.0, np.nan, 0.0, 1.0],
    "moment_of_truth": [True, False, False, True, False]})

STAGE_SCORES = pd.DataFrame({"stage": ["Discover", "Buy"], "satisfaction": [4.0, 2.5],
                             "ease": [7.0, 4.0], "pain_points": [0, 5]})

METRICS = pd.DataFrame({
    "name": ["Chat", "Phone", "Store", "Unasked"],
    "csat": [0.8, 0.4, 0.9, np.nan], "csat_low": [0.7, 0.3, 0.85, np.nan],
    "csat_high": [0.88, 0.52, 0.94, np.nan], "n_csat": [50, 30, 120, 0],
    "ces_easy": [0.6, 0.5, 0.7, np.nan], "ces_easy_low": [0.5, 0.4, 0.6, np.nan],
    "ces_easy_high": [0.7, 0.6, 0.8, np.nan], "n_ces": [40, 0, 100, 0],
    "nps": [20.0, -35.0, 50.0, np.nan], "nps_low": [5.0, -50.0, 40.0, np.nan],
    "nps_high": [35.0, -20.0, 60.0, np.nan], "n_nps": [50, 30, 120, 0]})

IPA = pd.DataFrame({
    "name": ["App checkout", "Refund", "Newsletter", "Home page", "A very long touchpoint name "
             "that goes on and on"],
    "importance": [4.8, 4.5, 1.5, 2.0, 4.0], "satisfaction": [2.2, 4.4, 2.5, 4.6, 2.0],
    "quadrant": ["concentrate_here", "keep_up", "low_priority", "possible_overkill",
                 "concentrate_here"],
    "moment_of_truth": [True, False, False, False, True]})

COMPONENTS = ["w_gap", "w_importance", "w_reach", "w_moment_of_truth", "w_effort"]

PRIORITIES = pd.DataFrame(
    [["Checkout", 0.3, 0.2, 0.1, 0.15, 0.05], ["Hold queue", 0.35, 0.15, 0.05, 0.0, 0.1],
     ["Newsletter", 0.05, 0.02, 0.1, 0.0, 0.01], ["Tracking", 0.1, 0.1, 0.2, 0.15, 0.02]],
    columns=["name", *COMPONENTS])

COMPARISON = pd.DataFrame({
    "name": ["Tracking", "Chat", "Hold", "Shop", "WhatsApp", "Catalogue"],
    "satisfaction_before": [2.5, 4.0, 3.0, 4.0, np.nan, 3.2],
    "satisfaction_after": [4.0, 4.0, 2.0, 4.5, 4.1, np.nan],
    "status": ["improved", "stable", "worsened", "improved", "new", "retired"]})

RETAIL = ["Discover", "Learn", "Buy", "Receive", "After-sales", "Return"]

def funnel_frame(counts: dict[str, list[int]]) -> pd.DataFrame:
    """The funnel `cjm.events.analyze` returns: per persona, customers reaching each stage."""
    rows = []
    for persona, customers in counts.items():
        customers = np.array(customers, float)
        drop = np.append(1 - customers[1:] / customers[:-1], np.nan)
        rows += [{"persona_id": persona, "stage": stage, "customers": n,
                  "share": n / customers[0], "drop_off": d}
                 for stage, n, d in zip(RETAIL, customers, drop, strict=True)]
    return pd.DataFrame(rows)


FUNNEL = funnel_frame({"all": [4500, 4140, 3700, 3000, 2670, 900],
                       "P1": [1800, 1700, 1500, 1300, 1200, 300]})

TRANSITIONS = pd.DataFrame(
    [["stage", "Buy", "Receive", 2200], ["stage", "Discover", "Learn", 1800],
     ["stage", "Learn", "Buy", 1250], ["stage", "Discover", "Discover", 40],
     ["touchpoint", "Checkout", "Tracking", 900]],
    columns=["level", "source", "target", "count"]).assign(customers=100, median_seconds=60.0)

SWITCHES = pd.DataFrame({"from_channel": ["Website", "Website", "Phone", "Chat"],
                         "to_channel": ["Phone", "Chat", "Website", "Phone"],
                         "switches": [1200, 80, 300, 45], "customers": [1000, 70, 280, 40],
                         "rate": [0.12, 0.008, 0.3, 0.05]})

DRIVERS = pd.DataFrame({
    "rank": pd.array([1, 2, 3, None], dtype="Int64"),
    "touchpoint_id": ["TP14", "TP30", "TP24", "TP12"],
    "name": ["App checkout", "Hold queue", "Tracking", "Info line"],
    "stage": ["Buy", "After-sales", "Receive", "Learn"],
    "n": [891, 876, 841, 11], "weight": [0.146, 0.097, 0.087, np.nan],
    "low": [0.108, 0.072, 0.056, np.nan], "high": [0.189, 0.133, 0.127, np.nan],
    "share_of_r2": [0.44, 0.30, 0.26, np.nan],
    "status": ["ranked", "ranked", "ranked", "too_few_ratings"]})

STATED = pd.DataFrame({
    "touchpoint_id": ["TP14", "TP30", "TP24", "TP13"],
    "name": ["App checkout", "Hold queue", "Tracking", "Web checkout"],
    "stage": ["Buy", "After-sales", "Receive", "Buy"],
    "stated": [5.0, 2.5, 4.5, 5.0], "weight": [0.146, 0.097, 0.087, 0.008],
    "low": [0.108, 0.072, 0.056, 0.005], "high": [0.189, 0.133, 0.127, 0.019],
    "rank": [1, 2, 3, 4], "quadrant": ["key", "hidden", "key", "overrated"]})

BEHAVIOUR = pd.DataFrame({
    "touchpoint_id": ["TP13", "TP14", "TP15", "TP28"],
    "name": ["Web checkout", "App checkout", "App payment", "Chat"],
    "stage": ["Buy", "Buy", "Buy", "After-sales"],
    "customers_met": [891, 795, 679, 210],
    "progress_diff": [0.255, -0.27, -0.012, np.nan],
    "progress_low": [0.203, -0.308, -0.058, np.nan],
    "progress_high": [0.307, -0.232, 0.035, np.nan],
    "flag": ["goes_with_progress", "goes_with_leaving", "", ""],
    "status": ["compared", "compared", "compared", "last_stage"]})
