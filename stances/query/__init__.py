"""Pure functions on a debate's tables, one idea a module; every name is importable from `stances.query`.

- `filters`: `Filters` and the statements that pass them
- `asof`: snapshots as of a day, changes between two days, the grid of a day
- `chains`: the reporting chain of every source
- `detail`: what the detail card shows
- `tables`: joined tables for people and exports
- `labels`: each question's points' codebook labels
- `bins`: time bins for dense timelines
- `ordering`: which actors, questions and days appear, in order
"""

from stances.query.asof import CHANGE_KINDS, GridView, as_of, changes_between, grid_view, held_positions
from stances.query.bins import (
    BIN_DAYS,
    LEANINGS,
    bin_key,
    bin_width,
    busiest_lanes,
    in_bin,
    last_per_period,
    leaning,
    leaning_key,
    parse_bin_key,
    period_bounds,
    timeline_bins,
)
from stances.query.chains import chain_outlets, cites, reporting_chain, reporting_chains, sources_with_chains
from stances.query.detail import EventDetail, SourceRef, StatementDetail, event_detail, statement_detail
from stances.query.filters import FILTER_LABELS, Filters, apply, filter_mask, filter_problems, statement_outlets
from stances.query.labels import label_positions, position_labels
from stances.query.ordering import actors_in, date_bounds, questions_in, step_order
from stances.query.tables import (
    SOURCE_COLUMNS,
    SOURCE_ROW_COLUMNS,
    SOURCE_ROW_MEANINGS,
    TABLE_COLUMN_MEANINGS,
    TABLE_COLUMNS,
    change_table,
    grid_table,
    search_sources,
    source_columns,
    source_table,
    statement_source_rows,
    table_rows,
)

__all__ = [
    "BIN_DAYS",
    "CHANGE_KINDS",
    "FILTER_LABELS",
    "LEANINGS",
    "SOURCE_COLUMNS",
    "SOURCE_ROW_COLUMNS",
    "SOURCE_ROW_MEANINGS",
    "TABLE_COLUMNS",
    "TABLE_COLUMN_MEANINGS",
    "EventDetail",
    "Filters",
    "GridView",
    "SourceRef",
    "StatementDetail",
    "actors_in",
    "apply",
    "as_of",
    "bin_key",
    "bin_width",
    "busiest_lanes",
    "chain_outlets",
    "change_table",
    "changes_between",
    "cites",
    "date_bounds",
    "event_detail",
    "filter_mask",
    "filter_problems",
    "grid_table",
    "grid_view",
    "held_positions",
    "in_bin",
    "label_positions",
    "last_per_period",
    "leaning",
    "leaning_key",
    "parse_bin_key",
    "period_bounds",
    "position_labels",
    "questions_in",
    "reporting_chain",
    "reporting_chains",
    "search_sources",
    "source_columns",
    "source_table",
    "sources_with_chains",
    "statement_detail",
    "statement_outlets",
    "statement_source_rows",
    "step_order",
    "table_rows",
    "timeline_bins",
]
