"""Score metadata extraction field by field against hand-checked truth; writes eval/reports/metadata.md.

The truth (``eval/metadata_truth.jsonl``) was written by reading each document: 60 regulations
sampled evenly from ``../shared/corpus-new`` (河南 20, 山东 21, 浙江 19; documents no rule was
written for) and 15 uploads in ``eval/metadata_uploads`` written like the files officials receive
(公文 with 发文机关标志, 文号 in 〔〕[]()【】 and full-width forms, 落款, dates in Chinese numerals,
a saved web page with a header table, Traditional script, a State Council regulation, a ministry
order). Some uploads are converted to DOCX / OFD / PDF first (``"as"``), so the same path as an
upload is measured: loader → normaliser → ``extract_metadata``.

A field is *correct* when it equals the truth (a list in the truth gives accepted forms; ``null``
means the text does not say, and then only "unknown" is correct), *unknown* when we say nothing
where the truth has a value, and *wrong* otherwise. Strings are compared without spaces, in
Simplified script.

    .venv/bin/python eval/tools/metadata_score.py [--out eval/reports/metadata.md]
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from assistant.chunking import StructureChunker  # noqa: E402
from assistant.ingest.pipeline import prepare  # noqa: E402
from assistant.schema import DocumentMeta  # noqa: E402

TRUTH = REPO / "eval" / "metadata_truth.jsonl"
SOURCES = {
    "corpus-new/": REPO.parent / "shared" / "corpus-new",
    "uploads/": REPO / "eval" / "metadata_uploads",
}

FIELDS = [
    "title",
    "doc_number",
    "issuer",
    "written_date",
    "published_date",
    "adopted_date",
    "revised_date",
    "effective_date",
    "region",
    "level",
    "doc_type",
]


def _source(path: str) -> Path:
    for prefix, root in SOURCES.items():
        if path.startswith(prefix):
            return root / path[len(prefix) :]
    raise ValueError(path)


def _convert(text: str, fmt: str, tmp: Path) -> bytes:
    """The upload's text as a file of another format, laid out one paragraph a line."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if fmt == "docx":
        import docx

        d = docx.Document()
        for ln in lines:
            d.add_paragraph(ln)
        buf = io.BytesIO()
        d.save(buf)
        return buf.getvalue()
    from tests.ingest.files import ofd_file, text_pdf

    if fmt == "ofd":
        styled = [("title" if k < 3 or len(ln) < 24 else "body", ln) for k, ln in enumerate(lines)]
        return ofd_file(styled)
    if fmt == "pdf":
        return text_pdf(lines, tmp)
    raise ValueError(fmt)


def extract(entry: dict[str, Any], tmp: Path) -> DocumentMeta:
    src = _source(entry["path"])
    data = src.read_bytes()
    name = src.name
    if entry.get("as"):
        data = _convert(data.decode("utf-8"), entry["as"], tmp)
        name = f"{src.stem}.{entry['as']}"
    path = tmp / name
    path.write_bytes(data)
    return prepare(path, StructureChunker(), data=data, doc_id="eval").stored.meta


def _norm(value: Any) -> Any:
    if value is None:
        return None
    from assistant.ingest.normalize import to_simplified_aligned

    return to_simplified_aligned("".join(str(value).split()))


def value_of(meta: DocumentMeta, field: str) -> Any:
    if field == "region":
        return [meta.province, meta.city, meta.district]
    return getattr(meta, field)


def judge(field: str, got: Any, want: Any) -> str:
    """ "correct", "unknown" or "wrong"; a list in the truth (except a region) lists accepted forms."""
    accepted = want if isinstance(want, list) and field != "region" else [want]
    empty = got is None or (isinstance(got, list) and all(x is None for x in got))
    if any(_same(got, w) for w in accepted):
        return "correct"
    return "unknown" if empty else "wrong"


def _same(got: Any, want: Any) -> bool:
    if isinstance(want, list):
        return isinstance(got, list) and [_norm(x) for x in got] == [_norm(x) for x in want]
    return _norm(got) == _norm(want)


