"""OCR character accuracy on pages rendered from known text; writes eval/reports/ocr.md.

Pages are typeset like a 公文 (three-size type at 200 dpi, two-character indents, wrapped at the
margin) from text we know: paragraphs of the seed documents (Simplified and Traditional) and a
page dense with the forms OCR gets wrong most often (〔2024〕, Ⅱ类, 微克/立方米, PM2.5, 72.5%).
Some pages carry photocopy noise. Each page goes through the real loader (``load_bytes`` of a
.png, then of an image-only .pdf), so line grouping and paragraph joining are measured too.

Character accuracy = 1 - Levenshtein(OCR, truth) / len(truth), whitespace removed from both
(paragraph breaks are not characters). "strict" compares characters as they are; "width-folded"
first applies NFKC to both, so a half-width ， for a full-width one is not counted.

    .venv/bin/python eval/tools/ocr_accuracy.py            # all pages, writes the report
    .venv/bin/python eval/tools/ocr_accuracy.py --quick    # three pages, prints only
"""

from __future__ import annotations

import argparse
import sys
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from assistant.ingest.loaders import load_bytes, load_file  # noqa: E402
from assistant.ingest.normalize import normalize  # noqa: E402
from tests.ingest.files import (  # noqa: E402
    NOTO_SANS,
    NOTO_SERIF,
    SC,
    TC,
    image_bytes,
    render_page,
    scanned_pdf,
)

SEEDS = REPO / "corpus" / "seed"
SPECIAL = [
    "淇县人民政府办公室",
    "淇政办〔2024〕7号",
    "关于印发淇县2024年水污染防治攻坚方案的通知",
    "一、目标任务。到2024年底，全县地表水Ⅱ类及以上水质断面比例达到60%，国控断面水质稳定达到Ⅲ类标准。",
    "二、大气指标。PM2.5年均浓度控制在41.3微克/立方米以内，PM10年均浓度控制在72微克/立方米以内，优良天数比例达到72.5%。",
    "三、依据豫政办〔2023〕15号、鹤政〔2024〕3号和浚政〔2024〕12号文件要求，各乡镇（街道）要于2024年6月30日前完成整治。",
    "四、臭氧（O₃）浓度上升势头得到遏制，二氧化氮、一氧化碳浓度稳中有降。",
]
TRADITIONAL_SPECIAL = [
    "晉城市環境保護局關於加強水污染防治工作的通知",
    "晉環發〔2024〕18號",
    "一、到2024年底，全市地表水達到或優於Ⅲ類水質斷面比例達到80%，細顆粒物濃度控制在45微克/立方米以下。",
    "二、嚴格執行排放標準，確保環境質量持續改善，對違法排污行為依法從嚴查處。",
]


@dataclass
class PageCase:
    name: str
    paragraphs: list[str]
    font: Path
    face: int
    noise: float = 0.0


@dataclass
class PageResult:
    case: PageCase
    chars: int
    strict: float
    folded: float
    seconds: float
    tokens_found: int
    tokens_total: int


def _seed_paragraphs(name: str, start: int, count: int) -> list[str]:
    """About a page of a seed document's paragraphs; a long one is cut at a sentence end."""
    text = normalize(load_file(SEEDS / name)).display
    paras = [p for p in text.split("\n") if len(p) >= 8][start:]
    out: list[str] = []
    total = 0
    for p in paras[:count]:
        if len(p) > 260:
            cut = max(p.rfind(c, 0, 260) for c in "。；;")
            p = p[: cut + 1] if cut > 40 else p[:260]
        if total + len(p) > 560:
            break
        out.append(p)
        total += len(p)
    return out


