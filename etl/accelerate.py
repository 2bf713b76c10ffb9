"""The extraction's modules compiled to C with mypyc, used when built for exactly these sources.

The rules are plain, typed Python; mypyc (part of mypy) turns the modules of the hot path into C
extensions that run the same code 1.2–1.3 times as fast. The compiled modules live apart from the
sources, in ``build/compiled/``, never beside them: an extension module beside its ``.py`` would be
imported in its place, and an edit to the rules would silently not run. ``activate`` (run as this module is
imported, which ``etl/__init__.py`` does before any other module of the package) puts them ahead of the sources
only when the build's stamp names the digest of the sources as they are now and this Python's ABI; an
edited source, another interpreter, a missing build or ``FLOWCITE_PURE=1`` runs the sources as they
are. Nothing but speed depends on it: a machine with no C compiler runs the same rules in Python.

    python -m etl compile            # compile (make does this; a failure is one line, never fatal)
    python -m etl compile --status   # which code this interpreter runs, and why

``models.py`` stays Python: its frozen dataclasses cross process boundaries, and mypyc's frozen
classes do not unpickle.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMPILED = ROOT / "build" / "compiled"
STAMP = "flowcite-compiled.json"
PURE_VARIABLE = "FLOWCITE_PURE"
MODULES = ("classify", "confidence", "countries", "dates", "derive", "entities", "extract", "facts", "ingest",
           "lexicon", "memo", "mentions", "numbers", "page_copy", "periods", "segments", "sides", "text", "write")
BUILD_SECONDS = 1800

_state = {"active": False, "why": "not checked yet"}


def sources(root: Path = ROOT) -> list[Path]:
    return [root / "etl" / f"{name}.py" for name in MODULES]


def digest(root: Path = ROOT) -> str:
    """What a build must have been made from: this interpreter's ABI and every compiled source's bytes."""
    hashed = hashlib.sha256(f"{sys.implementation.cache_tag} {sysconfig.get_platform()} "
                            f"{sysconfig.get_config_var('EXT_SUFFIX')}\n".encode())
    for path in sources(root):
        hashed.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return hashed.hexdigest()


def activate(root: Path = ROOT, compiled: Path = COMPILED) -> bool:
    """Import the compiled modules in place of the sources when their build matches the sources."""
    why, runtime = _usable(root, compiled)
    if why:
        _state.update(active=False, why=why)
        return False
    sys.path.append(str(compiled))  # the runtime library every compiled module imports
    try:
        importlib.import_module(runtime)
    except ImportError as error:
        sys.path.remove(str(compiled))
        _state.update(active=False, why=f"the compiled runtime does not load ({error})")
        return False
    package = sys.modules["etl"]
    package.__path__.insert(0, str(compiled / "etl"))
    _state.update(active=True, why=f"compiled build in {compiled} matches the sources")
    return True


def _usable(root: Path, compiled: Path) -> tuple[str, str]:
    """('', the build's runtime library) when the build can be used, else (why not, '')."""
    if os.environ.get(PURE_VARIABLE):
        return f"{PURE_VARIABLE} is set", ""
    try:
        stamp = json.loads((compiled / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return f"no compiled build in {compiled} (python -m etl compile)", ""
    try:
        current = digest(root)
    except OSError as error:
        return f"the sources cannot be read ({error})", ""
    if not isinstance(stamp, dict) or stamp.get("digest") != current or not isinstance(stamp.get("runtime"), str):
        return "the compiled build was made from other sources or another Python (python -m etl compile)", ""
    if "etl" not in sys.modules or any(f"etl.{name}" in sys.modules for name in MODULES):
        return "the package's modules were imported before the build was looked for", ""
    return "", stamp["runtime"]


def active() -> bool:
    """True when this interpreter runs the compiled modules."""
    return bool(_state["active"])


def status() -> str:
    return ("compiled: " if active() else "pure Python: ") + str(_state["why"])


_SETUP = """
import sys
from setuptools import setup
from mypyc.build import mypycify
paths, c_dir, lib_dir, temp_dir, jobs = sys.argv[1].split(","), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
setup(name="flowcite-compiled", ext_modules=mypycify(paths, opt_level="3", multi_file=True, target_dir=c_dir),
      script_args=["build_ext", "--build-lib", lib_dir, "--build-temp", temp_dir, "--parallel", jobs])
"""


def build(root: Path = ROOT, compiled: Path = COMPILED, *, python: str = sys.executable) -> str:
    """Compile the modules into ``compiled`` (replaced whole, only once the new build is complete), with
    mypyc run by ``python``. Returns what happened, in one line; never raises for a compiler that is
    missing or fails."""
    expected = digest(root)
    try:
        if json.loads((compiled / STAMP).read_text(encoding="utf-8")).get("digest") == expected:
            return f"compiled build in {compiled} is up to date"
    except (OSError, ValueError, AttributeError):
        pass
    compiled.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="compiled.", dir=compiled.parent))
    try:
        fresh = work / "lib"
        paths = ",".join(str(path.relative_to(root)) for path in sources(root))
        command = [python, "-c", _SETUP, paths, str(work / "c"), str(fresh), str(work / "o"),
                   str(os.cpu_count() or 1)]
        try:
            done = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=BUILD_SECONDS,
                                  check=False)
        except (OSError, subprocess.TimeoutExpired) as error:
            return f"not compiled, the rules run as Python ({type(error).__name__}: {error})"
        if done.returncode != 0:
            lines = [line.strip() for line in (done.stdout + "\n" + done.stderr).splitlines() if line.strip()]
            errors = [line for line in lines if ": error:" in line or line.lower().startswith("error")]
            first = errors[0] if errors else lines[-1] if lines else f"exit {done.returncode}"
            more = f", and {len(errors) - 1} more error{'s' if len(errors) > 2 else ''}" if len(errors) > 1 else ""
            return f"not compiled, the rules run as Python ({first}{more})"
        runtimes = sorted(path.name.split(".")[0] for path in fresh.glob("*__mypyc*"))
        if len(runtimes) != 1:
            return f"not compiled, the rules run as Python (expected one runtime library, found {runtimes})"
        (fresh / STAMP).write_text(json.dumps({"digest": expected, "runtime": runtimes[0]}), encoding="utf-8")
        old = work / "old"
        if compiled.exists():
            compiled.rename(old)
        fresh.rename(compiled)
        return f"compiled {len(MODULES)} modules into {compiled}"
    finally:
        shutil.rmtree(work, ignore_errors=True)


activate()
