"""Say which version of its source a translation was made from: a hash of the normalised text."""

from __future__ import annotations

import hashlib
import unicodedata

from ..content import Article

HASH_KEY = "source_hash"


def normalise(title: str, description: str, body: str) -> str:
    """Return the text a translation is made from, without layout-only differences."""
    text = unicodedata.normalize("NFC", f"# {title.strip()}\n\n{description.strip()}\n\n{body}")
    lines = [line.rstrip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"


def text_hash(normalised: str) -> str:
    """Return the 12-hex-digit version id of a normalised text."""
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:12]


def article_text(article: Article) -> str:
    """Return an article's normalised text; dates and other metadata do not count."""
    return normalise(article.title, article.description, article.body)


def source_hash(article: Article) -> str:
    """Return the version id of an article's current text."""
    return text_hash(article_text(article))
