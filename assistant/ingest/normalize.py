"""Turn loaded text into the two aligned forms every document is kept in (see NormalizedText).

Order matters: (1) repair GBK mojibake, which may contain pinyin-like debris; (2) remove pinyin
glosses glued into words ("印發(fā)"); (3) a *targeted* Unicode cleanup: Kangxi radicals and
compatibility ideographs become normal characters, odd spaces and zero-width characters go, but
full-width punctuation such as （一） ，。：； is kept, because section numbering and quotes must
stay as written (a blanket NFKC would turn （一） into (一)); (4) page chrome and header fields are
split off (cleanup.py), after the lines of a hard-wrapped text file are joined back into their
paragraphs (unwrap.py); (5) the script is detected; (6) ``search`` is the OpenCC t2s form of
``display``, forced to the same length so offsets are shared.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from assistant.ingest.cleanup import split_header_and_body
from assistant.ingest.unwrap import join_hard_wraps
from assistant.schema import LoadedText, NormalizedText, Script

__all__ = [
    "clean_unicode",
    "detect_script",
    "normalize",
    "repair_gbk_mojibake",
    "strip_pinyin_glosses",
    "to_simplified_aligned",
]


class _Converter(Protocol):
    def convert(self, text: str) -> str: ...


@lru_cache(maxsize=2)
def _opencc(config: str) -> _Converter:
    import opencc

    conv: _Converter = opencc.OpenCC(config)
    return conv


def normalize(loaded: LoadedText) -> NormalizedText:
    """Clean ``loaded`` and return aligned display/search text, the script and the header block."""
    text = loaded.text.replace("\r\n", "\n").replace("\r", "\n")
    text, _report = repair_gbk_mojibake(text, detect_script(text))
    text = strip_pinyin_glosses(text)
    text = join_hard_wraps(clean_unicode(text))
    header, body = split_header_and_body(text)
    display = _tidy_lines(body)
    script = detect_script(display)
    search = to_simplified_aligned(display)
    return NormalizedText(display=display, search=search, script=script, header=_tidy_lines(header))


# --- (2) pinyin glosses -----------------------------------------------------------------------

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN_GLOSS_RE = re.compile(
    rf"(?<=[\u3400-\u9fff\uf900-\ufaff])[(（](?=[a-zü{_TONED}]*[{_TONED}])[a-zü{_TONED}]{{1,7}}[)）]"
)


def strip_pinyin_glosses(text: str) -> str:
    """Remove "(fā)"-style glosses right after a Chinese character.

    Only a single lowercase syllable carrying a tone mark counts, so "(一)", "(市、區)", "(PM2.5)"
    and "(2023—2025年)" are never touched.
    """
    return _PINYIN_GLOSS_RE.sub("", text)


# --- (3) Unicode cleanup ----------------------------------------------------------------------

_SPACE_LIKE = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t"
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_STRAY_TAG_RE = re.compile(r"</?(?:p|br|div|span|font|strong|b|i|em|u|a|td|tr)\b[^>\n]{0,200}>", re.I)


def _nfkc_char(c: str) -> str:
    cp = ord(c)
    if (
        0x2E80 <= cp <= 0x2FDF  # CJK radicals supplement, Kangxi radicals
        or 0xF900 <= cp <= 0xFAFF  # CJK compatibility ideographs
        or 0x2F800 <= cp <= 0x2FA1F  # supplement
        or 0x3190 <= cp <= 0x319F  # kanbun
    ):
        n = unicodedata.normalize("NFKC", c)
        return n if len(n) == 1 else c
    return c


def clean_unicode(text: str) -> str:
    """Targeted cleanup that keeps full-width punctuation as written (unlike blanket NFKC)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    out: list[str] = []
    for c in text:
        if c in _ZERO_WIDTH:
            continue
        if c in _SPACE_LIKE:
            out.append(" ")
        elif c == "\n":
            out.append(c)
        elif unicodedata.category(c) == "Cc":
            continue
        else:
            out.append(_nfkc_char(c))
    return _STRAY_TAG_RE.sub("", "".join(out))


def _tidy_lines(text: str) -> str:
    """One paragraph per line: strip indentation and trailing spaces, at most one blank line."""
    lines = [ln.strip() for ln in text.split("\n")]
    out: list[str] = []
    for ln in lines:
        if not ln and (not out or not out[-1]):
            continue
        out.append(ln)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


