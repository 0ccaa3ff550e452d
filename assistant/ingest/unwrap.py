"""Join the lines of a plain-text file that was hard-wrapped at a fixed width.

Some text files (exports of old systems, copies from a fixed-width window) break every paragraph
at the same column, often with a blank line after each piece: "…公共文化设施等的绿地" / "" /
"率不低于百分之三十五；". Left alone, a word is cut in two ("绿地" + "率"), a sentence spans two
paragraphs, and neither search nor a quote finds it.

A line is only joined to the next when the document as a whole shows the wrap: many lines stop
without punctuation before a line that cannot open a paragraph (no numbering label, no heading),
and most of those lines have one length, the wrap column. A document whose short headings happen
to stop without punctuation has no such column, and is left as it is. Laid-out formats (PDF, OFD,
OCR) rebuild their paragraphs from positions instead (``formats/base.py``).
"""

from __future__ import annotations

import re
from collections import Counter

from assistant.numbering import match_label

__all__ = ["join_hard_wraps"]

# A line cut at the wrap column stops inside a sentence: on a character, a comma or an opener.
_OPEN_END = re.compile(r"[\u3400-\u9fff0-9A-Za-z，、（(“‘《〈]$")
# ...and the piece after it goes on the sentence: a character or a closing/pausing mark, but not a
# date, which opens an entry of its own (the history lines of a regulation's 题注).
_GOES_ON = re.compile(r"^(?!(?:19|20)\d{2}\s*[年.\-/])[\u3400-\u9fff0-9A-Za-z，、。；：）)”’》〉]")
_NOT_PROSE = ("#", "|", "<", "!", "-", "*", ">")  # Markdown headings, tables, comments, lists

MIN_WRAPS = 5  # breaks at the wrap column before a document counts as wrapped
MIN_SHARE = 0.25  # share of all open breaks that stop at the wrap column
MIN_COLUMN = 16  # a narrower "column" is a run of short headings, not a wrap
SLACK = 3  # a wrapped line may fall this much short of the column (half-width characters)
MAX_BLANKS = 1  # blank lines a wrap may leave between the two pieces


def join_hard_wraps(text: str) -> str:
    """``text`` with hard-wrapped paragraphs joined back into one line each; unchanged otherwise."""
    lines = text.split("\n")
    breaks = _open_breaks(lines)
    column = _wrap_column([len(lines[a].strip()) for a, _ in breaks])
    if column is None:
        return text
    joins = {a: b for a, b in breaks if len(lines[a].strip()) >= column - SLACK}
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        while i in joins:
            nxt = joins[i]
            line = line.rstrip() + lines[nxt].strip()
            i = nxt
        out.append(line)
        i += 1
    return "\n".join(out)


def _open_breaks(lines: list[str]) -> list[tuple[int, int]]:
    """(line, next non-blank line) pairs where the first stops mid-sentence and the second goes on."""
    pairs: list[tuple[int, int]] = []
    for a, line in enumerate(lines):
        prev = line.strip()
        if not prev or prev.startswith(_NOT_PROSE) or not _OPEN_END.search(prev):
            continue
        b = a + 1
        while b < len(lines) and not lines[b].strip() and b - a <= MAX_BLANKS:
            b += 1
        if b >= len(lines):
            continue
        nxt = lines[b].strip()
        if nxt and not nxt.startswith(_NOT_PROSE) and _GOES_ON.match(nxt) and match_label(nxt) is None:
            pairs.append((a, b))
    return pairs


def _wrap_column(lengths: list[int]) -> int | None:
    """The column the document was wrapped at, or None when its open breaks share no column."""
    if not lengths:
        return None
    column, count = Counter(lengths).most_common(1)[0]
    if count < MIN_WRAPS or count < MIN_SHARE * len(lengths) or column < MIN_COLUMN:
        return None
    return column
