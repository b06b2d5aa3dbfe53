"""Spelling in a debate: when two spellings are one name, and how a name becomes an identifier (the slug rule).

The validator uses `folded` to find actors or questions that readers cannot tell apart; the importers use it to
fold spellings into one actor, and `slug` to make ids for the actors, questions and sources they create.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

SLUG_MAX = 60
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")


def folded(name: str) -> str:
    """The name as compared: Unicode-normalised (NFKC), case-folded, spaces collapsed and trimmed.

    `"Bundestag "`, `"bundestag"` and `"BUNDESTAG"` fold to one name; `"Bundestag"` and `"Bundesrat"` do not.
    """
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", str(name))).strip().casefold()


def slug(text: str, *, fallback: str = "item", max_length: int = SLUG_MAX) -> str:
    """The slug rule: accents dropped (NFKD to ASCII), lower case, every run of other characters one dash, no dash
    at either end, cut at a dash to at most `max_length` characters; `fallback` when nothing is left.

    `slug("Jake Sullivan")` is `jake-sullivan`; `slug("Émile Zola!")` is `emile-zola`; `slug("ВВП")` is `item`.
    """
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii").lower()
    text = _NOT_SLUG.sub("-", ascii_text).strip("-")
    if len(text) > max_length:
        cut = text[: max_length + 1]
        text = cut[: cut.rfind("-")] if "-" in cut else text[:max_length]
        text = text.strip("-")
    return text or fallback


def unique_slugs(texts: Iterable[str], *, fallback: str = "item", taken: Iterable[str] = ()) -> list[str]:
    """`slug` of each text, made unique in order: the second `jake-sullivan` becomes `jake-sullivan-2`, and so on.

    Equal texts get equal slugs; only different texts that slug alike are numbered.
    """
    used = set(taken)
    by_text: dict[str, str] = {}
    out = []
    for text in texts:
        if text not in by_text:
            base = slug(text, fallback=fallback)
            candidate, number = base, 1
            while candidate in used:
                number += 1
                candidate = f"{base}-{number}"
            used.add(candidate)
            by_text[text] = candidate
        out.append(by_text[text])
    return out
