"""Companies and bodies named with a figure: 'with companies such as Boeing, GE Digital and Chevron'."""

from __future__ import annotations

import re

from etl.countries import find_countries

NAME = r"[A-Z][\w&.'’-]*(?:\s+(?:[A-Z][\w&.'’-]*|of|and|&)){0,4}"
LIST = re.compile(rf"(?:companies|firms|corporations|groups|lenders|banks|businesses|carriers|airlines|"
                  rf"manufacturers|such\s+as|including|like)\s+(?:such\s+as\s+|including\s+|like\s+)?"
                  rf"(?P<list>{NAME}(?:\s*,\s*{NAME})*(?:,?\s+and\s+{NAME})?)")
WITH = re.compile(rf"\b(?:deals?|agreements?|contracts?)\s+with\s+(?P<list>{NAME})")
ACRONYM = re.compile(r"\((?P<list>[A-Z]{3,6})\)")
FOR = re.compile(rf"\bfor\s+(?P<list>(?:Air|Bank|Fund)\s+{NAME}|{NAME}\s+(?:Airlines|Airways|Corporation|"
                 rf"Company|Group|Bank|Fund|Agency|Holding|Inc\.?|Ltd\.?|LLC|PLC|AG|SA))\b")
STOP = {"The", "A", "An", "In", "On", "At", "For", "President", "Prime", "Minister", "Mr", "Ms"}


def _split(names: str) -> list[str]:
    parts = re.split(r"\s*,\s*|\s+and\s+", names)
    return [p.strip(" .") for p in parts if p.strip(" .")]


def find_entities(sentence: str) -> list[str]:
    """Organisation names in a sentence, in order, without countries or duplicates."""
    found: list[str] = []
    for pattern in (LIST, WITH, FOR, ACRONYM):
        for match in pattern.finditer(sentence):
            for name in _split(match.group("list")):
                if name.split()[0] in STOP or find_countries(name) and len(name.split()) == 1:
                    continue
                if name not in found:
                    found.append(name)
    return found