def score(
    truth: list[dict[str, Any]],
) -> tuple[dict[str, dict[str, Counter[str]]], list[tuple[str, str, str, str, Any, Any]]]:
    """Verdict counts per set ("dev", "heldout") and field, and every miss."""
    counts: dict[str, dict[str, Counter[str]]] = {}
    misses: list[tuple[str, str, str, str, Any, Any]] = []
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        for entry in truth:
            meta = extract(entry, tmp)
            group = entry.get("set", "dev")
            for f in FIELDS:
                got, want = value_of(meta, f), entry[f]
                verdict = judge(f, got, want)
                for key in (group, "all"):
                    counts.setdefault(key, {g: Counter() for g in FIELDS})[f][verdict] += 1
                if verdict != "correct":
                    misses.append((group, entry["path"], f, verdict, got, want))
    return counts, misses


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(REPO / "eval" / "reports" / "metadata.md"))
    args = ap.parse_args()
    truth = [json.loads(line) for line in TRUTH.read_text(encoding="utf-8").splitlines() if line.strip()]
    counts, misses = score(truth)
    for group, table in counts.items():
        n = sum(table["title"].values())
        print(f"== {group} ({n} documents)")
        for f in FIELDS:
            c = table[f]
            print(
                f"{f:15} correct {c['correct']:3}/{n} ({c['correct'] / n:.1%})  unknown {c['unknown']:2}  wrong {c['wrong']:2}"
            )
    for group, path, f, verdict, got, want in misses:
        print(f"  [{group}] {verdict:7} {f:14} {path}: got {got!r} want {want!r}")
    _write(Path(args.out), truth, counts, misses)


def _write(
    out: Path,
    truth: list[dict[str, Any]],
    counts: dict[str, dict[str, Counter[str]]],
    misses: list[tuple[str, str, str, str, Any, Any]],
) -> None:
    def tally(group: str, kind: str) -> int:
        return sum(1 for t in truth if t.get("set", "dev") == group and t["path"].startswith(kind))

    lines = [
        "# Metadata of unseen documents, field by field",
        "",
        "Produced by `eval/tools/metadata_score.py` against `eval/metadata_truth.jsonl`; the truth was written",
        "by reading each document. Two sets:",
        "",
        f"- **dev** ({tally('dev', 'corpus-new/')} regulations sampled evenly from `../shared/corpus-new` —",
        "  河南, 山东, 浙江, documents no rule had been written for — and",
        f"  {tally('dev', 'uploads/')} uploads in `eval/metadata_uploads/`): the rules of `assistant/ingest/"
        "metadata.py`, `layout.py` and `docnumber.py` were developed while looking at its misses.",
        f"- **heldout** ({tally('heldout', 'corpus-new/')} other corpus-new regulations and",
        f"  {tally('heldout', 'uploads/')} uploads in `eval/metadata_uploads/heldout/`): truth written after",
        "  the rules were done, scored once; no rule was changed for it.",
        "",
        "Uploads are 公文 as officials receive them (发文机关标志, 文号 in 〔〕[]()【】 and full-width forms,",
        "joint issuers, 落款, dates in Chinese numerals, a saved page with a header, Traditional script, GBK,",
        "a State Council regulation, a ministry order); some are converted to DOCX / OFD / PDF first, so",
        "they take the upload path: loader → normaliser → `extract_metadata`.",
        "",
        "*unknown* = we say nothing where the text states a value; *wrong* = we state a different value;",
        "a `null` truth is correct only when we say nothing too.",
        "",
    ]
    for group in ("dev", "heldout", "all"):
        if group not in counts:
            continue
        table = counts[group]
        n = sum(table["title"].values())
        lines += [
            f"## {group} ({n} documents)",
            "",
            "| field | correct | unknown | wrong |",
            "| --- | --- | --- | --- |",
        ]
        for f in FIELDS:
            c = table[f]
            lines.append(
                f"| {f} | {c['correct']}/{n} ({c['correct'] / n:.1%}) | {c['unknown']} | {c['wrong']} |"
            )
        lines.append("")
    lines += ["## Every miss", ""]
    if not misses:
        lines.append("None.")
    for group, path, f, verdict, got, want in misses:
        lines.append(f"- [{group}] {verdict} `{f}` in `{path}`: got `{got}`, truth `{want}`")
    lines.append("")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
