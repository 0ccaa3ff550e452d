"""Chinese place names: a gazetteer and a recogniser tuned for precision.

Region filters and metadata need to know *where* a document applies ("济源示范区" → 河南省 济源市),
and a wrong place is worse than none: a false filter hides the right answer. So matching is
longest-match over an explicit alias table (``data/regions.yaml``), bare short forms that are
ordinary words (大同, 日照, 中山 …) are only matched as full names, single-character provincial
abbreviations (豫, 皖) are opt-in and only counted in runs such as 苏皖鲁豫, and a list of
non-place words containing place names (黄河, 经济, 推广 …) is consumed so the names inside them
are never reported.

Input is expected in Simplified script (callers match on ``NormalizedText.search``);
:func:`resolve_region` also converts Traditional itself because it returns no offsets.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any, Literal

import yaml

Kind = Literal["full", "short", "abbr", "context", "stop"]

_DIRECTIONAL = ("东", "西", "南", "北")
# A directional short name (河南, 山西 …) followed by one of these is a river bank or slope.
_BANK_SUFFIX = set("岸侧麓坡沿端")
# … or preceded by one of these (when that char is not itself part of a found name): 淮河南岸, 沂山西.
_GEO_PREFIX = set("黄淮运沿湖江河泰华嵩长珠太大小东西南北近洞庭巢海山")
_CITY_SUFFIXES = ("盟", "地区", "林区")  # bare names ending so are full names


@dataclass(frozen=True)
class Region:
    """An administrative region; every ``None`` below the first means "the whole of it"."""

    province: str | None
    city: str | None = None
    district: str | None = None

    @property
    def level(self) -> str:
        if self.district:
            return "区县级"
        if self.city:
            return "市级"
        if self.province:
            return "省级"
        return "国家"

    @property
    def label(self) -> str:
        parts = [p for p in (self.province, self.city, self.district) if p]
        return " ".join(parts) if parts else "全国"

    def contains(self, other: Region) -> bool:
        """True when ``other`` lies inside (or is) this region."""
        return all(
            mine is None or mine == theirs
            for mine, theirs in (
                (self.province, other.province),
                (self.city, other.city),
                (self.district, other.district),
            )
        )


NATIONAL = Region(None)


@dataclass(frozen=True)
class RegionMention:
    """A place name found in text: the surface string, its span, and what it denotes."""

    text: str
    start: int
    end: int
    region: Region


@dataclass(frozen=True)
class _Entry:
    region: Region
    kind: Kind


@dataclass(frozen=True)
class Gazetteer:
    """Alias → entries, plus the first-character index that keeps scanning linear."""

    aliases: dict[str, tuple[_Entry, ...]]
    lengths: dict[str, tuple[int, ...]]  # first char → candidate alias lengths, longest first
    provinces: tuple[Region, ...]
    cities: tuple[Region, ...]
    districts: tuple[Region, ...]


def _parse_entry(raw: str, is_city: bool) -> tuple[str, list[tuple[str, Kind]]]:
    """Expand one YAML entry ("郑州", "大同!", "full|alias|@ctx") into a full name and aliases."""
    raw = str(raw).strip()
    if "|" in raw:
        full, *rest = raw.split("|")
        out: list[tuple[str, Kind]] = []
        for a in rest:
            out.append((a[1:], "context") if a.startswith("@") else (a, "short"))
        return full, out
    if raw.endswith("!"):
        return raw[:-1] + "市", []
    if is_city and not raw.endswith(_CITY_SUFFIXES):
        return raw + "市", [(raw, "short")]
    return raw, []


def _load_table() -> dict[str, Any]:
    text = resources.files("assistant").joinpath("data/regions.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert isinstance(data, dict)
    return data


@functools.cache
def gazetteer() -> Gazetteer:
    """The gazetteer, built once from ``assistant/data/regions.yaml``."""
    data = _load_table()
    table: dict[str, list[_Entry]] = {}

    def add(alias: str, region: Region, kind: Kind) -> None:
        entries = table.setdefault(alias, [])
        if all(e.region != region or e.kind != kind for e in entries):
            entries.append(_Entry(region, kind))

    provinces: list[Region] = []
    cities: list[Region] = []
    districts: list[Region] = []
    for full, spec in dict(data["provinces"]).items():
        r = Region(full)
        provinces.append(r)
        add(full, r, "full")
        for s in spec.get("short", []):
            add(s, r, "short")
        for a in spec.get("abbr", []):
            add(a, r, "abbr")
    for prov, entries in dict(data["cities"]).items():
        for raw in entries:
            full, aliases = _parse_entry(raw, is_city=True)
            r = Region(prov, full)
            cities.append(r)
            add(full, r, "full")
            for alias, kind in aliases:
                add(alias, r, kind)
    for key, entries in dict(data["districts"]).items():
        prov, _, city = str(key).partition("/")
        for raw in entries:
            full, aliases = _parse_entry(raw, is_city=False)
            # "晋城市城区" is written with its city because the district's own name is just 城区.
            name = "城区" if full.endswith("市城区") else full
            r = Region(prov, city or None, name)
            districts.append(r)
            add(full, r, "full")
            for alias, kind in aliases:
                add(alias, r, kind)
    stop = Region(None)
    for w in data.get("stopwords", []):
        table.setdefault(str(w), []).append(_Entry(stop, "stop"))

    lengths: dict[str, set[int]] = {}
    for alias in table:
        lengths.setdefault(alias[0], set()).add(len(alias))
    return Gazetteer(
        aliases={k: tuple(v) for k, v in table.items()},
        lengths={k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()},
        provinces=tuple(provinces),
        cities=tuple(cities),
        districts=tuple(districts),
    )


def _usable(entry: _Entry, abbreviations: bool, context: Region | None) -> bool:
    if entry.kind == "abbr":
        return abbreviations
    if entry.kind == "context":
        return (
            context is not None
            and context.city is not None
            and context.city == entry.region.city
            and context.province == entry.region.province
        )
    return True


def _guard_ok(text: str, start: int, end: int, alias: str, kind: Kind, prev_end: int) -> bool:
    """Reject a short directional name that is really a bank or slope (河南岸, 淮河南部 …)."""
    if kind != "short" or len(alias) != 2 or alias[1] not in _DIRECTIONAL:
        return True
    if end < len(text) and text[end] in _BANK_SUFFIX:
        return False
    return not (start > 0 and start != prev_end and text[start - 1] in _GEO_PREFIX)


def _full_starts_inside(text: str, start: int, end: int, g: Gazetteer) -> bool:
    """Whether a full name begins inside [start, end) and runs past ``end`` (经济南市 → 济南市)."""
    for i in range(start + 1, end):
        for n in g.lengths.get(text[i], ()):
            if i + n > end and any(e.kind == "full" for e in g.aliases.get(text[i : i + n], ())):
                return True
    return False


def find_regions(
    text: str, *, abbreviations: bool = False, context: Region | None = None
) -> list[RegionMention]:
    """Place names in ``text``, left to right, longest match first, never overlapping.

    ``abbreviations`` turns on single-character provincial abbreviations, reported only when two
    or more stand together (京津冀, 苏皖鲁豫). ``context`` (the region a document is known to come
    from) enables aliases that only make sense inside it, e.g. "经开区" in a Zhengzhou document.
    Aliases shared by several regions are reported only when ``context`` singles one out.
    """
    g = gazetteer()
    found: list[RegionMention] = []
    abbr_hits: list[RegionMention] = []
    i, prev_end = 0, -1
    n = len(text)
    while i < n:
        advanced = False
        for length in g.lengths.get(text[i], ()):
            end = i + length
            if end > n:
                continue
            alias = text[i:end]
            entries = g.aliases.get(alias)
            if not entries:
                continue
            if any(e.kind == "stop" for e in entries):
                if _full_starts_inside(text, i, end, g):
                    continue
                i, advanced = end, True
                break
            usable = [e for e in entries if _usable(e, abbreviations, context)]
            if not usable or not _guard_ok(text, i, end, alias, usable[0].kind, prev_end):
                continue
            regions = {e.region for e in usable}
            if len(regions) > 1 and context is not None:
                regions = {r for r in regions if Region(context.province).contains(r)}
            if len(regions) != 1:
                i, advanced = end, True  # ambiguous: consume, report nothing
                break
            mention = RegionMention(alias, i, end, regions.pop())
            if usable[0].kind == "abbr":
                abbr_hits.append(mention)
            else:
                found.append(mention)
            i = prev_end = end
            advanced = True
            break
        if not advanced:
            i += 1
    found.extend(_abbreviation_runs(abbr_hits))
    found.extend(_coordinated(text, found, g))
    found.extend(_framed(text, found, g))
    found.extend(_area_framed(text, found, g))
    return sorted(found, key=lambda m: m.start)


_COORDINATOR = "和与、及跟同"


def _coordinated(text: str, found: list[RegionMention], g: Gazetteer) -> list[RegionMention]:
    """A city whose bare name is an ordinary word ("日照", "大同"), set beside a place by 和/与/、
    ("日照和临沂两市各有什么规定"): a place too."""
    out: list[RegionMention] = []
    taken = [(m.start, m.end) for m in found]
    for m in found:
        for n in (2, 3):
            # (the coordinator, then the name after it), (the coordinator, the name before it)
            for joint, a, b in (
                (m.end, m.end + 1, m.end + 1 + n),
                (m.start - 1, m.start - 1 - n, m.start - 1),
            ):
                if a < 0 or b > len(text) or text[joint] not in _COORDINATOR:
                    continue
                _take_bare_city(text, a, b, g, taken, out)
    return out


def _take_bare_city(
    text: str, a: int, b: int, g: Gazetteer, taken: list[tuple[int, int]], out: list[RegionMention]
) -> None:
    """``text[a:b]`` as the one city whose full name it is with 市 added, unless it overlaps a
    place already taken."""
    if any(x < b and a < y for x, y in taken):
        return
    full = [e for e in g.aliases.get(text[a:b] + "市", ()) if e.kind == "full"]
    if len(full) == 1:
        out.append(RegionMention(text[a:b], a, b, full[0].region))
        taken.append((a, b))


# A place frame: "在日照的海滨浴场…", "请问到大同，…": a preposition of place that opens the
# clause before the bare name, and after it a particle or a pause that a word like 日照时间 or
# 大同小异 would not have ("住宅在日照的条件下" is no place: its 在 does not open the clause)
_PLACE_PREPOSITION = re.compile("[在到去来从]")
_PLACE_AFTER = "的，,里这那"
_CLAUSE_OPENERS = ("请问", "我", "我们", "咱们", "如果", "要是", "那", "那么")


def _opens_clause(text: str, i: int) -> bool:
    """Whether a word at ``i`` opens its clause: the text's start, a pause or stop before it, or
    a word that opens a question ("请问", "要是")."""
    return i == 0 or text[i - 1] in "，,。？?；;：: \n" or text.endswith(_CLAUSE_OPENERS, 0, i)


def _framed(text: str, found: list[RegionMention], g: Gazetteer) -> list[RegionMention]:
    """A city whose bare name is an ordinary word, in a place frame ("在日照的海滨浴场…"): a
    place too."""
    out: list[RegionMention] = []
    taken = [(m.start, m.end) for m in found]
    for m in _PLACE_PREPOSITION.finditer(text):
        i = m.start()
        if not _opens_clause(text, i):
            continue
        for n in (2, 3):
            a, b = i + 1, i + 1 + n
            if b < len(text) and text[b] in _PLACE_AFTER and text[a:b] not in g.aliases:
                _take_bare_city(text, a, b, g, taken, out)
    return out


# An area of a city named right after its bare name: "日照城区放鞭炮…", "大同境内…" (日照时间,
# 大同小异 are followed by no such word)
_AREA_AFTER = ("城区", "市区", "城里", "境内", "辖区", "全市", "市民")
# … or, opening the question, by the 对 that makes it the one whose rule is asked ("日照对乱停乱放
# 的共享单车怎么罚"; 日照时间 and 大同小异 are not followed by it)
_RULER_AFTER = ("对",)


def _area_framed(text: str, found: list[RegionMention], g: Gazetteer) -> list[RegionMention]:
    """A city whose bare name is an ordinary word, opening a clause and followed by an area of
    the city ("日照城区禁止燃放烟花吗") or by the 对 of a rule asked ("日照对…怎么罚"): a place too."""
    out: list[RegionMention] = []
    taken = [(m.start, m.end) for m in found]
    for a in range(len(text)):
        # (or after a preposition of place: "在日照城区…")
        opens = _opens_clause(text, a)
        if not opens and not (a > 0 and _PLACE_PREPOSITION.match(text, a - 1)):
            continue
        after = _AREA_AFTER + _RULER_AFTER if opens else _AREA_AFTER
        for n in (2, 3):
            b = a + n
            if text.startswith(after, b) and text[a:b] not in g.aliases:
                _take_bare_city(text, a, b, g, taken, out)
    return out


def _abbreviation_runs(hits: list[RegionMention]) -> list[RegionMention]:
    """Keep single-character abbreviations only where two or more stand side by side."""
    keep: list[RegionMention] = []
    for k, m in enumerate(hits):
        before = k > 0 and hits[k - 1].end == m.start
        after = k + 1 < len(hits) and hits[k + 1].start == m.end
        if before or after:
            keep.append(m)
    return keep


def _to_simplified(text: str) -> str:
    """Traditional → Simplified when OpenCC is installed; identity otherwise."""
    conv = _converter()
    return text if conv is None else str(conv.convert(text))


@functools.cache
def _converter() -> Any:
    try:
        import opencc
    except ImportError:  # pragma: no cover - opencc is a declared dependency
        return None
    return opencc.OpenCC("t2s")


def resolve_region(text: str, context: Region | None = None) -> Region | None:
    """The most specific region an issuer or title string points to, or ``None``.

    The first place named sets the region; later names refine it only while they lie inside it
    ("河南省郑州市…" → 河南省 郑州市) and the scan stops at the first one outside it, so a title
    that names a second place ("…关于支持晋城市的…") does not move the document there.
    """
    mentions = find_regions(_to_simplified(text), context=context)
    if not mentions:
        return None
    best = mentions[0].region
    for m in mentions[1:]:
        if best.contains(m.region):
            best = m.region
        elif not m.region.contains(best):
            break
    return best


def all_regions() -> tuple[Region, ...]:
    """Every province, city and district in the gazetteer (for filters and pickers)."""
    g = gazetteer()
    return g.provinces + g.cities + g.districts
