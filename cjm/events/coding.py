"""The one sort of an event analysis: the log's ids coded as small integers (each distinct
raw id trimmed and matched once, in Python), then every event, coded, ordered by customer,
time and touchpoint, and streamed back in Arrow batches."""

from __future__ import annotations

import pandas as pd

from ..project.eventlog import LogSource
from .frames import UNKNOWN_PERSONA
from .quantiles import BATCH


def code_dimensions(con, log: LogSource, tps: pd.DataFrame) -> dict[str, int]:
    """Tables touchpoint_codes (raw, tp, label) and persona_codes (raw, code) in `con`.

    One scan lists the log's distinct raw touchpoint and persona ids; trimming and matching
    them here, once per distinct value, spares trimming every event. Returns persona -> code,
    "(unknown)" included, codes in the order of the personas' ids."""
    has_persona = "persona_id" in log.columns
    pairs = con.execute(f"""
        SELECT DISTINCT {log.raw('touchpoint_id')},
               {log.raw('persona_id') if has_persona else 'NULL'}
        FROM {log.relation}""").fetchall()
    declared = dict(zip(tps["touchpoint_id"], tps["tp"], strict=True))
    raw_tps = sorted({tp for tp, _ in pairs if tp is not None})
    labels = [raw.strip(" ") for raw in raw_tps]
    con.register("touchpoint_frame", pd.DataFrame({
        "raw": pd.Series(raw_tps, dtype=object),
        "tp": pd.Series([declared.get(label) for label in labels], dtype="Int16"),
        "label": pd.Series(labels, dtype=object)}))
    con.execute("CREATE TEMP TABLE touchpoint_codes AS SELECT * FROM touchpoint_frame")
    con.unregister("touchpoint_frame")
    raw_personas = sorted({p for _, p in pairs if p is not None})
    labels = [raw.strip(" ") or UNKNOWN_PERSONA for raw in raw_personas]
    # codes in the order of the labels: ordering by code is ordering by persona_id, as the
    # analysis on an engine orders (`cjm.events.portable`)
    personas = {label: code for code, label in enumerate(sorted({*labels, UNKNOWN_PERSONA}))}
    codes = [personas[label] for label in labels]
    con.register("persona_frame", pd.DataFrame({"raw": pd.Series(raw_personas, dtype=object),
                                                "code": pd.Series(codes, dtype="int16")}))
    con.execute("CREATE TEMP TABLE persona_codes AS SELECT * FROM persona_frame")
    con.unregister("persona_frame")
    return personas




def sorted_stream(con, log: LogSource, personas: dict[str, int], bounds):
    """Every event in `bounds` (None: all) with a customer and a readable time, coded as
    (customer hash, microseconds, touchpoint code, persona code, unknown id), ordered by
    customer, time and touchpoint: an Arrow batch reader. Rows tied on all three are
    interchangeable: no output depends on their order. An undeclared touchpoint has no code
    (`tp` NULL) and its raw id in `unknown`."""
    return con.sql(f"""
        WITH coded AS ({coded_events(log, personas)})
        SELECT hash(cust) AS cust, epoch_us(ts) AS t, tp, persona, unknown FROM coded
        WHERE cust IS NOT NULL AND ts IS NOT NULL {window_clause(con, bounds)}
        ORDER BY cust, t, tp""").to_arrow_reader(BATCH)


def coded_events(log: LogSource, personas: dict[str, int]) -> str:
    """SQL of every event of the log, coded by the tables of `code_dimensions`: cust (the
    trimmed customer_id, NULL when empty), ts, tp (NULL when undeclared), persona (its code,
    "(unknown)"'s without one) and unknown (the raw id of an undeclared touchpoint)."""
    persona_join, persona_code = "", f"{personas[UNKNOWN_PERSONA]}::SMALLINT"
    if "persona_id" in log.columns:
        persona_join = f"LEFT JOIN persona_codes q ON {log.raw('persona_id')} = q.raw"
        persona_code = f"coalesce(q.code, {persona_code})"
    return f"""
        SELECT {log.customer()} AS cust, {log.timestamp()} AS ts, d.tp,
               {persona_code} AS persona,
               CASE WHEN d.tp IS NULL THEN coalesce(d.label, '') END AS unknown
        FROM {log.relation}
        LEFT JOIN touchpoint_codes d ON {log.raw('touchpoint_id')} = d.raw
        {persona_join}"""


def window_clause(con, bounds) -> str:
    """`AND ...` keeping the events (their `ts`) within `bounds` (None: every event, ""), the
    bounds set as variables of `con`."""
    if not bounds:
        return ""
    con.execute("SET VARIABLE win_start = ?::TIMESTAMP", [bounds[0].to_pydatetime()])
    con.execute("SET VARIABLE win_end = ?::TIMESTAMP", [bounds[1].to_pydatetime()])
    return "AND ts >= getvariable('win_start') AND ts < getvariable('win_end')"
