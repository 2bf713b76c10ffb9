"""flowcite ETL: investment articles in, cited-figure CSVs with provenance out.

The public entry point is :func:`etl.pipeline.run_pipeline`.
"""

__version__ = "0.1.0"