def cases(quick: bool) -> list[PageCase]:
    out = [
        PageCase("special forms, serif", SPECIAL, NOTO_SERIF, SC),
        PageCase("traditional forms, serif", TRADITIONAL_SPECIAL, NOTO_SERIF, TC),
        PageCase(
            "jiyuan work points p.1, serif",
            _seed_paragraphs("henan-jiyuan-2024-work-points.txt", 0, 8),
            NOTO_SERIF,
            SC,
        ),
    ]
    if quick:
        return out
    out += [
        PageCase("special forms, sans, noisy", SPECIAL, NOTO_SANS, SC, noise=4.0),
        PageCase("traditional forms, sans, noisy", TRADITIONAL_SPECIAL, NOTO_SANS, TC, noise=4.0),
        PageCase(
            "jiyuan work points p.2, sans",
            _seed_paragraphs("henan-jiyuan-2024-work-points.txt", 8, 8),
            NOTO_SANS,
            SC,
        ),
        PageCase(
            "anhui work points, serif", _seed_paragraphs("anhui-2024-work-points.txt", 2, 8), NOTO_SERIF, SC
        ),
        PageCase(
            "zhengzhou action plan, serif, noisy",
            _seed_paragraphs("henan-zhengzhou-jingkaiqu-2023-2025-action-plan.txt", 3, 8),
            NOTO_SERIF,
            SC,
            noise=4.0,
        ),
        PageCase(
            "jincheng plan (Traditional), serif",
            _seed_paragraphs("shanxi-jincheng-inspection-rectification-plan.txt", 3, 6),
            NOTO_SERIF,
            TC,
        ),
        PageCase(
            "jincheng plan (Traditional), sans",
            _seed_paragraphs("shanxi-jincheng-inspection-rectification-plan.txt", 9, 6),
            NOTO_SANS,
            TC,
        ),
    ]
    return out


