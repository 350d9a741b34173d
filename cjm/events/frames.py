"""The frames of an event analysis, from the counters of the pass (`cjm.events.sequence`):
volumes, transitions, funnel, channel switches, redundancy, stage durations, unmatched and
unseen touchpoints. Medians and percentiles come from the spilled values, by DuckDB."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..project.eventlog import quote
from .quantiles import quantiles
from .sequence import counted_codes

UNKNOWN_PERSONA = "(unknown)"
ALL_PERSONAS = "all"


def spilled_stats(con, tally, spill: Path, n_stages: int) -> dict:
    """The statistics `result_frames` takes, from the spill files of the pass, by DuckDB:
    gaps and stage_gaps (pair code -> median seconds), spans (key -> customers, mean, median,
    90th percentile in seconds, key = (persona code + 1) * stages + stage, persona -1 for
    everyone) and unmatched (touchpoint_id, events, customers)."""
    medians = {}
    for stem, pairs in (("gaps", tally.tp_pairs), ("stage_gaps", tally.stage_pairs)):
        medians[stem] = {key: stats[2] for key, stats in quantiles(
            con, _spilled(spill, stem), "code", (0.5,), int(pairs.sum())).items()}
    spans = quantiles(con, _spilled(spill, "spans"), f"(persona + 1) * {n_stages} + stage",
                      (0.5, 0.9), int(tally.stage_customers.sum() + tally.persona_stage.sum()))
    unmatched = con.execute(f"""
        SELECT unknown AS touchpoint_id, count(*) AS events, count(DISTINCT cust) AS customers
        FROM read_parquet('{quote(str(spill / "unmatched.parquet"))}')
        GROUP BY unknown""").df()
    return dict(medians, spans=spans, unmatched=unmatched)


def result_frames(tally, stats: dict, persona_code: dict[str, int], tps, project,
                  min_redundant) -> dict:
    """The frames of an EventAnalysis from the counters of a tally (`cjm.events.sequence`,
    or the same counts from an engine) and its statistics (see `spilled_stats`)."""
    stages, channels = project.stages, project.channels
    n_tp, n_st, n_ch = len(tps), len(stages), len(channels)
    tp_ids = dict(zip(tps["tp"], tps["touchpoint_id"], strict=True))
    names = dict(zip(tps["tp"], tps["name"], strict=True))
    n_events, n_customers = tally.n_events, tally.n_customers

    declared_personas = [str(p) for p in project.personas["persona_id"]]
    found = [p for p, code in persona_code.items() if tally.persona_events[code]]
    personas = declared_personas + sorted(
        p for p in found if p not in declared_personas and p != UNKNOWN_PERSONA)
    if UNKNOWN_PERSONA in found:
        personas.append(UNKNOWN_PERSONA)

    def persona_counts(persona: str) -> tuple[int, int]:
        code = persona_code.get(persona)
        if code is None:
            return 0, 0
        return int(tally.persona_events[code]), int(tally.persona_customers[code])

    tp_order = tps.sort_values(["stage_idx", "touchpoint_id"])
    rows = [("touchpoint", tp.touchpoint_id, tp.name, int(tally.tp_events[tp.tp]),
             int(tally.tp_customers[tp.tp])) for tp in tp_order.itertuples()]
    rows += [("stage", s, s, int(tally.stage_events[i]), int(tally.stage_customers[i]))
             for i, s in enumerate(stages)]
    rows += [("channel", c, c, int(tally.channel_events[i]), int(tally.channel_customers[i]))
             for i, c in enumerate(channels)]
    rows += [("persona", p, p, *persona_counts(p)) for p in personas]
    volumes = pd.DataFrame(rows, columns=["level", "key", "name", "events", "customers"])
    volumes = volumes.astype({"events": "int64", "customers": "int64"})
    volumes["reach"] = volumes["customers"] / n_customers if n_customers else float("nan")
    volumes = _frame(volumes, list(volumes.columns))

    # Transitions: consecutive pairs of a customer's sequence (stage level: stage changes).
    tp_rank = {tp: rank for rank, tp in enumerate(tp_order["tp"])}
    rows = []
    for level, size, pairs, customers, gaps, label, rank in (
            ("touchpoint", n_tp, tally.tp_pairs, tally.tp_pair_customers,
             "gaps", tp_ids.__getitem__, tp_rank.__getitem__),
            ("stage", n_st, tally.stage_pairs, tally.stage_pair_customers,
             "stage_gaps", stages.__getitem__, int)):
        medians = stats[gaps]
        for code in counted_codes(pairs):
            source, target = divmod(int(code), size)
            rows.append((level, label(source), label(target), int(pairs[code]),
                         int(customers[code]), medians[code], rank(source), rank(target)))
    trans = pd.DataFrame(rows, columns=["level", "source", "target", "count", "customers",
                                        "median_seconds", "rank_s", "rank_t"])
    trans = trans.sort_values(["count", "level", "rank_s", "rank_t"],
                              ascending=[False, False, True, True])
    transitions = _frame(trans, ["level", "source", "target", "count", "customers",
                                 "median_seconds"])

    # Funnel: distinct customers per stage, for everyone and per persona group.
    optional = set(project.config.optional_stages)
    groups = [(ALL_PERSONAS, n_customers)] + [
        (p, persona_counts(p)[1]) for p in personas if persona_counts(p)[1]]
    rows = []
    for persona, size in groups:
        if persona == ALL_PERSONAS:
            reached = [int(v) for v in tally.stage_customers]
        else:
            start = persona_code[persona] * n_st
            reached = [int(v) for v in tally.persona_stage[start:start + n_st]]
        for i, stage in enumerate(stages):
            following = next((reached[j] for j in range(i + 1, n_st)
                              if stages[j] not in optional), None)
            drop = (1 - following / reached[i]) if following is not None and reached[i] \
                and stage not in optional else float("nan")
            rows.append((persona, stage, stage in optional, reached[i],
                         reached[i] / size if size else float("nan"), drop))
    funnel = pd.DataFrame(rows, columns=["persona_id", "stage", "optional", "customers",
                                         "share", "drop_off"])
    funnel = _frame(funnel, list(funnel.columns))

    # Channel switches: same customer, same stage, next event on another channel, soon after.
    rows = []
    for code in np.flatnonzero(tally.switches):
        before, after = divmod(int(code), n_ch)
        rows.append((before, after, int(tally.switches[code]),
                     int(tally.switch_customers[code]),
                     tally.switches[code] / tally.channel_inbound[before]))
    sw = pd.DataFrame(rows, columns=["from_channel", "to_channel", "switches", "customers",
                                     "rate"])
    sw = sw.sort_values(["switches", "from_channel", "to_channel"],
                        ascending=[False, True, True])
    sw["from_channel"] = [channels[c] for c in sw["from_channel"]]
    sw["to_channel"] = [channels[c] for c in sw["to_channel"]]
    channel_switches = _frame(sw, ["from_channel", "to_channel", "switches", "customers",
                                   "rate"])

    # Redundancy: a then b within the delay, for at least `min_redundant` customers.
    rows = []
    for code in counted_codes(tally.redundant_customers, max(int(min_redundant), 1)):
        a, b = divmod(int(code), n_tp)
        rows.append((tp_ids[a], names[a], tp_ids[b], names[b],
                     int(tally.redundant_customers[code]), int(tally.redundant[code]),
                     tally.redundant_customers[code] / tally.tp_customers[a], tp_rank[a],
                     tp_rank[b]))
    red = pd.DataFrame(rows, columns=["touchpoint_a", "name_a", "touchpoint_b", "name_b",
                                      "customers", "pairs", "share_of_a", "rank_a", "rank_b"])
    red = red.sort_values(["customers", "pairs", "rank_a", "rank_b"],
                          ascending=[False, False, True, True])
    redundancy = _frame(red, ["touchpoint_a", "name_a", "touchpoint_b", "name_b", "customers",
                              "pairs", "share_of_a"])

    # Stage durations: per customer, last minus first event at the stage.
    spans = stats["spans"]
    dur = pd.DataFrame([(key // n_st - 1, key % n_st, *figures) for key, figures in spans.items()],
                       columns=["persona", "stage", "customers", "mean_seconds",
                                "median_seconds", "p90_seconds"])
    names_of = {code: p for p, code in persona_code.items()}
    dur["persona_id"] = [ALL_PERSONAS if c < 0 else names_of[c] for c in dur["persona"]]
    group_rank = {p: i for i, (p, _) in enumerate(groups)}
    dur["rank_p"] = [group_rank[p] for p in dur["persona_id"]]
    dur = dur.sort_values(["rank_p", "stage"])
    dur["stage"] = [stages[s] for s in dur["stage"]]
    stage_durations = _frame(dur, ["persona_id", "stage", "customers", "median_seconds",
                                   "mean_seconds", "p90_seconds"])

    unmatched = stats["unmatched"].sort_values(["events", "touchpoint_id"],
                                               ascending=[False, True], kind="stable")
    unmatched = _frame(unmatched, ["touchpoint_id", "events", "customers"])

    seen = volumes[(volumes["level"] == "touchpoint") & (volumes["events"] > 0)]["key"]
    unseen = tp_order[~tp_order["touchpoint_id"].isin(set(seen))]
    unseen = pd.DataFrame({
        "touchpoint_id": list(unseen["touchpoint_id"]), "name": list(unseen["name"]),
        "stage": [stages[i] for i in unseen["stage_idx"]],
        "channel": [channels[i] for i in unseen["channel_idx"]]}, dtype="str")

    return dict(volumes=volumes, transitions=transitions, funnel=funnel,
                channel_switches=channel_switches, redundancy=redundancy,
                stage_durations=stage_durations, unmatched=unmatched, unseen=unseen,
                n_events=n_events, n_customers=n_customers)


def _spilled(spill: Path, stem: str) -> str:
    """The relation of the spill files `stem`-*.parquet written by the pass."""
    return f"read_parquet('{quote(str(spill))}/{stem}-*.parquet')"


def _frame(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """`columns` of `frame`, counts as int64, a fresh RangeIndex."""
    out = frame[columns].reset_index(drop=True).copy()
    for column in ("count", "customers", "switches", "pairs", "events"):
        if column in out:
            out[column] = out[column].astype("int64")
    for column in out.columns:
        if out[column].dtype == object:
            out[column] = out[column].astype("str")
    return out


