"""Limits on what a file may hold, and how a bad value is shown in a message.

Every reader of outside files (exercise TOML here; programme, assessment, clinic settings and
session log JSON in planner) holds the decoded data to the same bounds before any model sees
it: nesting depth, string length, item count and number size. Limits far above anything a real
file holds, far below what makes the parser or the validator slow or recursive.

Messages quote a bad value only as a short, escaped excerpt: a 10 MB string or a right-to-left
override character in a file must not become a 10 MB or reversed line on the screen.
"""

from __future__ import annotations

import math
import unicodedata
from typing import Any

from pydantic import AfterValidator

MAX_FILE_BYTES = 16 * 1024 * 1024  # a programme carrying 500 clinic exercises is about 2 MB
MAX_DEPTH = 32  # objects and lists inside each other (real files nest 6 deep)
MAX_TEXT = 20_000  # characters in one string (the longest field allows 20,000)
MAX_ITEMS = 10_000  # entries in one list or object
MAX_DIGITS = 15  # digits of a number (no field needs more than 6)
MAX_MESSAGE = 299  # characters in one error line
EXCERPT = 40  # characters of a bad value quoted in a message

# Categories shown as escapes: controls, format characters (the bidirectional overrides among
# them), separators that break lines, private use, surrogates, unassigned code points.
_HIDDEN = {"Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn"}


# Characters no typed text needs and that can make it read differently from what it holds:
# the bidirectional embeddings, overrides and isolates (a title that shows reversed), and
# control characters other than tab and line breaks. Left-to-right and right-to-left marks stay
# (mixed Arabic or Hebrew and Latin text uses them).
_REFUSED = {chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]} | {
    chr(c) for c in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)] if chr(c) not in "\t\n\r"
}


def refuse_hidden_controls(text: str) -> str:
    """A text field's validator: refuse characters that change how the text reads on screen,
    in a PDF or in a terminal without showing themselves."""
    found = next((ch for ch in text if ch in _REFUSED), None)
    if found is not None:
        raise ValueError(
            f"holds a hidden control character (U+{ord(found):04X}) that can change how the "
            "text reads; remove it"
        )
    return text


# For a model's text types: Annotated[str, StringConstraints(...), VISIBLE].
VISIBLE = AfterValidator(refuse_hidden_controls)


def escape(text: str) -> str:
    """``text`` with every invisible or direction-changing character written as an escape."""
    if text.isascii() and text.isprintable():
        return text
    out = []
    for ch in text:
        if ch == "\t" or unicodedata.category(ch) not in _HIDDEN:
            out.append(ch)
        elif ord(ch) <= 0xFFFF:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(f"\\U{ord(ch):08x}")
    return "".join(out)


def clip(message: str, limit: int = MAX_MESSAGE) -> str:
    """One line, escaped, at most ``limit`` characters (cut in the middle of a long name)."""
    line = escape(" ".join(message.split()))
    if len(line) <= limit:
        return line
    return line[: limit - 1] + "…"


def excerpt(value: Any, limit: int = EXCERPT) -> str:
    """A bad value as a message shows it: short, escaped, never a Python object's repr."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        digits = len(str(abs(value))) if abs(value).bit_length() < 60 else None
        if digits is None or digits > MAX_DIGITS:
            return "a number with too many digits"
        return str(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else "a number JSON does not allow"
    if isinstance(value, str):
        shown = escape(value[:limit])
        if len(value) > limit:
            return f'"{shown}…" ({len(value):,} characters)'
        return f'"{shown}"'
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list | tuple):
        return f"a list of {len(value)}"
    return f"a value of type {type(value).__name__}"


def _path(parts: list[str | int]) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(whole file)"


def structure_problem(data: Any) -> tuple[str, str] | None:
    """The first place ``data`` breaks a limit, as (field path, what is wrong), or None.

    Walks without recursion, so even data nested far beyond the limit is reported, not crashed
    on.
    """
    stack: list[tuple[Any, list[str | int]]] = [(data, [])]
    while stack:
        value, where = stack.pop()
        if len(where) > MAX_DEPTH:
            return _path(where[:MAX_DEPTH]), f"nested more than {MAX_DEPTH} levels deep"
        if isinstance(value, str):
            if len(value) > MAX_TEXT:
                return _path(where), f"text longer than {MAX_TEXT:,} characters ({len(value):,})"
        elif isinstance(value, bool) or value is None:
            continue
        elif isinstance(value, int):
            if abs(value).bit_length() > 50:  # 2**50 has 16 digits
                return _path(where), f"number longer than {MAX_DIGITS} digits"
        elif isinstance(value, float):
            if not math.isfinite(value) or abs(value) >= 10**MAX_DIGITS:
                return _path(where), f"number too large ({excerpt(value)})"
        elif isinstance(value, dict):
            if len(value) > MAX_ITEMS:
                return _path(where), f"more than {MAX_ITEMS:,} entries"
            for key, item in value.items():
                if not isinstance(key, str) or len(key) > 200:
                    return _path(where), f"field name {excerpt(key)} is not a short text"
                stack.append((item, [*where, key]))
        elif isinstance(value, list | tuple):
            if len(value) > MAX_ITEMS:
                return _path(where), f"more than {MAX_ITEMS:,} entries"
            stack.extend((item, [*where, n]) for n, item in enumerate(value))
    return None


def bracket_depth(text: str, *, toml: bool = False) -> tuple[int, int]:
    """(deepest nesting of [ and {, line where it passes MAX_DEPTH or 0) outside strings.

    Run before a parser sees the text, because the standard JSON and TOML parsers recurse once
    per level and a file nested a few hundred deep would exhaust the stack. Knows JSON strings
    and, with ``toml``, TOML's literal and multi-line strings and comments.
    """
    depth = deepest = 0
    line = 1
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\n":
            line += 1
        elif ch in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if depth > MAX_DEPTH:
                    return deepest, line
        elif ch in "]}":
            depth = max(depth - 1, 0)
        elif ch == '"' or (toml and ch == "'"):
            triple = toml and text.startswith(ch * 3, i)
            quote = ch * 3 if triple else ch
            i += len(quote)
            while i < n and not text.startswith(quote, i):
                if text[i] == "\n":
                    line += 1
                if text[i] == "\\" and ch == '"':
                    i += 1
                i += 1
            i += len(quote)
            continue
        elif toml and ch == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        i += 1
    return deepest, 0
