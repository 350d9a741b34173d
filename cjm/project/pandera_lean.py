"""pandera, made ready without the integrations cjm never uses.

pandera imports pyspark's pandas API and hypothesis whenever they are installed (the Spark
engine of the event log brings pyspark; the tests, hypothesis): on import, when it builds a
schema and when it first validates. That is over a hundred modules, a tenth of a second
and 11 MB in every process that reads a project (the command, each kernel). They are hidden
from pandera while it gets ready (imported, its kinds of frames looked for, its checks
registered by one small validation: it keeps all three), and only then: code that imports
them itself afterwards gets them as usual.
"""

from __future__ import annotations

import sys

UNUSED = ("pyspark", "hypothesis")

_hidden = [name for name in UNUSED if name not in sys.modules]
for _name in _hidden:
    sys.modules[_name] = None  # an import of it fails, and pandera goes on without it
try:
    import pandas as pd
    import pandera.pandas as pa
    from pandera import typing
    from pandera.typing import Series

    typing.get_dataframe_types(), typing.get_series_types(), typing.get_index_types()
    pa.DataFrameSchema({"ready": pa.Column(int, pa.Check.ge(0))}).validate(
        pd.DataFrame({"ready": [1]}))
finally:
    for _name in _hidden:
        if sys.modules.get(_name, False) is None:
            del sys.modules[_name]

__all__ = ["Series", "pa"]
