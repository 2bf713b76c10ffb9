"""flowcite ETL: investment articles in, cited-figure CSVs with provenance out.

``python -m etl`` is the command line (``etl.cli``). What is imported here is the interface the
dashboard uses, and the only one:

- ``preview``: read and extract one uploaded article without saving it; ``with_metadata``: give an
  upload the outlet and author the analyst typed;
- ``add_articles`` / ``record_decisions``: change a data folder (articles, processed tables, review
  log) under its lock, keeping the three in agreement; ``check_log`` reads the log and tells which
  decisions no longer apply, changing nothing;
- ``review_log_problems``: the log's rows that cannot be applied, one line each;
- the vocabularies (``KINDS``, ``METRICS``, ``BASES``, ``QUALIFIERS``, ``EDITABLE``) the forms offer;
- ``parse_value``: a value typed as printed ('48.5 billion', '$48.5bn') in base units;
- ``atomic_write_files``: write files the way the ETL writes its own (temp file, rename, the mode a
  plain write would give them);
- ``fetch_upload``: an article by its address, fetched safely and kept with it (``FetchError`` says why
  not); ``read_only``: whether every write path refuses (``FLOWCITE_READ_ONLY``);
- ``read_parquet_table``: a processed table from the Parquet beside its CSV, when that was made from
  the CSV as it is now (else None: read the CSV);
- ``review_queue`` and ``DEFAULT_THRESHOLD``: the unreviewed figures least confident first, and the
  confidence under which a figure nobody reviewed is marked.
"""

from etl import accelerate  # noqa: F401 - first: the compiled modules, when built from these sources
from etl.access import ReadOnlyError, read_only
from etl.errors import InputError
from etl.fetch import FetchError
from etl.field_rules import FieldValueError, parse_value
from etl.parquet import read_parquet_table
from etl.queue import DEFAULT_THRESHOLD, QueueEntry, review_queue
from etl.reviews import Decision, ReviewLogError
from etl.store import (
    DataFolder,
    Upload,
    add_articles,
    added_figure_id,
    check_log,
    fetch_upload,
    pasted_article,
    preview,
    record_decisions,
    review_log_problems,
    with_metadata,
)
from etl.vocabulary import BASES, EDITABLE, KINDS, METRICS, QUALIFIERS
from etl.write import atomic_write_files

__version__ = "0.1.0"
__all__ = ["BASES", "DEFAULT_THRESHOLD", "EDITABLE", "KINDS", "METRICS", "QUALIFIERS", "DataFolder", "Decision",
           "FetchError", "FieldValueError", "InputError", "QueueEntry", "ReadOnlyError", "ReviewLogError", "Upload",
           "add_articles", "added_figure_id", "atomic_write_files", "check_log", "fetch_upload", "parse_value",
           "pasted_article", "preview", "read_only", "read_parquet_table", "record_decisions", "review_log_problems",
           "review_queue", "with_metadata"]
