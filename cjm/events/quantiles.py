"""Exact quantiles of values that may not fit in memory, by key: DuckDB's `quantile_cont` while
they do, else one sorted stream from which the values at the wanted ranks are picked."""

from __future__ import annotations

import numpy as np

BATCH = 1 << 20  # values per batch streamed from the sort
QUANTILES_IN_MEMORY = 20_000_000  # values; beyond, quantiles are picked from a sorted stream


def quantiles(con, relation: str, key: str, quantiles: tuple[float, ...], rows: int) -> dict:
    """key -> (count, mean, *quantiles) of column `us` of `relation` (`rows` rows), in seconds.

    Exact: quantiles interpolate linearly between ranks (as numpy and DuckDB's quantile_cont).
    Up to QUANTILES_IN_MEMORY rows DuckDB's quantile_cont computes them; it keeps every value
    in memory, so beyond that DuckDB sorts by key then value instead, spilling when it must,
    and the values at the wanted ranks are picked from the sorted stream."""
    if rows <= QUANTILES_IN_MEMORY:
        found = con.execute(f"""
            SELECT {key} AS key, count(*), avg(us), quantile_cont(us, {list(quantiles)})
            FROM {relation} GROUP BY key""").fetchall()
        return {k: (int(n), mean / 1e6, *(v / 1e6 for v in values))
                for k, n, mean, values in found}
    counted = con.execute(f"""
        SELECT {key} AS key, count(*), avg(us) FROM {relation} GROUP BY key ORDER BY key
        """).fetchall()
    sizes = np.array([n for _, n, _ in counted], np.int64)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    ranks = (sizes[:, None] - 1) * np.asarray(quantiles)[None, :]  # key x quantile
    low, high = starts[:, None] + np.floor(ranks), starts[:, None] + np.ceil(ranks)
    wanted = np.unique(np.concatenate([low.ravel(), high.ravel()]).astype(np.int64))
    values = np.empty(len(wanted), np.float64)
    offset = 0
    reader = con.sql(f"SELECT us FROM {relation} ORDER BY {key}, us").to_arrow_reader(BATCH)
    for batch in reader:
        chunk = batch.column(0).to_numpy()
        first, last = np.searchsorted(wanted, [offset, offset + len(chunk)])
        values[first:last] = chunk[wanted[first:last] - offset]
        offset += len(chunk)
    pick = lambda at: values[np.searchsorted(wanted, at.astype(np.int64))]  # noqa: E731
    result = (pick(low) + (ranks - np.floor(ranks)) * (pick(high) - pick(low))) / 1e6
    return {key: (int(n), mean / 1e6, *map(float, row))
            for (key, n, mean), row in zip(counted, result, strict=True)}


