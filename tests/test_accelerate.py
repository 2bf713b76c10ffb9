"""The compiled build of the rules is used only when it was made from the sources as they are now: an
edited rule never runs as its older compiled self, and a failed compile leaves the last build alone."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from etl import accelerate

ROOT = Path(__file__).resolve().parent.parent


def _copy_sources(root: Path) -> None:
    (root / "etl").mkdir(parents=True)
    for path in accelerate.sources(ROOT):
        shutil.copy(path, root / "etl" / path.name)


def test_the_digest_follows_every_compiled_source(tmp_path: Path) -> None:
    _copy_sources(tmp_path)
    before = accelerate.digest(tmp_path)
    assert before == accelerate.digest(ROOT)
    for name in ("periods", "text"):
        source = tmp_path / "etl" / f"{name}.py"
        kept = source.read_bytes()
        source.write_bytes(kept + b"\n# an edit\n")
        assert accelerate.digest(tmp_path) != before, name
        source.write_bytes(kept)
    assert accelerate.digest(tmp_path) == before


def test_a_build_of_other_sources_or_none_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _copy_sources(tmp_path)
    compiled = tmp_path / "build" / "compiled"
    monkeypatch.delenv(accelerate.PURE_VARIABLE, raising=False)
    assert accelerate._usable(tmp_path, compiled)[0].startswith("no compiled build")
    compiled.mkdir(parents=True)
    (compiled / accelerate.STAMP).write_text("{not json", encoding="utf-8")
    assert accelerate._usable(tmp_path, compiled)[0].startswith("no compiled build")
    (compiled / accelerate.STAMP).write_text(json.dumps({"digest": "0" * 64, "runtime": "x__mypyc"}), encoding="utf-8")
    assert "other sources" in accelerate._usable(tmp_path, compiled)[0]
    (compiled / accelerate.STAMP).write_text(json.dumps({"digest": accelerate.digest(tmp_path), "runtime": 3}),
                                             encoding="utf-8")
    assert "other sources" in accelerate._usable(tmp_path, compiled)[0]
    monkeypatch.setenv(accelerate.PURE_VARIABLE, "1")
    assert accelerate._usable(tmp_path, compiled) == ("FLOWCITE_PURE is set", "")


def _run(code: str, env: dict[str, str]) -> str:
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


WHICH = "import etl.extract, etl.accelerate as a; print(etl.extract.__file__); print(a.status())"


def test_an_edited_source_runs_as_python_until_it_is_compiled_again(tmp_path: Path) -> None:
    """A copy of the project with a compiled build beside it: the build runs; after an edit to one rule
    module, every module runs from its source (one module compiled and its neighbour not is no mix
    anybody tested)."""
    env = {k: v for k, v in os.environ.items() if k != accelerate.PURE_VARIABLE}
    status = _run(WHICH, env).splitlines()[-1]
    if not status.startswith("compiled"):
        if os.environ.get("FLOWCITE_REQUIRE_COMPILED"):
            pytest.fail(f"no usable compiled build: {status}")
        pytest.skip(f"no usable compiled build on this machine ({status}); `make compile` builds one")
    copy = tmp_path / "project"
    shutil.copytree(ROOT / "etl", copy / "etl", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "build" / "compiled", copy / "build" / "compiled")
    env["PYTHONPATH"] = str(copy)
    code = f"import sys; sys.path.insert(0, {str(copy)!r}); " + WHICH
    where, status = _run(code, env).splitlines()
    assert where.endswith(".so") and Path(where).is_relative_to(copy / "build"), where
    assert status.startswith("compiled")
    periods = copy / "etl" / "periods.py"
    periods.write_text(periods.read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")
    where, status = _run(code, env).splitlines()
    assert where == str(copy / "etl" / "extract.py")
    assert "other sources" in status
    env[accelerate.PURE_VARIABLE] = "1"
    periods.write_text(periods.read_text(encoding="utf-8").removesuffix("\n# an edit\n"), encoding="utf-8")
    where, status = _run(code, env).splitlines()
    assert where == str(copy / "etl" / "extract.py") and status == "pure Python: FLOWCITE_PURE is set"


def test_a_failed_compile_says_so_in_one_line_and_keeps_the_last_build(tmp_path: Path) -> None:
    """A compiler that fails (here an interpreter that prints what mypy prints for a type error) leaves one
    line naming the first error, the last build as it was, and no half-made build beside it."""
    _copy_sources(tmp_path)
    failing = tmp_path / "failing-python"
    failing.write_text("#!/bin/sh\necho 'etl/text.py:140: error: Incompatible return value type (got \"int\", "
                       "expected \"str\")  [return-value]'\necho 'etl/text.py:150: error: Name \"x\" is not "
                       "defined  [name-defined]'\necho 'Found 2 errors in 1 file' >&2\nexit 1\n", encoding="utf-8")
    failing.chmod(0o755)
    compiled = tmp_path / "build" / "compiled"
    compiled.mkdir(parents=True)
    (compiled / "kept").write_text("the last build", encoding="utf-8")
    message = accelerate.build(tmp_path, compiled, python=str(failing))
    assert message == ("not compiled, the rules run as Python (etl/text.py:140: error: Incompatible return value "
                       'type (got "int", expected "str")  [return-value], and 1 more error)')
    assert (compiled / "kept").read_text(encoding="utf-8") == "the last build"
    assert sorted(p.name for p in compiled.parent.iterdir()) == ["compiled"]  # no half-made build left
    missing = accelerate.build(tmp_path, compiled, python=str(tmp_path / "no-such-python"))
    assert missing.startswith("not compiled, the rules run as Python (FileNotFoundError") and "\n" not in missing
