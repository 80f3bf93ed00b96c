"""Articles as a pandas DataFrame (pandas is an optional extra)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from archive.export.fields import FLOAT, INT, TIME, kind_of
from archive.query.extras import require
from archive.query.filters import ArticleFilter
from archive.query.records import EXPORT_FIELDS, iter_articles


def to_dataframe(
    engine: Engine, filters: ArticleFilter, fields: tuple[str, ...] = EXPORT_FIELDS
) -> Any:
    """Return a DataFrame of the filtered articles, one row each, indexed by nothing special.

    Timestamps are ``datetime64[ns, UTC]``, integer columns nullable ``Int64``, lists stay
    Python lists and ``provenance`` a dict.
    """
    pd = require("pandas", "parquet", "to_dataframe()")
    frame = pd.DataFrame.from_records(list(iter_articles(engine, filters, fields)), columns=fields)
    for column in fields:
        kind = kind_of(column)
        if kind == TIME:
            frame[column] = pd.to_datetime(frame[column], utc=True)
        elif kind == INT:
            frame[column] = frame[column].astype("Int64")
        elif kind == FLOAT:
            frame[column] = frame[column].astype("float64")
    return frame
