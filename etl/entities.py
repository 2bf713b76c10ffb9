"""Companies and bodies named with a figure: 'with companies such as Boeing, GE Digital and Chevron'.

Read from the figure's sentence and from a next sentence that continues it ('Agreements were struck
with companies such as …'). Names are taken from lists after company nouns, from 'deals with X',
from capitalised names ending in an organisation word, and from acronyms of such names.
"""

from __future__ import annotations

import re
from functools import lru_cache

from etl.countries import find_countries

ORG_WORDS = (r"Airlines|Airways|Bank|Fund|Agency|Corporation|Corp\.?|Company|Group|Holdings?|Inc\.?|Ltd\.?|LLC|"
             r"PLC|AG|SA|JSC|PJSC|Motors|Petroleum|Telecom|Partners|Investments|Authority|Council|Commission|"
             r"Development\s+Bank|Railways|Energy|Mining")
CAP = r"[A-Z][\w&'’.-]*"
NAME = rf"{CAP}(?:\s+(?:{CAP}|of|for|and|&)){{0,5}}"
LIST = re.compile(rf"(?:companies|firms|corporations|groups|lenders|banks|businesses|carriers|airlines|"
                  rf"manufacturers|investors)\s+(?:such\s+as|including|like|as)\s+"
                  rf"(?P<list>{CAP}(?:\s+{CAP}){{0,3}}(?:\s*,\s*{CAP}(?:\s+{CAP}){{0,3}})*"
                  rf"(?:,?\s+and\s+{CAP}(?:\s+{CAP}){{0,3}})?)")
WITH = re.compile(rf"\b(?:deals?|agreements?|contracts?|partnership|venture)\s+with\s+"
                  rf"(?P<list>{CAP}(?:\s+{CAP}){{0,3}})")
ORG = re.compile(rf"(?<![\w&'’.-])(?P<list>(?:Air\s+{CAP})|(?:{CAP}\s+){{0,4}}(?:{ORG_WORDS})(?:\s+(?:for|of)\s+{CAP}"
                 rf"(?:\s+(?:and\s+)?{CAP}){{0,4}})?)\b(?:\s*\((?P<acronym>[A-Z][A-Za-z]{{1,6}})\))?")
CONTINUES = re.compile(r"^(?:Agreements|Deals|Contracts|The\s+(?:deals|agreements|contracts|package)|These|They|"
                       r"Under\s+the)\b|such\s+as", re.IGNORECASE)
STOP = {"The", "A", "An", "In", "On", "At", "For", "President", "Prime", "Minister", "Mr", "Ms", "Foreign",
        "Under", "Official", "State", "National", "Central", "Ministry", "Deputy"}


def _split(names: str) -> list[str]:
    parts = re.split(r"\s*,\s*|\s+and\s+(?=[A-Z])", names)
    return [re.sub(r"^[A-Z][\w.]*[’']s\s+", "", p).strip(" .") for p in parts if p.strip(" .")]


def _is_name(name: str) -> bool:
    words = name.split()
    if not words or words[0] in STOP:
        return False
    # a one-word country name is no company; a company named for its country ('Boeing') still is one
    return not (len(words) == 1 and any(not m.is_company for m in find_countries(name)))


def find_entities(sentence: str, following: str = "") -> list[str]:
    """Organisation names in a sentence (and a sentence that continues it), in order, without duplicates."""
    return list(_entities(sentence, following))


@lru_cache(maxsize=64)  # the figures of a sentence ask the same question
def _entities(sentence: str, following: str) -> tuple[str, ...]:
    found: list[str] = []
    chunks = [sentence] + ([following] if following and CONTINUES.search(following) else [])
    for chunk in chunks:
        for pattern in (LIST, WITH, ORG):
            for match in pattern.finditer(chunk):
                names = [match.groupdict().get("acronym") or ""] if pattern is ORG and \
                    match.groupdict().get("acronym") else _split(match.group("list"))
                for name in names:
                    if _is_name(name) and name not in found:
                        found.append(name)
    return tuple(found)