# --- (5) script -------------------------------------------------------------------------------

_HAN_RE = re.compile(r"[\u3400-\u9fff]")
TRADITIONAL_RATIO = 0.05


def detect_script(text: str) -> Script:
    """Traditional when more than 5 % of the Han characters change under OpenCC t2s.

    Simplified text changes by well under 1 %; Traditional text by 15-30 %.
    """
    han = _HAN_RE.findall(text)
    if not han:
        return "simplified"
    sample = "".join(han[:20000])
    simp = to_simplified_aligned(sample)
    changed = sum(1 for a, b in zip(sample, simp, strict=True) if a != b)
    return "traditional" if changed / len(sample) > TRADITIONAL_RATIO else "simplified"


# --- (6) aligned t2s --------------------------------------------------------------------------


def to_simplified_aligned(text: str) -> str:
    """OpenCC t2s of ``text`` with exactly the same length, aligned character by character.

    Phrase conversion is used where it keeps each line's length; a line whose length changes is
    converted character by character, and a character whose conversion is not one character is
    kept as it is.
    """
    conv = _opencc("t2s.json")
    whole = conv.convert(text)
    if len(whole) == len(text):
        return whole
    out: list[str] = []
    for line in text.split("\n"):
        s = conv.convert(line)
        if len(s) != len(line):
            s = "".join(_char_t2s(c) for c in line)
        out.append(s)
    return "\n".join(out)


def _char_t2s(c: str) -> str:
    s = _opencc("t2s.json").convert(c)
    return s if len(s) == 1 else c


# --- (1) GBK mojibake -------------------------------------------------------------------------
#
# How the damage happened (worked out on seed 002): the page was once a GBK byte stream. One lead
# byte was replaced by "?" (0x3F), so the decoder read every following byte pair shifted by one
# byte, producing nonsense characters, until an ASCII byte that had been a trail byte (0x40-0x7E)
# put it back in step. Shifted pairs that were not valid GBK were silently dropped (2 bytes each).
# Full-width "！" "？" "　" inside a run were later turned half-width like the rest of the page.
#
#   true:     [a1 a1]  [a3 a8] [d2 bb] [a3 a9] [88 d4] [9b 51]   =  　（一）堅決
#   garbled:  ?  [a1 a3] [a8 d2] [bb a3] [a9 88] [d4 9b] Q      =  ?。ㄒ唬﹫詻Q
#
# Repair: encode the run back to GBK, drop its first byte (the trail of the character whose lead
# was lost) and decode the rest in step. What the damage destroyed (the lost lead byte, pairs
# that were dropped) is reconstructed only from firm evidence: a few structural rules, and
# character pairs (bigrams) that occur elsewhere in the same document, with a unique best choice.
# Anything still unknown becomes "□", the conventional mark for an illegible character.

UNKNOWN_CHAR = "□"
_PUNCT = set("。，、；：？！（）“”‘’《》〈〉【】「」…—　·")
_CN_NUMERALS = set("一二三四五六七八九十百零〇")
_RUN_START_RE = re.compile(rf"(?<![A-Za-z0-9/=&%.])\?(?=[^\x00-\x7f]|[!?]|[a-zü{_TONED}]+\))")
_GLOSS_TAIL_RE = re.compile(rf"(?=[a-zü{_TONED}]*[{_TONED}])[a-zü{_TONED}]{{1,7}}\)")
_FOLD = str.maketrans({",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？"})
_MAX_RUN = 40


@dataclass
class MojibakeReport:
    """What :func:`repair_gbk_mojibake` did: runs found, fully repaired, and characters left as □."""

    found: int = 0
    repaired: int = 0
    partial: int = 0
    unknown_chars: int = 0
    runs: list[tuple[str, str]] = field(default_factory=list)  # (garbled, replacement)


@dataclass
class _Slot:
    """A character of the true text of which at most one byte survived."""

    lead: int | None
    trail: int | None
    after_gap: bool = False  # a dropped shifted pair lies between this and the previous slot


_Item = str | _Slot


