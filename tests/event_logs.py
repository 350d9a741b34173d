"""Event logs that try every trap of an analysis, for comparing its paths (the local pass, Ibis
on DuckDB, Spark): ties on time and on time and touchpoint, customer ids with spaces around
them or empty, timestamps missing or to the microsecond, touchpoint ids undeclared, empty or
padded, personas missing, empty or undeclared, a customer with several personas, events
outside the window, and contacts seconds apart (switches, redundancy)."""

from __future__ import annotations

import numpy as np
import pandas as pd

START = pd.Timestamp("2025-12-15")
FRAMES = ("volumes", "transitions", "funnel", "channel_switches", "redundancy",
          "stage_durations", "unmatched", "unseen")
SETTINGS = [dict(), dict(switch_within="1 hour", redundant_within="30 minutes",
                         min_redundant=2)]


def assert_same(local, engine):
    """Every frame equal (floats to 1e-9 relative: sums may be added in another order), and
    the counts."""
    for name in FRAMES:
        pd.testing.assert_frame_equal(getattr(local, name), getattr(engine, name),
                                      check_exact=False, rtol=1e-9, obj=name)
    assert (local.n_events, local.n_customers, local.window) == (
        engine.n_events, engine.n_customers, engine.window)



def trap_log(touchpoint_ids: list[str], personas: list[str], seed: int,
             customers: int = 300) -> pd.DataFrame:
    """A log of about ten events per customer over seven months, with every trap above."""
    rng = np.random.default_rng(seed)
    rows = []
    for number in range(customers):
        customer = f"C{number:04d}"
        if number % 17 == 0:
            customer = f"  {customer} "  # the same customer as C...: ids are trimmed
        persona = rng.choice([*personas, "", None, "P-undeclared"], p=_weights(len(personas)))
        at = START + pd.Timedelta(minutes=int(rng.integers(0, 300_000)))
        for _ in range(int(rng.integers(1, 16))):
            step = rng.choice(["tie", "seconds", "minutes", "days"], p=[.15, .25, .35, .25])
            at += {"tie": pd.Timedelta(0),
                   "seconds": pd.Timedelta(microseconds=int(rng.integers(1, 90_000_000))),
                   "minutes": pd.Timedelta(minutes=int(rng.integers(1, 200))),
                   "days": pd.Timedelta(days=int(rng.integers(1, 20)))}[step]
            touchpoint = str(rng.choice(touchpoint_ids))
            roll = rng.random()
            if roll < .03:
                touchpoint = "T-undeclared"
            elif roll < .04:
                touchpoint = ""
            elif roll < .07:
                touchpoint = f" {touchpoint}  "
            if rng.random() < .08:  # this event under another persona
                persona = rng.choice([*personas, None])
            rows.append((customer, at, touchpoint, persona))
            if rng.random() < .05:
                rows.append(rows[-1])  # the same event twice
    frame = pd.DataFrame(rows, columns=["customer_id", "timestamp", "touchpoint_id",
                                        "persona_id"])
    frame.loc[frame.sample(frac=.01, random_state=seed).index, "customer_id"] = ""
    frame.loc[frame.sample(frac=.01, random_state=seed + 1).index, "timestamp"] = pd.NaT
    frame = frame.sample(frac=1, random_state=seed).reset_index(drop=True)  # written unsorted
    frame["timestamp"] = frame["timestamp"].astype("datetime64[us]")
    return frame


def _weights(n: int) -> list[float]:
    declared = [0.85 / n] * n
    return [*declared, .05, .05, .05]


def as_csv(frame: pd.DataFrame) -> str:
    """The log as CSV text, timestamps ISO 8601 to the microsecond."""
    out = frame.copy()
    out["timestamp"] = out["timestamp"].dt.strftime("%Y-%m-%dT%H:%M:%S.%f").fillna("")
    return out.to_csv(index=False)
