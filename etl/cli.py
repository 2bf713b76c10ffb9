"""Command line: ``python -m etl extract INPUT... --out DIR`` and ``python -m etl validate DIR``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from etl.pipeline import run_pipeline, write_outputs
from etl.validate import validate_folder

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="flowcite ETL: cited investment figures from news articles.")
err = Console(stderr=True)


@app.command()
def extract(
    inputs: Annotated[list[Path], typer.Argument(help="Article files (.txt, .md, .html) or folders of them.")],
    out: Annotated[Path, typer.Option("--out", help="Folder for the CSVs and datapackage.json.")],
    workers: Annotated[int, typer.Option(help="Processes to use (0: one per core).")] = 0,
) -> None:
    """Extract every cited figure and write articles, figures, derived and facts CSVs."""
    with Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=True, disable=not err.is_terminal) as progress:
        task = progress.add_task("extract", total=None)

        def report(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        result = run_pipeline(inputs, workers=workers or None, on_progress=report)
    for failure in result.failures:
        print(failure.message, file=sys.stderr)
    for duplicate, original in result.duplicates:
        print(f"{duplicate}: same content as {original}; counted once", file=sys.stderr)
    if result.articles:
        write_outputs(result, out)
    elif result.failures:
        print(f"nothing written to {out}: no article could be read", file=sys.stderr)
    print(f"{len(result.articles)} articles, {len(result.figures)} figures, {len(result.failures)} failures, "
          f"{result.seconds:.2f} s", file=sys.stderr)
    if result.failures or not result.articles:
        raise typer.Exit(1)


@app.command()
def validate(folder: Annotated[Path, typer.Argument(help="An output folder of 'extract'.")]) -> None:
    """Check the CSVs against datapackage.json: one line per problem."""
    problems = validate_folder(folder)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        raise typer.Exit(1)
    print(f"{folder}: valid")


def main() -> None:
    app()
