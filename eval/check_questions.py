#!/usr/bin/env python3
"""Validate the evaluation question set (eval/questions.jsonl).

Usage:
    python eval/check_questions.py [FILE]

FILE defaults to eval/questions.jsonl next to this script.  Exit status 0 when the
file is valid, 1 with a list of problems on stderr otherwise (2 when opencc is missing).

Only the standard library and opencc are used.  The checks mirror
eval/questions.schema.json by hand (required keys, types, enums, lengths) and add the
checks a JSON Schema cannot express:

* every ``quote`` is an exact substring of its document as stored under corpus/;
* every ``must_include`` string occurs in at least one of the question's source
  documents after normalisation (OpenCC t2s, NFKC full/half-width folding,
  whitespace removal) -- applied to both the document and the string;
* ids are unique; set-level minimums (>= 20 % unanswerable, >= 25 comparison, ...).

For tests: ``check(path) -> list[str]`` returns the problems (empty list = valid).
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import Counter
from functools import cache
from pathlib import Path

EVAL_DIR = Path(__file__).resolve().parent
CORPUS_DIR = EVAL_DIR.parent / "corpus"
# The blind test set also cites the regulations no code was written for: ``new/<省>/<file>.md``
# resolves under ../shared/corpus-new/ beside the checkout.
NEW_CORPUS_DIR = EVAL_DIR.parent.parent / "shared" / "corpus-new"
NEW_PREFIX = "new/"
DEFAULT_FILE = EVAL_DIR / "questions.jsonl"
TESTSET_FILE = EVAL_DIR / "testset.jsonl"

TYPES = (
    "factoid",
    "list",
    "comparison",
    "citation",
    "unanswerable",
    "traditional",
    "followup",
    "multipart",  # two or more questions in one; must_include holds each part's key string
    "provenance",  # "where does this phrase come from": the answer names document and section
    "catalog",  # about the documents themselves: which exist, 文号, dates, issuer
)
REQUIRED = ("id", "question", "type", "answer", "must_include", "sources")
OPTIONAL = ("history", "regions")
SOURCE_KEYS = ("doc", "section", "quote")
ROLES = ("user", "assistant")
TRADITIONAL_DOC = "seed/shanxi-jincheng-inspection-rectification-plan.txt"

QUOTE_MIN, QUOTE_MAX = 8, 40
MUST_INCLUDE_MAX = 4  # 1-3 normally; a three-region comparison may need one per region
ID_RE = re.compile(r"^[qht]\d{3,}$")  # q: question set, h: held-out set, t: blind test set
# pinyin glosses glued into words in the Traditional seed, e.g. 印發(fā), 環(huán)
GLOSS_RE = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")
MOJIBAKE_CHARS = ("?", "\ufffd")

# set-level minimums
MIN_TOTAL = 160
MIN_UNANSWERABLE_SHARE = 0.20
MIN_COUNTS = {"comparison": 25, "traditional": 10, "followup": 10, "citation": 10, "list": 15}
MIN_UNANSWERABLE = 35
MIN_REGULATION_QUESTIONS = 50
# the blind test set (ids t…): its own minimums
TEST_MIN_TOTAL = 150
TEST_MIN_COUNTS = {"provenance": 15, "catalog": 15, "multipart": 10}
TEST_MIN_NEW_SHARE = 0.5
TEST_MIN_UNANSWERABLE = 30

try:  # opencc is the only non-stdlib dependency
    import opencc

    try:
        _CC = opencc.OpenCC("t2s")
    except Exception:  # older bindings want the .json name
        _CC = opencc.OpenCC("t2s.json")
except ImportError:  # pragma: no cover - reported by check()
    _CC = None

_WS_RE = re.compile(r"\s+")


def t2s(text: str) -> str:
    if _CC is None:
        raise RuntimeError("opencc is not installed (pip install opencc)")
    return _CC.convert(text)


def normalise(text: str) -> str:
    """OpenCC t2s, then NFKC (full/half width folding), then drop all whitespace."""
    return _WS_RE.sub("", unicodedata.normalize("NFKC", t2s(text)))


@cache
def _raw_doc(rel: str) -> str | None:
    root = CORPUS_DIR
    if rel.startswith(NEW_PREFIX):
        root, rel = NEW_CORPUS_DIR, rel[len(NEW_PREFIX) :]
    path = (root / rel).resolve()
    try:
        path.relative_to(root.resolve())
    except ValueError:
        return None
    if not path.is_file():
        return None
    return path.read_text(encoding="utf-8")


@cache
def _norm_doc(rel: str) -> str:
    raw = _raw_doc(rel)
    return normalise(raw) if raw is not None else ""


def _is_str(v) -> bool:
    return isinstance(v, str) and v.strip() != ""


def _check_simplified(text: str, where: str, problems: list[str]) -> None:
    conv = t2s(text)
    if conv != text:
        diff = "".join(a for a, b in zip(text, conv, strict=False) if a != b)[:10]
        problems.append(f"{where}: not in Simplified script (t2s changes {diff!r})")


def check_record(rec, lineno: int) -> list[str]:
    """Problems with one parsed line (a dict); lineno is 1-based."""
    p: list[str] = []
    if not isinstance(rec, dict):
        return [f"line {lineno}: not a JSON object"]
    rid = rec.get("id", "?")
    at = f"line {lineno} ({rid})"

    for k in REQUIRED:
        if k not in rec:
            p.append(f"{at}: missing key {k!r}")
    for k in rec:
        if k not in REQUIRED and k not in OPTIONAL:
            p.append(f"{at}: unknown key {k!r}")
    if p:
        return p

    if not isinstance(rec["id"], str) or not ID_RE.match(rec["id"]):
        p.append(f"{at}: id must look like 'q001' ('h001' held-out set, 't001' blind test set)")
    for k in ("question", "answer"):
        if not _is_str(rec[k]):
            p.append(f"{at}: {k} must be a non-empty string")
    qtype = rec["type"]
    if qtype not in TYPES:
        p.append(f"{at}: type {qtype!r} not one of {TYPES}")
    mi = rec["must_include"]
    if not isinstance(mi, list) or not all(_is_str(s) for s in mi):
        p.append(f"{at}: must_include must be a list of non-empty strings")
        mi = []
    elif len(set(mi)) != len(mi):
        p.append(f"{at}: duplicate must_include strings")
    srcs = rec["sources"]
    if not isinstance(srcs, list):
        p.append(f"{at}: sources must be a list")
        srcs = []
    if p:
        return p

    # script
    if qtype != "traditional":
        _check_simplified(rec["question"], f"{at} question", p)
    _check_simplified(rec["answer"], f"{at} answer", p)
    for s in mi:
        _check_simplified(s, f"{at} must_include {s!r}", p)

    # type-specific shape
    if qtype == "unanswerable":
        if mi:
            p.append(f"{at}: unanswerable question must have must_include []")
        if srcs:
            p.append(f"{at}: unanswerable question must have sources []")
        if "未找到" not in rec["answer"]:
            p.append(f"{at}: unanswerable answer should say 文件中未找到…")
    else:
        if not mi:
            p.append(f"{at}: must_include must not be empty for type {qtype}")
        if len(mi) > MUST_INCLUDE_MAX:
            p.append(f"{at}: must_include has {len(mi)} strings (max {MUST_INCLUDE_MAX}); keep it decisive")
        if not srcs:
            p.append(f"{at}: sources must not be empty for type {qtype}")

    if qtype == "followup":
        h = rec.get("history")
        if not isinstance(h, list) or len(h) < 2:
            p.append(f"{at}: followup needs history with at least a user and an assistant turn")
        else:
            for i, turn in enumerate(h):
                if (
                    not isinstance(turn, dict)
                    or set(turn) != {"role", "content"}
                    or turn.get("role") not in ROLES
                    or not _is_str(turn.get("content"))
                ):
                    p.append(f"{at}: history[{i}] must be {{'role': user|assistant, 'content': str}}")
                    continue
                want = ROLES[i % 2]
                if turn["role"] != want:
                    p.append(f"{at}: history[{i}] role should be {want!r} (turns alternate, user first)")
                _check_simplified(turn["content"], f"{at} history[{i}]", p)
            if h and isinstance(h[-1], dict) and h[-1].get("role") != "assistant":
                p.append(f"{at}: history must end with an assistant turn")
    elif "history" in rec:
        p.append(f"{at}: history is only for type followup")

    if qtype == "comparison":
        regs = rec.get("regions")
        if not isinstance(regs, list) or len(regs) < 2 or not all(_is_str(r) for r in regs):
            p.append(f"{at}: comparison needs regions: a list of 2+ region names")
        elif len(set(regs)) != len(regs):
            p.append(f"{at}: duplicate regions")
        elif len(srcs) < len(regs):
            p.append(
                f"{at}: comparison needs one source per region ({len(regs)} regions, {len(srcs)} sources)"
            )
    elif "regions" in rec:
        regs = rec["regions"]
        if not isinstance(regs, list) or not all(_is_str(r) for r in regs):
            p.append(f"{at}: regions must be a list of strings")

    # sources
    docs: list[str] = []
    for i, s in enumerate(srcs):
        sat = f"{at} sources[{i}]"
        if not isinstance(s, dict):
            p.append(f"{sat}: must be an object")
            continue
        for k in SOURCE_KEYS:
            if not _is_str(s.get(k)):
                p.append(f"{sat}: {k} must be a non-empty string")
        extra = set(s) - set(SOURCE_KEYS)
        if extra:
            p.append(f"{sat}: unknown keys {sorted(extra)}")
        if not all(_is_str(s.get(k)) for k in SOURCE_KEYS):
            continue
        doc, quote = s["doc"], s["quote"]
        raw = _raw_doc(doc)
        if raw is None:
            p.append(f"{sat}: document {doc!r} not found under corpus/")
            continue
        docs.append(doc)
        if not QUOTE_MIN <= len(quote) <= QUOTE_MAX:
            p.append(f"{sat}: quote is {len(quote)} chars (must be {QUOTE_MIN}-{QUOTE_MAX})")
        if quote not in raw:
            hint = " (matches only after normalisation)" if normalise(quote) in _norm_doc(doc) else ""
            p.append(f"{sat}: quote {quote!r} is not an exact substring of {doc}{hint}")
        if GLOSS_RE.search(quote) or any(c in quote for c in MOJIBAKE_CHARS):
            p.append(f"{sat}: quote contains a pinyin gloss or mojibake; pick a clean stretch")
    if qtype == "traditional" and any(d != TRADITIONAL_DOC for d in docs):
        p.append(f"{at}: traditional questions must be sourced only from {TRADITIONAL_DOC}")

    # must_include against the source documents (normalised)
    if docs:
        normed = [_norm_doc(d) for d in dict.fromkeys(docs)]
        for s in mi:
            ns = normalise(s)
            if not ns:
                p.append(f"{at}: must_include {s!r} is empty after normalisation")
            elif not any(ns in nd for nd in normed):
                p.append(f"{at}: must_include {s!r} not found in any source document")
    return p


def check(path, set_level: bool = True) -> list[str]:
    """Return a list of problems with the question file at *path* (empty = valid).

    ``set_level=False`` skips the whole-set minimums (total, type counts, unanswerable
    share, regulation coverage) so that small fixture files can be checked line by line.
    """
    if _CC is None:
        return ["opencc is not installed: the checker needs it for t2s normalisation"]
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        return [f"cannot read {path}: {e}"]

    problems: list[str] = []
    records = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            problems.append(f"line {n}: blank line")
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(f"line {n}: invalid JSON ({e})")
            continue
        problems.extend(check_record(rec, n))
        if isinstance(rec, dict):
            records.append(rec)

    ids = Counter(r.get("id") for r in records)
    for rid, c in ids.items():
        if c > 1:
            problems.append(f"id {rid!r} used {c} times")
    qs = Counter(r.get("question") for r in records if r.get("type") != "followup")
    for q, c in qs.items():
        if c > 1:
            problems.append(f"question repeated {c} times: {q!r}")

    if not set_level:
        return problems
    if records and all(str(r.get("id", "")).startswith("t") for r in records):
        return problems + _check_test_set(records)
    total = len(records)
    types = Counter(r.get("type") for r in records)
    if total < MIN_TOTAL:
        problems.append(f"only {total} questions (need >= {MIN_TOTAL})")
    if total and types["unanswerable"] / total < MIN_UNANSWERABLE_SHARE:
        problems.append(
            f"unanswerable share {types['unanswerable']}/{total} is below {MIN_UNANSWERABLE_SHARE:.0%}"
        )
    if types["unanswerable"] < MIN_UNANSWERABLE:
        problems.append(f"only {types['unanswerable']} unanswerable questions (need >= {MIN_UNANSWERABLE})")
    for t, m in MIN_COUNTS.items():
        if types[t] < m:
            problems.append(f"only {types[t]} {t} questions (need >= {m})")
    n_reg = sum(
        1
        for r in records
        if any(
            isinstance(s, dict) and str(s.get("doc", "")).startswith("regulations/")
            for s in (r.get("sources") or [])
        )
    )
    if n_reg < MIN_REGULATION_QUESTIONS:
        problems.append(
            f"only {n_reg} questions sourced from regulations/ (need >= {MIN_REGULATION_QUESTIONS})"
        )
    return problems


def _check_test_set(records: list) -> list[str]:
    """Set-level minimums of the blind test set: size, new types, half over corpus-new."""
    problems: list[str] = []
    total = len(records)
    types = Counter(r.get("type") for r in records)
    if total < TEST_MIN_TOTAL:
        problems.append(f"only {total} questions (need >= {TEST_MIN_TOTAL})")
    if types["unanswerable"] < TEST_MIN_UNANSWERABLE:
        problems.append(
            f"only {types['unanswerable']} unanswerable questions (need >= {TEST_MIN_UNANSWERABLE})"
        )
    for t, m in TEST_MIN_COUNTS.items():
        if types[t] < m:
            problems.append(f"only {types[t]} {t} questions (need >= {m})")
    answerable = [r for r in records if r.get("type") != "unanswerable"]
    n_new = sum(
        1
        for r in answerable
        if any(
            isinstance(s, dict) and str(s.get("doc", "")).startswith(NEW_PREFIX)
            for s in r.get("sources") or []
        )
    )
    if answerable and n_new / len(answerable) < TEST_MIN_NEW_SHARE:
        problems.append(f"only {n_new}/{len(answerable)} answerable questions cite new/ (need >= half)")
    return problems


def summary(path) -> str:
    recs = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    types = Counter(r["type"] for r in recs)
    n_reg = sum(1 for r in recs if any(s["doc"].startswith("regulations/") for s in r["sources"]))
    n_seed = sum(1 for r in recs if any(s["doc"].startswith("seed/") for s in r["sources"]))
    n_new = sum(1 for r in recs if any(s["doc"].startswith(NEW_PREFIX) for s in r["sources"]))
    parts = ", ".join(f"{t} {types[t]}" for t in TYPES if types[t])
    return (
        f"{len(recs)} questions: {parts}; {n_reg} cite regulations/, {n_seed} cite seed/, {n_new} cite new/"
    )


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT_FILE
    if _CC is None:
        print("opencc is not installed: the checker needs it for t2s normalisation", file=sys.stderr)
        return 2
    problems = check(path)
    if problems:
        for pr in problems:
            print(pr, file=sys.stderr)
        print(f"{len(problems)} problem(s) in {path}", file=sys.stderr)
        return 1
    print(f"OK {path}: {summary(path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
