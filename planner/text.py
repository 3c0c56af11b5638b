"""Small English helpers every worded output shares, so lists and articles read the same."""

from __future__ import annotations

from collections.abc import Sequence


def join_words(parts: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def article(word: str) -> str:
    """'an' before a vowel sound ('an intermediate', 'an advanced'), otherwise 'a'."""
    return "an" if word[:1].lower() in {"a", "e", "i", "o", "u"} else "a"
