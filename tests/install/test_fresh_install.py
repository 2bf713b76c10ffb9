"""A fresh install as a new user makes it: a new venv with the pip that ships with Python (no upgrade),
``pip install .``, then an HTML article extracted and every module imported.

It needs the package registry, so it is not part of ``make test``: ``make check-install`` runs it, and
so does CI (``.ci/run``) before the suite.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
IMPORT_ALL = """
import importlib, pkgutil, etl, dashboard
names = [m.name for p in (etl, dashboard) for m in pkgutil.walk_packages(p.__path__, p.__name__ + '.')
         if not m.name.endswith('__main__')]
for name in names:
    importlib.import_module(name)
print(len(names))
"""


def _bundled_pip_version() -> str:
    import ensurepip

    return ensurepip.version()


@pytest.mark.install
def test_fresh_venv_with_bundled_pip_extracts_html(tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    for package in ("etl", "dashboard"):
        shutil.copytree(ROOT / package, source / package, ignore=shutil.ignore_patterns("__pycache__"))
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    pip_version = subprocess.run([python, "-m", "pip", "--version"], capture_output=True, text=True, check=True)
    assert pip_version.stdout.split()[1] == _bundled_pip_version(), pip_version.stdout

    install = subprocess.run([python, "-m", "pip", "install", "--quiet", str(source)], capture_output=True,
                             text=True, timeout=900)
    assert install.returncode == 0, install.stderr[-3000:]

    out = tmp_path / "out"
    article = ROOT / "data" / "articles" / "dev-003.html"
    run = subprocess.run([python, "-m", "etl", "extract", str(article), "--out", str(out), "--no-cache"],
                         capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "internal error" not in run.stderr
    with (out / "figures.csv").open(newline="", encoding="utf-8") as handle:
        figures = list(csv.DictReader(handle))
    assert len(figures) >= 5 and {f["kind"] for f in figures} >= {"money"}

    imported = subprocess.run([python, "-c", IMPORT_ALL], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr[-3000:]
    assert int(imported.stdout.strip()) > 20


