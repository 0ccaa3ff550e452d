"""Write the evaluation report: ``report.md``, ``report.json`` and ``per_type.png``.

``report.md`` has a headline table (one row per configuration), a per-type table for our
configuration (structure chunker + hybrid retrieval, else the first run) and a table of its
failures. ``report.json`` holds every configuration's aggregates, per-type aggregates and
per-question scores. ``per_type.png`` compares per-type accuracy across configurations (for the
unanswerable type the bar is the rejection rate).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assistant.evaluation.dataset import TYPES
from assistant.evaluation.metrics import Aggregate
from assistant.evaluation.runner import EvalRun

__all__ = ["CJK_FONTS", "failures", "headline_rows", "ours", "write_report"]

CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Noto Sans CJK JP",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "SimHei",
    "Microsoft YaHei",
)
TYPE_ZH = {
    "factoid": "事实",
    "list": "列举",
    "comparison": "对比",
    "citation": "引用",
    "unanswerable": "拒答",
    "traditional": "繁体",
    "followup": "追问",
}
_ANSWER_CLIP = 160

HEADLINE = (
    ("Hit@1", "hit1", "pct"),
    ("Hit@5", "hit5", "pct"),
    ("MRR", "mrr", "num"),
    ("accuracy", "accuracy", "pct"),
    ("concise acc.", "concise_accuracy", "pct"),
    ("citation P", "citation_precision", "pct"),
    ("citation R", "citation_recall", "pct"),
    ("rejection", "rejection_rate", "pct"),
    ("false rejection", "false_rejection_rate", "pct"),
    ("median length", "median_length", "int"),
    ("p50 ms", "latency_p50_ms", "int"),
    ("p95 ms", "latency_p95_ms", "int"),
)
PER_TYPE = (
    ("n", "n", "int"),
    ("Hit@1", "hit1", "pct"),
    ("Hit@5", "hit5", "pct"),
    ("MRR", "mrr", "num"),
    ("correct", "correct_rate", "pct"),
    ("concise acc.", "concise_accuracy", "pct"),
    ("citation P", "citation_precision", "pct"),
    ("citation R", "citation_recall", "pct"),
    ("region R", "region_recall", "pct"),
    ("false rejection", "false_rejection_rate", "pct"),
    ("median length", "median_length", "int"),
    ("p50 ms", "latency_p50_ms", "int"),
)


def _fmt(value: float | int | None, kind: str) -> str:
    if value is None:
        return "–"
    if kind == "pct":
        return f"{value:.1%}"
    if kind == "num":
        return f"{value:.3f}"
    return f"{value:.0f}"


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(_cell(c) for c in r) + " |" for r in rows]
    return out


def _values(agg: Aggregate, columns: Sequence[tuple[str, str, str]]) -> list[str]:
    return [_fmt(getattr(agg, attr), kind) for _, attr, kind in columns]


def ours(runs: Sequence[EvalRun]) -> EvalRun:
    """Our configuration: structure chunker with hybrid retrieval, else the first run."""
    return next((r for r in runs if r.is_ours), runs[0])


def headline_rows(runs: Sequence[EvalRun]) -> list[list[str]]:
    return [[r.label, str(r.scores.overall.n), *_values(r.scores.overall, HEADLINE)] for r in runs]


def failures(run: EvalRun) -> list[dict[str, Any]]:
    """Questions answered wrongly (or wrongly refused / not refused), in question order."""
    by_id = {r["id"]: r for r in run.records}
    cases = {c.id: c for c in run.cases}
    out = []
    for s in run.scores.cases:
        if s.correct:
            continue
        case = cases.get(s.id)
        rec = by_id.get(s.id, {})
        if case is None:
            continue
        if not case.answerable:
            expected = "（应拒答 should abstain）"
        elif s.abstained:
            expected = " / ".join(case.must_include) + "（误拒答 wrongly abstained）"
        else:
            expected = " / ".join(case.must_include)
        sources = [
            " › ".join([_clip(p.get("title", ""), 30), *p.get("section_path", [])])
            for p in rec.get("retrieved", [])[:3]
        ]
        out.append(
            {
                "id": s.id,
                "type": s.type,
                "question": case.question,
                "expected": expected,
                "missing": s.missing,
                "answer": rec.get("error") or rec.get("answer", ""),
                "top3": sources,
            }
        )
    return out


def _markdown(runs: Sequence[EvalRun], png: str | None) -> str:
    main = ours(runs)
    lines = [
        "# 评测报告 Evaluation report",
        "",
        f"Generated {datetime.now(UTC).isoformat(timespec='seconds')} from "
        f"`{main.questions}` ({main.scores.overall.n} questions, "
        f"{main.scores.overall.n_answerable} answerable, {main.scores.overall.n_unanswerable} unanswerable).",
        "",
        "## Headline",
        "",
    ]
    lines += _table(["configuration", "n", *(h for h, _, _ in HEADLINE)], headline_rows(runs))
    lines += [
        "",
        "Hit@k / MRR: a retrieved passage (top 10) contains a gold quote; the passages are those "
        "the question's route reads (`Assistant.retrieve`): for a catalogue answer, the record "
        "lines, headings and page-header fields it quotes, then the passages nearest its words. "
        "Accuracy: answerable "
        "questions whose answer contains every `must_include` string (after t2s, width, "
        "punctuation and numeral normalisation). Concise: correct and at most "
        "max(400, 6 × reference length) characters. Citation P: cited quotes that contain a gold "
        "quote or a `must_include` string, or share ≥ 60 % of the cited sentence's character "
        "bigrams; R: gold quotes inside a cited quote or chunk. Rejection: unanswerable questions "
        "refused; false rejection: answerable questions refused. Length in characters; latency is "
        "the wall time of one `ask`.",
        "",
        f"## Per question type — {main.label}",
        "",
    ]
    type_rows = [[t, *_values(a, PER_TYPE)] for t, a in main.scores.per_type.items()]
    type_rows.append(["all", *_values(main.scores.overall, PER_TYPE)])
    lines += _table(["type", *(h for h, _, _ in PER_TYPE)], type_rows)
    lines += ["", "`correct` is accuracy for answerable types and the rejection rate for `unanswerable`.", ""]
    if png:
        lines += [f"![per-type accuracy]({png})", ""]
    fails = failures(main)
    lines += [f"## Failures — {main.label} ({len(fails)})", ""]
    if fails:
        lines += _table(
            ["id", "type", "question", "expected (must_include)", "our answer", "top-3 retrieved"],
            [
                [
                    f["id"],
                    f["type"],
                    f["question"],
                    f["expected"],
                    _clip(f["answer"], _ANSWER_CLIP),
                    "<br>".join(_cell(s) for s in f["top3"]) or "–",
                ]
                for f in fails
            ],
        )
    else:
        lines.append("None.")
    lines.append("")
    return "\n".join(lines)


def _cjk_font() -> str | None:
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


def plot_per_type(runs: Sequence[EvalRun], path: Path) -> Path:
    """Grouped bars of per-type correctness, one bar per configuration."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    types: list[str] = [t for t in TYPES if any(t in r.scores.per_type for r in runs)]
    types += sorted({t for r in runs for t in r.scores.per_type} - set(types))
    font = _cjk_font()
    labels = [f"{TYPE_ZH[t]}\n{t}" if font and t in TYPE_ZH else t for t in types]
    width = 0.8 / max(1, len(runs))
    fig, ax = plt.subplots(figsize=(max(8.0, 1.4 * len(types) + 2), 4.8))
    try:
        for i, run in enumerate(runs):
            values = []
            for t in types:
                agg = run.scores.per_type.get(t)
                v = agg.correct_rate if agg is not None else None
                values.append(0.0 if v is None else v)
            xs = [j + (i - (len(runs) - 1) / 2) * width for j in range(len(types))]
            ax.bar(xs, values, width=width, label=run.label)
        ax.set_xticks(list(range(len(types))))
        if font:
            ax.set_xticklabels(labels, fontfamily=font)
        else:
            ax.set_xticklabels(labels)
        ax.set_ylim(0, 1)
        ax.set_ylabel("accuracy (unanswerable: rejection rate)")
        ax.set_title("Per-type accuracy by configuration")
        ax.grid(axis="y", alpha=0.3)
        ax.legend(fontsize="small", loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=2)
        fig.tight_layout()
        path.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path, dpi=120)
    finally:
        plt.close(fig)
    return path


def write_report(runs: Sequence[EvalRun], out_dir: Path | str) -> dict[str, Path]:
    """Write report.md, report.json and per_type.png under ``out_dir``; return their paths."""
    if not runs:
        raise ValueError("write_report needs at least one run")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    png = plot_per_type(runs, out / "per_type.png")
    md = out / "report.md"
    md.write_text(_markdown(runs, png.name), encoding="utf-8")
    data = {
        "generated": datetime.now(UTC).isoformat(timespec="seconds"),
        "ours": ours(runs).label,
        "runs": [r.to_dict() for r in runs],
    }
    js = out / "report.json"
    js.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return {"md": md, "json": js, "png": png}
