"""flowcite ETL: investment articles in, cited-figure CSVs with provenance out.

The public interface, the only one the dashboard uses:

- ``run_pipeline`` / ``write_outputs``: extract a corpus (applying a review log) and write the tables;
- ``preview``: read and extract one uploaded article without saving it;
- ``add_articles`` / ``record_decisions`` / ``check_log``: change a data folder (articles, processed
  tables, review log) under its lock, keeping the three in agreement.
"""

from etl.errors import InputError
from etl.pipeline import PipelineResult, run_pipeline, write_outputs
from etl.reviews import EDITABLE, Decision, ReviewLogError
from etl.store import (
    DataFolder,
    Upload,
    add_articles,
    added_figure_id,
    check_log,
    pasted_article,
    preview,
    record_decisions,
    safe_name,
)

__version__ = "0.1.0"
__all__ = ["EDITABLE", "DataFolder", "Decision", "InputError", "PipelineResult", "ReviewLogError", "Upload",
           "add_articles", "added_figure_id", "check_log", "pasted_article", "preview", "record_decisions",
           "run_pipeline", "safe_name", "write_outputs"]
