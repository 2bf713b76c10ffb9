"""Validate an output folder against its datapackage.json with Frictionless."""

from __future__ import annotations

from pathlib import Path


def validate_folder(folder: Path) -> list[str]:
    """One line per problem (resource, row, field, reason); empty when the package is valid."""
    descriptor = folder / "datapackage.json"
    if not descriptor.is_file():
        return [f"{descriptor}: missing (run 'python -m etl extract ... --out {folder}')"]
    from frictionless import Package, system

    with system.use_context(trusted=True):
        report = Package(str(descriptor)).validate()
    problems = []
    for task in report.tasks:
        for error in task.errors:
            row = getattr(error, "row_number", None)
            field = getattr(error, "field_name", None)
            where = ", ".join(part for part in (f"row {row}" if row else "", f"field {field}" if field else "")
                              if part)
            file = f"{task.name[:-len('-parquet')]}.parquet" if task.name.endswith("-parquet") else f"{task.name}.csv"
            problems.append(f"{file}{' (' + where + ')' if where else ''}: {error.message}")
    for error in report.errors:
        problems.append(f"datapackage.json: {error.message}")
    return problems