def _gbk_char(lead: int, trail: int) -> str | None:
    try:
        c = bytes((lead, trail)).decode("gbk")
    except UnicodeDecodeError:
        return None
    return c if len(c) == 1 else None


def _gbk_bytes(c: str) -> bytes | None:
    try:
        b = c.encode("gbk")
    except UnicodeEncodeError:
        return None
    return b if len(b) == 2 else None


class _DocModel:
    """What the rest of the document tells us: its characters and its character pairs."""

    def __init__(self, clean_text: str, script: Script) -> None:
        folded = clean_text.translate(_FOLD)
        self.chars = set(folded) | _PUNCT | _CN_NUMERALS
        self.bigrams = Counter(folded[i : i + 2] for i in range(len(folded) - 1))
        self.script = script
        self.by_lead: dict[int, list[str]] = {}
        self.by_trail: dict[int, list[str]] = {}
        for c in sorted(self.chars):
            b = _gbk_bytes(c)
            if b is not None and (c in _PUNCT or _HAN_RE.match(c)):
                self.by_lead.setdefault(b[0], []).append(c)
                self.by_trail.setdefault(b[1], []).append(c)

    def plausible(self, c: str) -> bool:
        """A character that belongs in this document: seen in it, or common and in its script."""
        if c in self.chars:
            return True
        if not _HAN_RE.match(c):
            return False
        s = _opencc("t2s.json").convert(c)
        try:
            gb = s.encode("gb2312")
        except UnicodeEncodeError:
            return False
        if not 0xB0 <= gb[0] <= 0xD7:  # GB2312 level 1: the 3,755 most common characters
            return False
        if self.script == "traditional":
            return _opencc("s2t.json").convert(s) == c
        return s == c

    def count(self, a: str, b: str) -> int:
        """How often ``a`` is followed by ``b``; a section number "（一）" always counts once."""
        n = self.bigrams.get((a + b).translate(_FOLD), 0)
        if (a == "（" and b in _CN_NUMERALS) or (a in _CN_NUMERALS and b == "）"):
            n += 1
        return n


def _parse_run(line: str, start: int) -> tuple[list[int | None], int, str, str] | None:
    """Bytes of the shifted stream after the "?" at ``start``: (bytes, end, garbled, suffix).

    ``None`` in the bytes is an unknown byte; ``suffix`` restores an ASCII character that the
    decoder swallowed together with an invalid pair ("?/p>" was "<lead>" + "</p>").
    """
    pos = start + 1
    gloss = _GLOSS_TAIL_RE.match(line, pos)  # "?shù)": the lost character had a pinyin gloss
    if gloss:
        pos = gloss.end()
    out: list[int | None] = []
    suffix = ""
    while pos < len(line) and pos - start <= _MAX_RUN:
        ch = line[pos]
        if ch == "?":
            rest = line[pos + 1 :]
            if rest.startswith("/") or not rest.strip():
                out.append(None)  # an invalid pair's lead byte; the next byte was swallowed
                suffix = "<" if rest.startswith("/") else ""
                pos += 1
                break
            out += [0xA3, 0xBF]  # "？" made half-width
        elif ch == "!":
            out += [0xA3, 0xA1]  # "！" made half-width
        elif ch == " " and pos + 1 < len(line) and line[pos + 1] in "?!":
            out += [0xA1, 0xA1]  # "　" made half-width
        elif 0x40 <= ord(ch) < 0x7F:
            out.append(ord(ch))  # a former trail byte: the decoder is back in step
            pos += 1
            break
        else:
            b = _gbk_bytes(ch) if ord(ch) >= 0x80 else None
            if b is None:
                break
            out += list(b)
        pos += 1
    if not out:
        return None
    return out, pos, line[start:pos], suffix


def _realign(bs: list[int | None], model: _DocModel) -> list[_Item]:
    """Decode the shifted stream in step; pairs that make no sense mark a dropped pair (a gap)."""
    items: list[_Item] = [_Slot(None, bs[0])]
    rest = bs[1:]
    i = 0
    while i < len(rest):
        a = rest[i]
        if a is not None and a < 0x80:
            items.append(chr(a))
            i += 1
            continue
        if i + 1 >= len(rest):
            items.append(_Slot(a, None))
            break
        b = rest[i + 1]
        if a is None or b is None:
            items.append(_Slot(a, b))  # an unknown byte, not a dropped pair
            i += 2
            continue
        c = _gbk_char(a, b)
        if c is not None and model.plausible(c):
            items.append(c)
        else:
            items.append(_Slot(a, None))
            items.append(_Slot(None, b, after_gap=True))
        i += 2
    return items


