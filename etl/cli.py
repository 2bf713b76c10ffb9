"""Command line (``python -m etl``, in the project's venv): ``extract`` and ``validate`` the tables;
``add``, ``decide`` and ``review`` a data folder. Messages go to stderr, one line each."""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from etl import accelerate
from etl.access import ReadOnlyError, check_writable
from etl.errors import InputError
from etl.pipeline import extract_to
from etl.queue import review_queue
from etl.reviews import Decision, ReviewLogError, SkippedRow
from etl.reviews import validate as validate_decision
from etl.store import (
    DataFolder,
    Upload,
    add_articles,
    added_figure_id,
    check_log,
    fetch_upload,
    find_figure,
    record_decisions,
)
from etl.validate import validate_folder

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="flowcite ETL: cited investment figures from news articles.")
err = Console(stderr=True)


@app.command()
def extract(
    inputs: Annotated[list[Path], typer.Argument(help="Article files (.txt, .md, .html) or folders of them.")],
    out: Annotated[Path, typer.Option("--out", help="Folder for the CSVs and datapackage.json.")],
    workers: Annotated[int, typer.Option(help="Processes to use (0: one per core).")] = 0,
    reviews: Annotated[Path | None, typer.Option(
        help="Review log to apply (default: reviews.csv beside the --out folder, when there is one).")] = None,
    engine: Annotated[str, typer.Option(help="local (this machine's cores) or dask (a Dask cluster).")] = "local",
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler address, e.g. tcp://10.0.0.5:8786.")] = None,
    cache: Annotated[bool, typer.Option(help="Reuse earlier extractions of unchanged articles.")] = True,
) -> None:
    """Extract every cited figure and write articles, figures, derived, facts and texts CSVs."""
    refuse_if_read_only("writing the tables", out)
    if engine not in ("local", "dask"):
        print(f"unknown engine {engine!r}: use local or dask", file=sys.stderr)
        raise typer.Exit(2)
    if engine == "dask" and not scheduler:
        print("--engine dask needs --scheduler ADDRESS", file=sys.stderr)
        raise typer.Exit(2)
    if reviews is None and (out.parent / "reviews.csv").is_file():
        reviews = out.parent / "reviews.csv"
    with Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=True, disable=not err.is_terminal) as progress:
        task = progress.add_task("extract", total=None)

        def report(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        try:
            result = extract_to(inputs, out, workers=workers or None, reviews=reviews, engine=engine,
                                scheduler=scheduler, use_cache=cache, on_progress=report)
        except ReviewLogError as error:
            print(f"{error}; nothing written", file=sys.stderr)
            raise typer.Exit(2) from error
    for failure in result.failures:
        print(failure.message, file=sys.stderr)
    for duplicate, original in result.duplicates:
        print(f"{duplicate}: same content as {original}; counted once", file=sys.stderr)
    for problem in result.parquet_problems:
        print(problem, file=sys.stderr)
    report_undated(out / "articles.csv")
    if not result.article_count and result.failures:
        print(f"nothing written to {out}: no article could be read", file=sys.stderr)
    report_skipped(result.skipped_reviews)
    report_unapplied(result.unapplied)
    print(f"{result.article_count} articles, {result.figure_count} figures, {len(result.failures)} failures, "
          f"{result.seconds:.2f} s ({result.cache_hits} from cache)", file=sys.stderr)
    if result.failures or not result.article_count:
        raise typer.Exit(1)


def refuse_if_read_only(what: str, where: Path) -> None:
    """One line and exit status 2 when flowcite runs read-only (the message is etl.access's)."""
    try:
        check_writable(what, str(where))
    except ReadOnlyError as error:
        print(str(error), file=sys.stderr)
        raise typer.Exit(2) from error


def report_undated(articles_csv: Path) -> None:
    """One stderr line per article without a publication date (the ``undated`` column of articles.csv)."""
    try:
        with articles_csv.open(encoding="utf-8", newline="") as handle:
            undated = [row.get("source_file", "") for row in csv.DictReader(handle) if row.get("undated") == "True"]
    except OSError:
        return
    for name in undated:
        print(f"{name}: no publication date found; periods that depend on it ('this year', 'last quarter') are "
              "left empty", file=sys.stderr)


def report_skipped(rows: list[SkippedRow]) -> None:
    for row in rows:
        print(str(row), file=sys.stderr)


def report_unapplied(unapplied: list[tuple[Decision, str]]) -> None:
    for decision, why in unapplied:
        print(f"review {decision.review_id} ({decision.action} {decision.field or ''} on figure {decision.figure_id} "
              f"by {decision.reviewer}, {decision.timestamp}) no longer applies: {why}", file=sys.stderr)


@app.command()
def add(
    sources: Annotated[list[str], typer.Argument(help="Article files (.txt, .md, .html) or http(s) addresses.",
                                                 metavar="FILE_OR_URL...")],
    data: Annotated[Path, typer.Option(help="The data folder: articles/, processed/, reviews.csv.")] = Path("data"),
) -> None:
    """Add articles — files, or pages by their address — to the data folder and rebuild its processed tables
    (as the Add articles page does). A fetched page is kept with its address and time."""
    folder = DataFolder(data)
    refuse_if_read_only("adding articles", data)
    uploads = []
    failures = []
    for source in sources:
        if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", source):
            try:
                uploads.append(fetch_upload(folder, source))
            except InputError as error:
                failures.append(str(error))
            continue
        path = Path(source)
        try:
            uploads.append(Upload(path.name, path.read_bytes()))
        except OSError as error:
            failures.append(f"{path.name}: cannot be read ({error.strerror or error})")
    try:
        outcome = add_articles(folder, uploads)
    except ReviewLogError as error:
        print(f"{error}; nothing saved", file=sys.stderr)
        raise typer.Exit(2) from error
    for line in failures + outcome.failures:
        print(line, file=sys.stderr)
    for upload, existing in outcome.duplicates:
        print(f"{upload}: already in the corpus as {existing}; not added again", file=sys.stderr)
    for name, _, count in outcome.saved:
        note = " (no figures found: saved with this note)" if count == 0 else ""
        print(f"added {name}: {count} figures{note}")
    if outcome.result:
        report_skipped(outcome.result.skipped_reviews)
        report_unapplied(outcome.result.unapplied)
    if failures or outcome.failures:
        raise typer.Exit(1)


@app.command()
def decide(
    figure: Annotated[str, typer.Option(help="figure_id (for add: the article_id)")],
    action: Annotated[str, typer.Option(help="confirm, correct, reject, restore or add")],
    reviewer: Annotated[str, typer.Option(help="who decides")],
    field: Annotated[str, typer.Option(help="the field to correct")] = "",
    value: Annotated[str, typer.Option(help="the corrected value; for add, the figure's fields as JSON")] = "",
    note: Annotated[str, typer.Option(help="why")] = "",
    data: Annotated[Path, typer.Option(help="The data folder: articles/, processed/, reviews.csv.")] = Path("data"),
) -> None:
    """Record one review decision in the log and rebuild the processed tables with it applied."""
    folder = DataFolder(data)
    refuse_if_read_only("recording decisions", data)
    article_id, old = "", ""
    figures = folder.processed / "figures.csv"
    if action == "add":
        try:
            article_id, figure = figure, added_figure_id(folder, figure, value)
        except InputError as error:
            print(str(error), file=sys.stderr)
            raise typer.Exit(1) from error
    else:
        try:
            row = find_figure(figures, figure)
        except InputError as error:
            print(str(error), file=sys.stderr)
            raise typer.Exit(1) from error
        if row is None:
            print(f"figure {figure} is not in {figures}", file=sys.stderr)
            raise typer.Exit(1)
        article_id, old = row.get("article_id") or "", (row.get(field) or "") if field else ""
    decision = Decision(figure_id=figure, article_id=article_id, action=action, field=field, old_value=old,
                        new_value=value, reviewer=reviewer, note=note)
    problem = validate_decision(decision)
    if problem:  # refused before the folder is touched
        print(f"cannot record the decision on {figure}: {problem}; nothing written", file=sys.stderr)
        raise typer.Exit(1)
    try:
        recorded, result = record_decisions(folder, [decision])
    except (ReviewLogError, InputError) as error:
        print(str(error), file=sys.stderr)
        raise typer.Exit(1) from error
    report_skipped(result.skipped_reviews)
    report_unapplied(result.unapplied)
    print(f"recorded {recorded[0].review_id}: {action} {field} on {figure}".replace("  ", " "))


@app.command()
def review(
    data: Annotated[Path, typer.Option(help="The data folder: articles/, processed/, reviews.csv.")] = Path("data"),
    queue: Annotated[bool, typer.Option("--queue", help="List the unreviewed figures, least confident first.")] = False,
    limit: Annotated[int, typer.Option(help="With --queue: how many figures to list.", min=1)] = 20,
) -> None:
    """Check the review log, changing nothing: rows that cannot be applied, decisions that no longer apply.
    With --queue: the figures most likely to be wrong, with the field in doubt and why."""
    if queue:
        print_queue(DataFolder(data), limit)
        return
    try:
        checked = check_log(DataFolder(data))
    except ReviewLogError as error:
        print(str(error), file=sys.stderr)
        raise typer.Exit(1) from error
    report_skipped(checked.skipped)
    report_unapplied(checked.unapplied)
    count, gone = len(checked.decisions), len(checked.unapplied)
    print(f"{DataFolder(data).reviews}: {count} decisions, {count - gone} apply, {gone} no longer apply, "
          f"{len(checked.skipped)} rows skipped")
    if checked.unapplied or checked.skipped:
        raise typer.Exit(1)


def _read_rows(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            return list(csv.DictReader(handle))
    except FileNotFoundError:
        raise InputError(str(path), "not found; build the tables with `make data` or `python -m etl extract`") from None
    except (UnicodeDecodeError, csv.Error) as error:
        raise InputError(str(path), f"not a readable CSV ({error})") from None


def print_queue(folder: DataFolder, limit: int) -> None:
    """The review queue as a table on stdout; a missing or damaged table is one line on stderr."""
    figures_csv, articles_csv = folder.processed / "figures.csv", folder.processed / "articles.csv"
    try:
        entries = review_queue(_read_rows(figures_csv), source=str(figures_csv))
        titles = {row.get("article_id", ""): row.get("title", "") for row in _read_rows(articles_csv)}
    except InputError as error:
        print(str(error), file=sys.stderr)
        raise typer.Exit(1) from error
    table = Table(title=f"Needs a look: {min(limit, len(entries))} of {len(entries)} unreviewed figures, "
                        "least confident first", show_lines=False)
    for column in ("confidence", "figure", "article", "doubtful field", "reason"):
        table.add_column(column, overflow="fold", justify="right" if column == "confidence" else "left")
    for entry in entries[:limit]:
        title = titles.get(entry.article_id) or entry.article_id
        table.add_row(f"{entry.confidence:.2f}", escape(entry.text), escape(title[:60]), entry.doubtful_field,
                      escape(entry.reason))
    Console(width=max(120, Console().width)).print(table)


@app.command(name="compile")
def compile_rules(
    show: Annotated[bool, typer.Option("--status", help="Only tell which code runs now, and why.")] = False,
) -> None:
    """Compile the extraction's modules with mypyc into build/compiled (1.2-1.3x faster); without a C
    compiler the same rules run as Python."""
    print(accelerate.status() if show else accelerate.build())


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
