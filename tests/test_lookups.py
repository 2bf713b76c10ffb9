"""The dashboard's lookups by figure id answer as the plain dictionaries and row selections they replace."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from dashboard.lookups import Citations, Confidences, FactOfFigure, PairIndex, Positions, Rows, take_rows


def _chunked(frame: pd.DataFrame, pieces: int) -> pd.DataFrame:
    """The frame as the Parquet reader gives it: every text column in several Arrow chunks."""
    table = pa.Table.from_pandas(frame, preserve_index=False)
    step = max(1, len(frame) // pieces)
    parts = [table.slice(start, step) for start in range(0, len(frame), step)]
    return pa.concat_tables(parts).to_pandas()


@pytest.fixture
def figures() -> pd.DataFrame:
    n = 60
    return _chunked(pd.DataFrame({
        "figure_id": [f"f{i % 50:02d}" for i in range(n)],  # ten ids repeated, as a hand-edited table may
        "published": [f"2020-01-{1 + i % 28:02d}" for i in range(n)],
        "outlet": [["A", "B", "C"][i % 3] for i in range(n)],
        "reviewed": ["" if i % 4 else "confirmed" for i in range(n)],
        "confidence": [i / n for i in range(n)],
        "reasons": [f"metric: cue {i} | period: 'in 2020'" for i in range(n)],
        "source_country": [["USA", "CHN", ""][i % 3] for i in range(n)],
        "target_country": [["KAZ", "KAZ", "IND"][i % 3] for i in range(n)],
        "value": [float(i) for i in range(n)],
    }), pieces=7)


def test_positions_are_first_rows_and_say_what_is_absent(figures: pd.DataFrame) -> None:
    positions = Positions(figures["figure_id"])
    expected: dict[str, int] = {}
    for i, figure_id in enumerate(figures["figure_id"]):
        expected.setdefault(figure_id, i)
    assert {k: positions[k] for k in expected} == expected
    assert "f99" not in positions and 7 not in positions
    with pytest.raises(KeyError):
        positions["f99"]


def test_citations_and_confidences_are_the_rows_cells(figures: pd.DataFrame) -> None:
    positions = Positions(figures["figure_id"])
    citations, confidences = Citations(positions, figures), Confidences(positions, figures)
    for figure_id in ("f00", "f13", "f49"):
        row = figures.iloc[positions[figure_id]]
        assert citations[figure_id] == (row["published"], row["outlet"], row["reviewed"])
        assert confidences[figure_id] == (row["confidence"], row["reviewed"], row["reasons"].split(" | ")[0])
    assert confidences.get("f99", None) is None and "f99" not in citations


def test_remembered_positions_and_reasons_answer_as_the_tables_do(figures: pd.DataFrame) -> None:
    unique = figures.iloc[:50].reset_index(drop=True)  # f00..f49 once each
    for frame in (unique, figures):  # in ``figures`` ids repeat: nothing is remembered, answers stay the same
        positions, confidences = Positions(frame["figure_id"]), Confidences(Positions(frame["figure_id"]), frame)
        before = {i: (positions[i], confidences[i]) for i in frame["figure_id"]}
        rows = np.arange(len(frame))[::3]
        positions.remember(frame["figure_id"].iloc[rows].tolist(), rows)
        confidences.remember(rows, frame["reasons"].iloc[rows].tolist())
        assert {i: (positions[i], confidences[i]) for i in frame["figure_id"]} == before
        assert "f99" not in positions and "f07" in positions
    with pytest.raises(ValueError):  # the ids and rows must pair up
        Positions(unique["figure_id"]).remember(["f01", "f02"], [1])


def test_take_rows_is_iloc_without_the_copy(figures: pd.DataFrame) -> None:
    mixed = figures.copy()  # columns chunked two ways, and one in a single chunk
    mixed["outlet"] = _chunked(figures[["outlet"]], pieces=3)["outlet"]
    mixed["reviewed"] = pd.Series(pa.chunked_array([pa.array(figures["reviewed"].tolist())]).to_pandas())
    for frame in (figures, mixed):
        for positions in (np.array([0, 3, 9, 10, 11, 59]), np.arange(60), np.array([59]), np.array([], dtype=np.int64),
                          np.arange(8, 17)):
            pd.testing.assert_frame_equal(take_rows(frame, positions), frame.iloc[positions])


def test_pair_index_finds_each_pairs_rows_in_order(figures: pd.DataFrame) -> None:
    pairs = PairIndex(figures)
    for source, target in (("USA", "KAZ"), ("", "IND"), ("CHN", "KAZ")):
        mask = (figures["source_country"] == source) & (figures["target_country"] == target)
        assert pairs.rows(source, target).tolist() == np.flatnonzero(mask.to_numpy()).tolist()
    assert pairs.rows("USA", "IND").tolist() == [] and pairs.rows("XXX", "KAZ").tolist() == []


def test_fact_of_figure_reads_the_facts_lists() -> None:
    facts = _chunked(pd.DataFrame({"fact_id": ["x1", "x2", "x3"], "figure_ids": ["f1;f2", "f3", ""]}), pieces=2)
    lookup = FactOfFigure(facts)
    assert lookup.of_figures(["f2", "f3", "f9", ""]) == {"f2": "x1", "f3": "x2"}
    assert lookup["f1"] == "x1" and lookup.get("f9", "") == ""
    assert dict(lookup.items()) == {"f1": "x1", "f2": "x1", "f3": "x2"}


def test_rows_read_many_cells_at_once_in_any_order(figures: pd.DataFrame) -> None:
    rows = Rows(figures)
    for column in ("outlet", "confidence", "reasons"):
        assert rows.cells([9, 2, 40, 2, 59], column) == [figures[column].iat[p] for p in (9, 2, 40, 2, 59)]
    assert rows.cells([], "outlet") == []
    mixed = figures.copy()  # columns chunked two ways
    mixed["outlet"] = _chunked(figures[["outlet"]], pieces=3)["outlet"]
    for frame in (figures, mixed):
        rows = Rows(frame)
        assert len({rows._column(c).num_chunks for c in ("outlet", "reasons")}) == (1 if frame is figures else 2)
        for positions in ([9, 2, 40, 2, 59], [], [0], list(range(60))[::-1]):
            columns = ("outlet", "confidence", "reasons", "published")
            assert rows.many_cells(positions, columns) == {c: rows.cells(positions, c) for c in columns}
        remembered = Rows(frame)  # the cells of some rows kept: the same answers, kept or not
        some = np.arange(0, 60, 2)
        remembered.remember(some, frame.iloc[some], ("outlet", "confidence", "reasons"))
        for positions in ([2, 4, 2], [2, 3], list(range(60))):
            columns = ("outlet", "confidence", "reasons", "published")
            assert remembered.many_cells(positions, columns) == {c: rows.cells(positions, c) for c in columns}