def _apply_rules(items: list[_Item], at_line_start: bool, at_line_end: bool) -> list[_Item]:
    """Structural certainties: indentation, section-number brackets, line-final punctuation."""
    out: list[_Item] = []
    for k, it in enumerate(items):
        if isinstance(it, _Slot):
            tail_empty = at_line_end and all(isinstance(x, _Slot) or x in "<　 " for x in items[k + 1 :])
            # the character before "（一）" at the start of a line: an ideographic space
            if k == 0 and at_line_start and it.trail == 0xA1:
                continue
            # （一 + a character with lead 0xA3 (full-width forms): the closing bracket
            if it.lead == 0xA3 and len(out) >= 2 and out[-2] == "（" and out[-1] in _CN_NUMERALS:
                out.append("）")
                continue
            # a lost character with trail 0xA3 at the end of a line: the full stop
            if it.trail == 0xA3 and it.lead is None and tail_empty:
                out.append("。")
                continue
            # row 0xA1 (spaces, punctuation) after the line's last punctuation: trailing space
            if it.lead in (0xA1, None) and it.trail is None and tail_empty and out and out[-1] in _PUNCT:
                continue
        out.append(it)
    return out


def _resolve_group(
    slots: list[_Slot], left: str | None, right: str | None, model: _DocModel
) -> list[str] | None:
    """Best characters for consecutive slots by document bigrams; ``None`` unless firm and unique."""
    cands: list[list[str]] = []
    for s in slots:
        if s.lead is not None:
            cs = model.by_lead.get(s.lead, [])
        elif s.trail is not None:
            cs = model.by_trail.get(s.trail, [])
        else:
            return None
        cs = [c for c in cs if s.trail is None or (_gbk_bytes(c) or b"  ")[1] == s.trail]
        if not cs:
            return None
        cands.append(cs)

    def edge(a: str | None, b: str | None, gap: bool) -> float:
        if a is None or b is None:
            return 0.0
        if gap:
            ba, bb = _gbk_bytes(a), _gbk_bytes(b)
            if ba is None or bb is None or _gbk_char(ba[1], bb[0]) is not None:
                return -math.inf  # the dropped shifted pair must have been undecodable
        return math.log1p(model.count(a, b))

    # Viterbi with a count of optimal paths, to insist on a unique best choice.
    best: list[dict[str, tuple[float, int, str | None]]] = []
    first: dict[str, tuple[float, int, str | None]] = {c: (edge(left, c, False), 1, None) for c in cands[0]}
    best.append(first)
    for k in range(1, len(slots)):
        layer: dict[str, tuple[float, int, str | None]] = {}
        for c in cands[k]:
            top, ways, back = -math.inf, 0, None
            for p, (score, n, _) in best[-1].items():
                v = score + edge(p, c, slots[k].after_gap)
                if v > top + 1e-9:
                    top, ways, back = v, n, p
                elif abs(v - top) <= 1e-9:
                    ways += n
            layer[c] = (top, ways, back)
        best.append(layer)
    final = {c: (s + edge(c, right, False), n) for c, (s, n, _) in best[-1].items()}
    top = max(v for v, _ in final.values())
    if top == -math.inf:
        return None
    winners = [c for c, (v, _) in final.items() if abs(v - top) <= 1e-9]
    if len(winners) != 1 or final[winners[0]][1] != 1:
        return None
    path = [winners[0]]
    for k in range(len(slots) - 1, 0, -1):
        prev = best[k][path[-1]][2]
        assert prev is not None
        path.append(prev)
    path.reverse()
    ctx: list[str | None] = [left, *path, right]
    for k, ch in enumerate(path, start=1):  # every chosen character needs a pair seen in the document
        lft, rgt = ctx[k - 1], ctx[k + 1]
        if not ((lft and model.count(lft, ch)) or (rgt and model.count(ch, rgt))):
            return None
    return path