def levenshtein(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def accuracy(ocr: str, truth: str) -> float:
    a, b = "".join(ocr.split()), "".join(truth.split())
    return max(0.0, 1 - levenshtein(a, b) / max(len(b), 1))


def _tokens(truth: str) -> list[str]:
    marks = ["〔2024〕", "〔2023〕", "Ⅱ类", "Ⅲ类", "Ⅲ類", "微克/立方米", "PM2.5", "72.5%", "41.3"]
    return [m for m in marks for _ in range(truth.count(m))]


def run_page(case: PageCase) -> tuple[PageResult, str]:
    img = render_page(case.paragraphs, font=case.font, face=case.face, noise=case.noise, seed=len(case.name))
    truth = "\n".join(case.paragraphs)
    t0 = time.perf_counter()
    ocr = load_bytes(image_bytes(img), "page.png").text
    seconds = time.perf_counter() - t0
    toks = _tokens(truth)
    found = sum(min(ocr.count(t), truth.count(t)) for t in set(toks))
    nf = unicodedata.normalize
    return (
        PageResult(
            case,
            len("".join(truth.split())),
            accuracy(ocr, truth),
            accuracy(nf("NFKC", ocr), nf("NFKC", truth)),
            seconds,
            found,
            len(toks),
        ),
        ocr,
    )


def run_pdf(pages: list[PageCase]) -> tuple[float, int, float, list[str]]:
    """The same pages as one image-only PDF through the PDF path: accuracy, pages, seconds, progress."""
    images = [
        render_page(c.paragraphs, font=c.font, face=c.face, noise=c.noise, seed=len(c.name)) for c in pages
    ]
    data = scanned_pdf(images)
    messages: list[str] = []
    t0 = time.perf_counter()
    loaded = load_bytes(data, "scan.pdf", lambda done, total, msg: messages.append(f"{done}/{total} {msg}"))
    seconds = time.perf_counter() - t0
    truth = "\n".join(p for c in pages for p in c.paragraphs)
    return accuracy(loaded.text, truth), len(loaded.ocr_pages), seconds, messages


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--out", default=str(REPO / "eval" / "reports" / "ocr.md"))
    args = ap.parse_args()
    from assistant.ingest.formats.ocr import ocr_engine

    t0 = time.perf_counter()
    ocr_engine()
    load_s = time.perf_counter() - t0
    results: list[PageResult] = []
    diffs: list[tuple[str, str, str]] = []
    for case in cases(args.quick):
        r, ocr = run_page(case)
        results.append(r)
        diffs.append((case.name, "\n".join(case.paragraphs), ocr))
        print(f"{case.name}: strict {r.strict:.4f} folded {r.folded:.4f} {r.seconds:.1f}s", flush=True)
    total = sum(r.chars for r in results)
    strict = sum(r.strict * r.chars for r in results) / total
    folded = sum(r.folded * r.chars for r in results) / total
    secs = sum(r.seconds for r in results)
    print(f"ALL: strict {strict:.4f} folded {folded:.4f}, {len(results) / secs:.3f} pages/s")
    if args.quick:
        return
    pdf_acc, pdf_pages, pdf_s, progress = run_pdf([c.case for c in results[:4]])
    print(f"PDF: {pdf_acc:.4f} over {pdf_pages} OCR pages in {pdf_s:.1f}s")
    _write(
        Path(args.out), results, strict, folded, secs, load_s, (pdf_acc, pdf_pages, pdf_s, progress), diffs
    )


def _write(
    out: Path,
    results: list[PageResult],
    strict: float,
    folded: float,
    secs: float,
    load_s: float,
    pdf: tuple[float, int, float, list[str]],
    diffs: list[tuple[str, str, str]],
) -> None:
    import os
    import platform

    pdf_acc, pdf_pages, pdf_s, progress = pdf
    tok_found = sum(r.tokens_found for r in results)
    tok_total = sum(r.tokens_total for r in results)
    lines = [
        "# OCR accuracy on pages rendered from known text",
        "",
        "Produced by `eval/tools/ocr_accuracy.py` (RapidOCR, PP-OCR det/cls/rec models from the `rapidocr`",
        f"wheel, onnxruntime on CPU; {os.cpu_count()} cores, Python {platform.python_version()}).",
        "Pages are A4 at 200 dpi, 44 px type (三号), typeset with Noto Serif/Sans CJK SC or TC from",
        '`/usr/share/fonts`; "noisy" pages add photocopy speckles and blur. Every page goes through',
        "`load_bytes(…, 'page.png')`, the same path an uploaded scan takes.",
        "",
        "Character accuracy = 1 − edit distance / truth length, whitespace removed. *Strict* compares",
        "characters as written; *width-folded* applies NFKC to both sides first (so `,` for `，` is not",
        "an error).",
        "",
        f"**Overall: strict {strict:.2%}, width-folded {folded:.2%}** over {sum(r.chars for r in results)} characters",
        f"on {len(results)} pages; special forms (〔2024〕, Ⅱ类/Ⅲ类, 微克/立方米, PM2.5, 72.5%, 41.3) read exactly:",
        f"{tok_found}/{tok_total}.",
        "",
        "| page | characters | strict | width-folded | special forms | seconds |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for r in results:
        lines.append(
            f"| {r.case.name} | {r.chars} | {r.strict:.2%} | {r.folded:.2%} | {r.tokens_found}/{r.tokens_total} | {r.seconds:.1f} |"
        )
    lines += [
        "",
        "## Speed (2 cores)",
        "",
        f"- model load: {load_s:.1f} s once per process",
        f"- images: {len(results) / secs:.2f} pages/s ({secs / len(results):.1f} s a page)",
        f"- image-only PDF of {pdf_pages} pages through the PDF path (render at 200 dpi + OCR): "
        f"{pdf_s:.1f} s, {pdf_pages / pdf_s:.2f} pages/s, accuracy {pdf_acc:.2%}",
        f"- progress messages seen: {len(progress)} (e.g. `{progress[0] if progress else ''}`)",
        "",
        "## What the errors are",
        "",
    ]
    for name, truth, ocr in diffs:
        errs = _errors(truth, ocr)
        if errs:
            lines.append(f"- {name}: " + "; ".join(errs[:8]))
    lines.append("")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {out}")


def _errors(truth: str, ocr: str) -> list[str]:
    """Differing stretches, as truth→ocr, via difflib on the whitespace-free strings."""
    import difflib

    a, b = "".join(truth.split()), "".join(ocr.split())
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op != "equal":
            out.append(f"`{a[max(0, i1 - 3) : i2 + 3]}`→`{b[max(0, j1 - 3) : j2 + 3]}`")
    return out


if __name__ == "__main__":
    main()
