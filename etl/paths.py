"""Where the project keeps its data. Imports nothing else of the package."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
ARTICLES = DATA / "articles"
PROCESSED = DATA / "processed"
LEXICONS = Path(__file__).resolve().parent / "lexicons"
