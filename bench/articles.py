"""Seeded synthetic investment articles (.txt page copies, .md with front matter, .html pages) with
the figures they cite, for benchmarks: varied outlets, countries, periods and number formats."""

from __future__ import annotations

import html
import json
import random
from dataclasses import dataclass
from pathlib import Path

COUNTRIES = [("United States", "American", "USA"), ("China", "Chinese", "CHN"), ("Japan", "Japanese", "JPN"),
             ("Kazakhstan", "Kazakh", "KAZ"), ("Uzbekistan", "Uzbek", "UZB"), ("Russia", "Russian", "RUS"),
             ("India", "Indian", "IND"), ("Egypt", "Egyptian", "EGY"), ("Germany", "German", "DEU"),
             ("Turkey", "Turkish", "TUR"), ("South Korea", "South Korean", "KOR"), ("France", "French", "FRA")]
OUTLETS = ["Kazinform", "Trend News Agency", "Reuters", "The National", "Daily Sabah", "Nikkei Asia", "Kun.uz",
           "Caspian News", "The Hindu", "Al Bawaba", "Interfax", "Xinhua"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


@dataclass
class Known:
    text: str
    kind: str  # money | percent
    value: float


def _money(rng: random.Random) -> tuple[str, float]:
    amount = round(rng.uniform(0.1, 95), rng.choice([1, 1, 2]))
    whole = f"{amount:g}"
    style = rng.randrange(7)
    if style == 0:
        return f"${whole} billion", amount * 1e9
    if style == 1:
        return f"US${whole} bn", amount * 1e9
    if style == 2:
        return f"USD {whole.replace('.', ',')} billion", amount * 1e9
    if style == 3:
        millions = int(amount * 100)
        return f"${millions:,} million", millions * 1e6
    if style == 4:
        return f"€{whole}bn", amount * 1e9
    if style == 5:
        return f"{whole} billion dollars", amount * 1e9
    return f"${whole}m", amount * 1e6


def _percent(rng: random.Random) -> tuple[str, float]:
    value = round(rng.uniform(0.5, 60), 1)
    text = rng.choice([f"{value:g} percent", f"{value:g}%", f"{value:g} per cent",
                       f"{str(value).replace('.', ',')}%"])
    return text, value


def article(index: int, rng: random.Random) -> tuple[str, str, str, str, list[Known]]:
    """(title, outlet, date, body, known figures) of one synthetic article."""
    (home, home_adj, _), (other, other_adj, _) = rng.sample(COUNTRIES, 2)
    year = rng.randint(2008, 2023)
    month = rng.randint(1, 12)
    date = f"{year}-{month:02d}-{rng.randint(1, 28):02d}"
    known: list[Known] = []
    sentences = []
    for _ in range(rng.randint(3, 6)):
        money, value = _money(rng)
        pct, rate = _percent(rng)
        known += [Known(money, "money", value), Known(pct, "percent", rate)]
        template = rng.randrange(5)
        if template == 0:
            sentences.append(f"{other_adj} investment in {home} reached {money} in the first half of {year}, "
                             f"up {pct} compared with the same period last year.")
        elif template == 1:
            sentences.append(f"Trade between {home} and {other} rose {pct} to {money} in "
                             f"January-{MONTHS[rng.randint(2, 11)]} {year}.")
        elif template == 2:
            sentences.append(f"The two sides signed {rng.randint(3, 40)} agreements worth {money} during the visit, "
                             f"while {other_adj} companies hold a {pct} share of the market.")
        elif template == 3:
            sentences.append(f"{home} expects to attract {money} of foreign direct investment by {year + 3}, "
                             f"a {pct} increase on last year.")
        else:
            sentences.append(f"Since {year - rng.randint(5, 20)}, {other} has invested {money} in {home}, "
                             f"about {pct} of all foreign capital.")
        if rng.random() < 0.5:
            sentences.append(f"Officials met in the capital on {rng.choice(['Monday', 'Tuesday', 'Friday'])} to "
                             f"discuss energy, logistics and agriculture, the ministry said in a statement.")
    paragraphs = [" ".join(sentences[i:i + 2]) for i in range(0, len(sentences), 2)]
    title = f"{other_adj} capital in {home}: new deals and rising trade ({index})"
    return title, rng.choice(OUTLETS), date, "\n\n".join(paragraphs), known


def render(fmt: str, title: str, outlet: str, date: str, body: str) -> str:
    if fmt == "md":
        return f'---\ntitle: "{title}"\npublisher: "{outlet}"\npublished: {date}\n---\n\n{body}\n'
    if fmt == "html":
        paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n\n"))
        return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(title)} | {outlet}</title>'
                f'<meta property="og:title" content="{html.escape(title)}"><meta property="og:site_name" '
                f'content="{outlet}"><meta property="article:published_time" content="{date}T10:00:00Z"></head>'
                f'<body><nav><a href="/">Home</a> <a href="/economy">Economy</a></nav><article><h1>'
                f'{html.escape(title)}</h1>{paragraphs}</article><aside><h3>Most read</h3><ul><li>Oil at $80 a '
                f'barrel</li></ul></aside><footer>© {outlet}</footer></body></html>')
    return f"{outlet} logo\n\n{title}\n\nBy Staff Writer {date}\n\n{body}\n"


def write_corpus(folder: Path, count: int, *, fmt: str = "mixed", seed: int = 42) -> list[list[Known]]:
    """``count`` articles in ``folder`` (fmt: txt, md, html or mixed) and their known figures, in file order."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    formats = ["txt", "md", "html"]
    truth = []
    for index in range(count):
        kind = formats[index % 3] if fmt == "mixed" else fmt
        title, outlet, date, body, known = article(index, rng)
        (folder / f"a{index:07d}.{kind}").write_text(render(kind, title, outlet, date, body), encoding="utf-8")
        truth.append(known)
    (folder.parent / f"{folder.name}.truth.json").write_text(
        json.dumps([[k.__dict__ for k in known] for known in truth]), encoding="utf-8")
    return truth
