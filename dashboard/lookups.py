"""Lookups from a figure id to what the pages show of it, cheap to build at a million figures.

One dictionary from figure id to row position is built; everything else is read through it from
columns kept as arrays: repeated texts (dates, outlets, review marks) as codes into their few distinct
values, numbers as floats, long texts (reasons) as an Arrow array read one cell at a time. A page asks
about a few thousand figures at most, so nothing is turned into a million Python tuples up front.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TypeVar

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

HOT_POSITIONS = 200_000  # ids kept by Positions.remember: a few dozen pairs' figures
ROW_CELLS = ("qualifier", "text", "extracted_value", "entities")  # the figure cells the charts show


class Positions(Mapping[str, int]):
    """figure_id → row position, through a pandas Index (its hash table is built once, on first use, in a
    fraction of what a dictionary of a million Python strings takes). A repeated id is at its first row."""

    def __init__(self, ids: pd.Series) -> None:
        self.index = pd.Index(ids)
        self._hot: dict[str, int] = {}  # the ids of the pairs shown lately, answered without pandas

    def remember(self, ids: Iterable[str], positions: Iterable[int]) -> None:
        """Keep the positions of ids about to be asked many times (a pair's figures, as its overview is
        built): a dictionary answers them in a fraction of what the Index's lookup costs. Only for unique
        ids, whose one row is the first; a bounded number, the oldest forgotten all at once."""
        if not self.index.is_unique:
            return
        self._hot = _kept(self._hot, zip(ids, (int(p) for p in positions), strict=True))

    def __getitem__(self, figure_id: str) -> int:
        known = self._hot.get(figure_id)
        if known is not None:
            return known
        found = self.index.get_loc(figure_id)
        if isinstance(found, int):
            return found
        if isinstance(found, slice):
            return int(found.start)
        return int(np.flatnonzero(found)[0])

    def __contains__(self, figure_id: object) -> bool:
        return isinstance(figure_id, str) and (figure_id in self._hot or figure_id in self.index)

    def __iter__(self) -> Iterator[str]:
        return iter(self.index)

    def __len__(self) -> int:
        return len(self.index)


K = TypeVar("K")
V = TypeVar("V")


def _kept(hot: dict[K, V], items: Iterable[tuple[K, V]]) -> dict[K, V]:
    """``hot`` with ``items`` added, bounded: past HOT_POSITIONS entries the old ones are forgotten all at
    once, by starting a fresh dictionary (one a reader already holds is never emptied under it)."""
    kept = hot if len(hot) < HOT_POSITIONS else {}
    kept.update(items)
    return kept


def arrow_text(column: pd.Series) -> pa.ChunkedArray:
    """A text column as Arrow large strings (no copy when pandas keeps it in Arrow already)."""
    arrow = pa.array(column.array if isinstance(column.array, pd.arrays.ArrowStringArray) else column.astype(str))
    arrow = arrow if isinstance(arrow, pa.ChunkedArray) else pa.chunked_array([arrow])
    return arrow.cast(pa.large_string()) if arrow.type != pa.large_string() else arrow


class Coded:
    """A text column as codes into its distinct values."""

    def __init__(self, column: pd.Series) -> None:
        codes, uniques = pd.factorize(column.astype(str), sort=False)
        self.codes = codes
        self.values = [str(v) for v in uniques]

    def __getitem__(self, position: int) -> str:
        return self.values[self.codes[position]]


class _ByFigure(Mapping[str, tuple]):  # type: ignore[type-arg]
    """A read-only mapping figure id → tuple, computed on access from row positions."""

    def __init__(self, positions: Mapping[str, int]) -> None:
        self.positions = positions

    def __contains__(self, figure_id: object) -> bool:
        return figure_id in self.positions

    def __iter__(self) -> Iterator[str]:
        return iter(self.positions)

    def __len__(self) -> int:
        return len(self.positions)

    def __getitem__(self, figure_id: str) -> tuple:  # type: ignore[type-arg]
        return self.at(self.positions[figure_id])

    def at(self, position: int) -> tuple:  # type: ignore[type-arg]
        raise NotImplementedError


class Citations(_ByFigure):
    """figure_id → (published, outlet, reviewed); reviewed is '' for an automatic figure."""

    def __init__(self, positions: Mapping[str, int], figures: pd.DataFrame) -> None:
        super().__init__(positions)
        self.published, self.outlet, self.reviewed = (Coded(figures[c]) for c in ("published", "outlet", "reviewed"))

    def at(self, position: int) -> tuple[str, str, str]:
        return self.published[position], self.outlet[position], self.reviewed[position]


class Confidences(_ByFigure):
    """figure_id → (confidence, reviewed, the doubtful field's reason); confidence is NaN when unknown."""

    def __init__(self, positions: Mapping[str, int], figures: pd.DataFrame) -> None:
        super().__init__(positions)
        self.scores = pd.to_numeric(figures["confidence"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        self.reviewed = Coded(figures["reviewed"])
        self.reasons = arrow_text(figures["reasons"])
        self._hot: dict[int, str] = {}

    def at(self, position: int) -> tuple[float, str, str]:
        return float(self.scores[position]), self.reviewed[position], self.reason(position)

    def remember(self, positions: Iterable[int], reasons: Iterable[object]) -> None:
        """Keep the reasons of rows about to be shown (a pair's, read with its rows), so ``reason`` need not
        read them from Arrow one by one; bounded like ``Positions.remember``."""
        self._hot = _kept(self._hot, zip((int(p) for p in positions), (str(r or "") for r in reasons), strict=True))

    def reason(self, position: int) -> str:
        """The doubtful field's reason (the first of the row's reasons)."""
        kept = self._hot.get(position)
        return (kept if kept is not None else self.reasons[position].as_py() or "").split(" | ")[0]


class FactOfFigure(Mapping[str, str]):
    """figure_id → the fact_id that consolidates it, found by a scan of the facts' figure ids (built once,
    as Arrow arrays); ``of_figures`` answers for many figures in one scan."""

    def __init__(self, facts: pd.DataFrame) -> None:
        lists = pc.split_pattern(arrow_text(facts["figure_ids"]), ";")
        self.figure_ids = pc.list_flatten(lists)
        self.parents = pc.list_parent_indices(lists).to_numpy()
        self.fact_ids = facts["fact_id"].astype(str).to_numpy()
        self._single: dict[str, str] | None = None

    def of_figures(self, figure_ids: Iterable[str]) -> dict[str, str]:
        wanted = [i for i in dict.fromkeys(figure_ids) if i]
        if not wanted:
            return {}
        hits = np.flatnonzero(pc.is_in(self.figure_ids, value_set=pa.array(wanted, type=pa.large_string()))
                              .to_numpy(zero_copy_only=False))
        found: dict[str, str] = {}
        for figure_id, hit in zip(self.figure_ids.take(pa.array(hits)).to_pylist(), hits.tolist(), strict=True):
            found.setdefault(figure_id, str(self.fact_ids[self.parents[hit]]))  # the first fact listing it
        return found

    def _all(self) -> dict[str, str]:
        if self._single is None:
            self._single = {}
            for figure_id, parent in zip(self.figure_ids.to_pylist(), self.parents.tolist(), strict=True):
                if figure_id:  # the first fact that lists a figure, as ``of_figures`` finds it
                    self._single.setdefault(figure_id, str(self.fact_ids[parent]))
        return self._single

    def __getitem__(self, figure_id: str) -> str:
        found = self.of_figures([figure_id])
        if figure_id not in found:
            raise KeyError(figure_id)
        return found[figure_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


class Rows:
    """Cells of figure rows by position, read from their column as an Arrow array (converted the first time
    a column is asked for): the cells of a few thousand rows, not a copy of the table."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame
        self.columns: dict[str, pa.Array] = {}
        self._hot: dict[str, dict[int, object]] = {}  # column → position → cell, for the pairs shown lately

    def remember(self, positions: np.ndarray, rows: pd.DataFrame, columns: Iterable[str]) -> None:
        """Keep the cells of rows about to be shown (``rows``: the frame's rows at ``positions``, as a pair's
        overview takes them), converted as ``cells`` converts them; bounded like ``Positions.remember``."""
        at = [int(p) for p in positions]
        for column in columns:
            if column in rows.columns:
                self._hot[column] = _kept(self._hot.get(column, {}), zip(at, _arrow_of(rows[column]).to_pylist(),
                                                                          strict=True))

    def prepare(self, columns: Iterable[str] = ROW_CELLS) -> Rows:
        """The columns charts read cell by cell, made ready (with the rest of the load)."""
        for column in columns:
            if column in self.frame.columns:
                self._column(column)
        return self

    def _column(self, column: str) -> pa.Array:
        array = self.columns.get(column)
        if array is None:
            array = _arrow_of(self.frame[column])
            self.columns[column] = array
        return array

    def cells(self, positions: list[int], column: str) -> list[object]:
        """One column's cells at many positions, in one take."""
        array = self._column(column)
        if not isinstance(array, pa.ChunkedArray):
            return array.take(pa.array(positions, type=pa.int64())).to_pylist()
        wanted = np.asarray(positions, dtype=np.int64)
        order = np.argsort(wanted, kind="stable")
        taken = _take_arrow(array, wanted[order]).to_pylist() if len(wanted) else []
        return _unsorted(order, taken)

    def many_cells(self, positions: list[int], columns: Iterable[str]) -> dict[str, list[object]]:
        """Several columns' cells at many positions: the columns chunked alike are taken together, one
        take per chunk (``cells`` takes one per chunk and column)."""
        result: dict[str, list[object]] = {}
        columns = list(columns)
        for column in columns:
            kept = self._hot.get(column)
            if kept is not None and all(p in kept for p in positions):
                result[column] = [kept[p] for p in positions]
        wanted = np.asarray(positions, dtype=np.int64)
        order = np.argsort(wanted, kind="stable")
        layouts: dict[tuple[int, ...], list[str]] = {}
        for column in (c for c in columns if c not in result):
            array = self._column(column)
            if isinstance(array, pa.ChunkedArray) and array.num_chunks > 1 and len(wanted):
                layouts.setdefault(tuple(len(chunk) for chunk in array.chunks), []).append(column)
            else:
                result[column] = self.cells(positions, column)
        for layout, names in layouts.items():
            taken = _take_batches(pa.table({name: self.columns[name] for name in names}), layout, wanted[order])
            for name in names:
                result[name] = _unsorted(order, taken.column(name).to_pylist())
        return result


def _arrow_of(series: pd.Series) -> pa.Array:
    """A column as the Arrow array ``Rows`` reads cells from (missing numbers become None)."""
    return pa.array(series.astype(str) if series.dtype == object else series, from_pandas=True)


def _unsorted(order: np.ndarray, taken: list[object]) -> list[object]:
    """Cells taken at sorted positions, put back in the order the positions were asked in."""
    cells: list[object] = [None] * len(taken)
    for slot, value in zip(order.tolist(), taken, strict=True):
        cells[slot] = value
    return cells


class PairIndex:
    """The rows of each (source_country, target_country) pair, found by binary search in the table's rows
    sorted by pair once (stably, so each pair's rows stay in table order)."""

    def __init__(self, frame: pd.DataFrame) -> None:
        sources, self.sources = pd.factorize(frame["source_country"].astype(str))
        targets, self.targets = pd.factorize(frame["target_country"].astype(str))
        self.width = len(self.targets) + 1
        keys = sources.astype(np.int64) * self.width + targets
        self.order = np.argsort(keys, kind="stable")
        self.keys = keys[self.order]
        self.source_code = {str(v): i for i, v in enumerate(self.sources)}
        self.target_code = {str(v): i for i, v in enumerate(self.targets)}

    def rows(self, source: str, target: str) -> np.ndarray:
        """Row positions of the pair, ascending."""
        if source not in self.source_code or target not in self.target_code:
            return np.empty(0, dtype=np.int64)
        key = self.source_code[source] * self.width + self.target_code[target]
        low, high = np.searchsorted(self.keys, key, side="left"), np.searchsorted(self.keys, key, side="right")
        return self.order[low:high]


def _take_arrow(values: pa.ChunkedArray, positions: np.ndarray) -> pa.ChunkedArray:
    """Rows of a chunked Arrow column, taken chunk by chunk (Arrow's own take joins every chunk of a text
    column into one first: a copy of the whole column for a few rows), as one chunk: later filters of the
    few rows stay cheap."""
    bounds = np.cumsum([0, *(len(chunk) for chunk in values.chunks)])
    which = np.searchsorted(bounds, positions, side="right") - 1
    pieces = [values.chunk(int(k)).take(pa.array(positions[which == k] - bounds[k])) for k in np.unique(which)]
    return pa.chunked_array([pa.concat_arrays(pieces)] if pieces else [], type=values.type)


def take_rows(frame: pd.DataFrame, positions: np.ndarray) -> pd.DataFrame:
    """``frame.iloc[positions]`` for ascending positions, without copying whole text columns. The chunked
    Arrow columns that share one layout of chunks (all of a Parquet table's) are taken together, one
    record batch at a time: one take per chunk for all of them, not one per chunk and column."""
    columns: dict[str, object] = {}
    layouts: dict[tuple[int, ...], list[str]] = {}
    for name in frame.columns:
        arrow = getattr(frame[name].array, "_pa_array", None)  # pandas keeps Arrow-backed columns chunked
        if isinstance(arrow, pa.ChunkedArray) and arrow.num_chunks > 1:
            layouts.setdefault(tuple(len(chunk) for chunk in arrow.chunks), []).append(name)
        else:  # the array's own take: ``.iloc`` would take the index again for every column
            columns[name] = frame[name].array.take(positions)
    for layout, names in layouts.items():
        taken = _take_batches(pa.table({name: frame[name].array._pa_array for name in names}), layout, positions)
        for name in names:
            columns[name] = pd.array(taken.column(name), dtype=frame[name].dtype)
    return pd.DataFrame(columns, index=frame.index[positions], columns=frame.columns)


def _take_batches(table: pa.Table, layout: tuple[int, ...], positions: np.ndarray) -> pa.Table:
    """Rows at ascending ``positions`` of a table whose columns all have chunks of the lengths ``layout``,
    as one chunk per column."""
    bounds = np.cumsum([0, *layout])
    cuts = np.searchsorted(positions, bounds)
    batches = table.to_batches()
    if [batch.num_rows for batch in batches] != list(layout):  # not expected: Arrow cut the chunks otherwise
        return pa.table({name: _take_arrow(table.column(name), positions) for name in table.column_names})
    pieces = [batch.take(pa.array(positions[cuts[k]:cuts[k + 1]] - bounds[k]))
              for k, batch in enumerate(batches) if cuts[k + 1] > cuts[k]]
    if not pieces:
        return table.slice(0, 0)
    return pa.Table.from_batches(pieces).combine_chunks()