def _resolve(items: list[_Item], left: str | None, right: str | None, model: _DocModel) -> list[str]:
    out: list[str] = []
    k = 0
    while k < len(items):
        it = items[k]
        if isinstance(it, str):
            out.append(it)
            k += 1
            continue
        j = k
        while j < len(items) and isinstance(items[j], _Slot):
            j += 1
        group = [s for s in items[k:j] if isinstance(s, _Slot)]
        lctx = out[-1] if out else left
        nxt = items[j] if j < len(items) else right
        rctx = nxt if isinstance(nxt, str) else None
        path = _resolve_group(group, lctx, rctx, model)
        out.extend(path if path else [UNKNOWN_CHAR] * len(group))
        k = j
    return out


def repair_gbk_mojibake(text: str, script: Script = "simplified") -> tuple[str, MojibakeReport]:
    """Repair runs of shifted-GBK mojibake (see the comment above); return the text and a report."""
    report = MojibakeReport()
    lines = text.split("\n")
    parsed: list[list[tuple[int, int, list[int | None], str, str]]] = []
    for line in lines:
        runs = []
        pos = 0
        while (m := _RUN_START_RE.search(line, pos)) is not None:
            r = _parse_run(line, m.start())
            if r is None:
                pos = m.start() + 1
                continue
            bs, end, garbled, suffix = r
            runs.append((m.start(), end, bs, garbled, suffix))
            pos = end
        parsed.append(runs)
    if not any(parsed):
        return text, report
    clean = "\n".join(
        _blank_runs(line, [(s, e) for s, e, *_ in runs]) for line, runs in zip(lines, parsed, strict=True)
    )
    model = _DocModel(strip_pinyin_glosses(clean), script)
    out_lines = []
    for line, runs in zip(lines, parsed, strict=True):
        pieces: list[str] = []
        last = 0
        for start, end, bs, garbled, suffix in runs:
            repl = _repair_run(line, start, end, bs, garbled, suffix, model, report)
            pieces.append(line[last:start])
            pieces.append(garbled if repl is None else repl)
            last = end
        pieces.append(line[last:])
        out_lines.append("".join(pieces))
    return "\n".join(out_lines), report


def _blank_runs(line: str, spans: list[tuple[int, int]]) -> str:
    for s, e in reversed(spans):
        line = line[:s] + "\n" + line[e:]
    return line


def _repair_run(
    line: str,
    start: int,
    end: int,
    bs: list[int | None],
    garbled: str,
    suffix: str,
    model: _DocModel,
    report: MojibakeReport,
) -> str | None:
    at_start = not line[:start].strip()
    rest = line[end:]
    at_end = not rest.strip() or rest.startswith("/")
    items = _apply_rules(_realign(bs, model), at_start, at_end)
    known_han = [x for x in items if isinstance(x, str) and _HAN_RE.match(x)]
    odd = [c for c in garbled[1:] if ord(c) >= 0x80 and not model.plausible(c)]
    ascii_only_run = not odd and bs[-1] is None  # "?!?/p>", "?! ?": punctuation debris
    resolved_by_rules = all(isinstance(x, str) for x in items)
    left = strip_pinyin_glosses(line[:start])[-1:] or None
    right = line[end] if end < len(line) else None
    chars = _resolve(items, left, right, model)
    repl = "".join(chars) + suffix
    gapless = not any(isinstance(x, _Slot) and x.after_gap for x in items)
    better = (
        gapless
        and UNKNOWN_CHAR not in repl
        and _support(left, repl, right, model) > _support(left, garbled, right, model)
    )
    if not (
        (odd and (known_han or resolved_by_rules or "（" in items))
        or (ascii_only_run and resolved_by_rules)
        or better
    ):
        return None
    report.found += 1
    unknown = repl.count(UNKNOWN_CHAR)
    report.unknown_chars += unknown
    if unknown:
        report.partial += 1
    else:
        report.repaired += 1
    report.runs.append((garbled, repl))
    return repl


def _support(left: str | None, text: str, right: str | None, model: _DocModel) -> int:
    """How many of the character pairs of ``text`` (with its neighbours) occur in the document."""
    full = (left or "") + text + (right or "")
    return sum(1 for i in range(len(full) - 1) if model.count(full[i], full[i + 1]))
