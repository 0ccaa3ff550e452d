"""How the library behaves at 100k and 1M chunks: build, one-document writes, questions, memory, disk.

``make bench-scale`` (not part of ``make test``) runs, for each size:

    python -m assistant.bench_scale build /tmp/scale-lib/100k --chunks 100000
    python -m assistant.bench_scale measure /tmp/scale-lib/100k --out eval/reports/scale/100k.json
    python -m assistant.bench_scale report eval/reports/scale/*.json --out eval/reports/scale.md

The library is made of real sentences of the bundled corpus re-sampled into synthetic documents
(chapters and articles, titles naming a province so the region filter applies), parsed by the
real pipeline. To reach a million chunks on two cores, a few hundred such documents are parsed and
segmented once and then cloned under new ids (each clone its own document, chunk ids and vectors).
Vectors are random unit vectors stored under the default embedder's id, so questions are embedded
by the real model and run against a full-size Chroma collection; the dense ranking itself is
meaningless, its cost is not. Each ``measure`` runs in a fresh process, so its RSS is serving's own.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from assistant.bench_storage import SMALL_DOC
from assistant.config import REPO_ROOT, Settings
from assistant.numbering import OUTLINE_NUMERAL

# Provinces named in titles: the region filter picks one of them.
_PROVINCES = [
    "河南省",
    "山东省",
    "浙江省",
    "安徽省",
    "江苏省",
    "广东省",
    "四川省",
    "湖北省",
    "湖南省",
    "河北省",
    "福建省",
    "江西省",
    "山西省",
    "陕西省",
    "辽宁省",
    "吉林省",
    "云南省",
    "贵州省",
    "甘肃省",
    "海南省",
]
_TOPICS = [
    "大气污染防治条例",
    "水污染防治条例",
    "固体废物污染环境防治条例",
    "生态环境保护条例",
    "节约用水条例",
    "湿地保护条例",
    "城市市容和环境卫生管理条例",
    "土壤污染防治条例",
    "农业生态环境保护条例",
    "扬尘污染防治办法",
    "气候资源保护与开发利用条例",
    "噪声污染防治条例",
]
_CHAPTERS = ["总则", "监督管理", "预防措施", "治理与修复", "保障措施", "法律责任", "附则"]
_CN = OUTLINE_NUMERAL
_SENTENCE = re.compile(r"[^。！？；\n]{12,160}[。；]")


class _StoredVectors:
    """Stands in for the default embedder while building: same id and dimension, no model."""

    def __init__(self, model_id: str, dimension: int) -> None:
        self.model_id, self.dimension = model_id, dimension

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        raise RuntimeError("the scale library is built from stored vectors only")

    def embed_query(self, text: str) -> np.ndarray:
        raise RuntimeError("the scale library is built from stored vectors only")


def _cn(n: int) -> str:
    if n <= 10:
        return _CN[n - 1] if n < 10 else "十"
    tens, ones = divmod(n, 10)
    return (_CN[tens - 1] if tens > 1 else "") + "十" + (_CN[ones - 1] if ones else "")


def corpus_sentences(corpus: Path) -> list[str]:
    """Every sentence of the bundled corpus's bodies (after the title block)."""
    out: list[str] = []
    for f in sorted(corpus.rglob("*.md")):
        body = f.read_text(encoding="utf-8").split("<!-- INFO END -->")[-1]
        for line in body.splitlines():
            if line.startswith(("#", "第")):
                line = line.split(" ", 1)[-1]
            out += [s.strip() for s in _SENTENCE.findall(line)]
    return out


def synthetic_text(rng: random.Random, sentences: list[str], province: str) -> str:
    """One regulation: a title naming the province, chapters of articles of sampled sentences."""
    title = f"{province}{rng.choice(_TOPICS)}"
    lines = [
        f"# {title}",
        "",
        f"{rng.randint(2005, 2024)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日 "
        f"{province[:-1]}人民代表大会常务委员会会议通过",
        "",
        "<!-- INFO END -->",
        "",
    ]
    article = 0
    for c in range(rng.randint(4, 7)):
        lines += [f"## 第{_cn(c + 1)}章  {_CHAPTERS[min(c, len(_CHAPTERS) - 1)]}", ""]
        for _ in range(rng.randint(4, 10)):
            article += 1
            body = "".join(rng.choice(sentences) for _ in range(rng.randint(1, 4)))
            lines += [f"第{_cn(article)}条 {body}", ""]
    return "\n".join(lines)


@dataclass
class Build:
    chunks: int
    documents: int
    templates: int
    seconds: float
    chunks_per_s: float
    disk_mb: float


def build(root: Path, target: int, templates: int = 300, seed: int = 11, batch: int = 100) -> Build:
    """A library of about ``target`` chunks under ``root`` (replaced if present)."""
    from assistant.chunking import StructureChunker
    from assistant.embeddings.use import USEEmbedder
    from assistant.index.bm25 import BM25Index
    from assistant.index.docstore import StoredDocument
    from assistant.index.index import Index
    from assistant.ingest.pipeline import prepare
    from assistant.schema import content_id

    if root.exists():
        shutil.rmtree(root)
    t0 = time.perf_counter()
    rng = random.Random(seed)
    sentences = corpus_sentences(REPO_ROOT / "corpus")
    chunker = StructureChunker()
    pool = []
    for i in range(templates):
        text = synthetic_text(rng, sentences, _PROVINCES[i % len(_PROVINCES)])
        name = f"syn-{i:04d}.md"
        stored = prepare(Path(name), chunker, data=text.encode(), doc_id=f"tpl-{i:04d}").stored
        pool.append((stored, BM25Index.tokens(stored.chunks)))
    model = USEEmbedder
    settings = Settings(data_dir=root, corpus_dir=REPO_ROOT / "corpus")
    index = Index(settings, embedder=_StoredVectors(model.model_id, model.dimension))
    made, docs_made, pending = 0, 0, []
    vec_rng = np.random.default_rng(seed)
    while made < target:
        stored, words = pool[docs_made % len(pool)]
        doc_id = f"syn-{docs_made:07d}"
        meta = replace(stored.meta, doc_id=doc_id, title=f"{stored.meta.title}（第{docs_made}号）")
        chunks, clone_words = [], {}
        for c in stored.chunks:
            cid = content_id(doc_id, stored.content_hash, str(c.start), str(c.end), c.text)
            chunks.append(replace(c, chunk_id=cid, doc_id=doc_id, meta=meta))
            clone_words[cid] = words[c.chunk_id]
        pending.append(
            (
                StoredDocument(
                    meta, stored.text, f"{doc_id}:{stored.content_hash}", stored.pipeline_version, chunks
                ),
                clone_words,
            )
        )
        made += len(chunks)
        docs_made += 1
        if len(pending) == batch or made >= target:
            docs = [d for d, _ in pending]
            n = sum(len(d.chunks) for d in docs)
            vectors = vec_rng.standard_normal((n, model.dimension), dtype=np.float32)
            vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
            all_words = {k: v for _, w in pending for k, v in w.items()}
            index.write(docs, vectors=vectors, words=all_words)
            pending = []
            print(f"{made} chunks, {docs_made} documents, {time.perf_counter() - t0:.0f} s", flush=True)
    index.db.close()
    seconds = time.perf_counter() - t0
    return Build(made, docs_made, templates, seconds, made / seconds, _disk_mb(root))


def _disk_mb(root: Path) -> float:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file()) / 1e6


def _rss_mb() -> float:
    """Current resident set size (Linux /proc), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


@dataclass
class Measure:
    chunks: int
    documents: int
    open_s: float
    rss_open_mb: float
    rss_mb: float  # after every question below
    peak_rss_mb: float
    add_s: list[float] = field(default_factory=list)
    remove_s: list[float] = field(default_factory=list)
    ask_ms: dict[str, list[float]] = field(default_factory=dict)
    disk_mb: float = 0.0

    def quantile(self, key: str, q: float) -> float:
        xs = sorted(self.ask_ms[key])
        return xs[min(len(xs) - 1, int(q * len(xs)))]


def questions(n: int) -> list[str]:
    rows = [json.loads(x) for x in (REPO_ROOT / "eval" / "questions.jsonl").read_text().splitlines() if x]
    return [r["question"] for r in rows if r.get("question")][:n]


def measure(root: Path, n_questions: int = 40, repeats: int = 3) -> Measure:
    """Open the library, ask with and without a region filter, add and remove one document."""
    from assistant.core import Assistant

    t0 = time.perf_counter()
    a = Assistant(Settings(data_dir=root, corpus_dir=REPO_ROOT / "corpus"))
    n_chunks = a.index.chunk_count()
    n_docs = len(a.index.documents())
    open_s = time.perf_counter() - t0
    rss_open = _rss_mb()
    qs = questions(n_questions)
    a.ask(qs[0])  # loads the model and the answerer: not a question's cost
    ask: dict[str, list[float]] = {"all": [], "region": []}
    for i, q in enumerate(qs):
        t = time.perf_counter()
        a.ask(q)
        ask["all"].append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        a.ask(q, regions=[_PROVINCES[i % 4][:-1]])  # 河南 山东 浙江 安徽: in the corpus too
        ask["region"].append((time.perf_counter() - t) * 1000)
    rss = _rss_mb()
    m = Measure(n_chunks, n_docs, open_s, rss_open, rss, 0.0, ask_ms=ask)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "某县农村生活垃圾分类管理暂行办法.md"
        src.write_text(SMALL_DOC, encoding="utf-8")
        for _ in range(repeats):
            t = time.perf_counter()
            report = a.ingest([src])
            m.add_s.append(time.perf_counter() - t)
            t = time.perf_counter()
            a.remove(report.added)
            m.remove_s.append(time.perf_counter() - t)
    m.peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    m.disk_mb = _disk_mb(root)
    return m


def _svg(rows: list[dict[str, Any]]) -> str:
    """Cost against size, drawn by hand (log-scaled chunks on x): ask p95, add, remove."""
    w, h, pad = 640, 360, 60
    xs = [r["chunks"] for r in rows]
    series = {
        "提问 p95（区域过滤，ms）": ("#d62728", [r["ask_region_p95_ms"] for r in rows]),
        "提问 p95（不过滤，ms）": ("#1f77b4", [r["ask_all_p95_ms"] for r in rows]),
        "新增一个文件（ms）": ("#2ca02c", [r["add_median_s"] * 1000 for r in rows]),
        "删除一个文件（ms）": ("#9467bd", [r["remove_median_s"] * 1000 for r in rows]),
    }
    top = max(max(v) for _, v in series.values()) * 1.1
    lx = [np.log10(x) for x in xs]
    x0, x1 = min(lx) - 0.2, max(lx) + 0.2

    def px(x: float) -> float:
        return pad + (np.log10(x) - x0) / (x1 - x0) * (w - 2 * pad)

    def py(y: float) -> float:
        return h - pad - y / top * (h - 2 * pad)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" font-size="12">',
        f'<rect width="{w}" height="{h}" fill="white"/>',
        f'<line x1="{pad}" y1="{h - pad}" x2="{w - pad}" y2="{h - pad}" stroke="black"/>',
        f'<line x1="{pad}" y1="{pad}" x2="{pad}" y2="{h - pad}" stroke="black"/>',
        f'<text x="{w / 2}" y="{h - 15}" text-anchor="middle">片段数（对数轴）</text>',
        f'<text x="15" y="{h / 2}" transform="rotate(-90 15 {h / 2})" text-anchor="middle">毫秒</text>',
    ]
    for x in xs:
        out.append(f'<text x="{px(x):.0f}" y="{h - pad + 16}" text-anchor="middle">{x:,}</text>')
    for k in range(5):
        y = top * k / 4
        out.append(f'<text x="{pad - 6}" y="{py(y) + 4:.0f}" text-anchor="end">{y:.0f}</text>')
    for j, (name, (color, ys)) in enumerate(series.items()):
        pts = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in zip(xs, ys, strict=True))
        out.append(f'<polyline points="{pts}" fill="none" stroke="{color}" stroke-width="2"/>')
        out += [
            f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3" fill="{color}"/>'
            for x, y in zip(xs, ys, strict=True)
        ]
        out.append(f'<text x="{pad + 10}" y="{pad + 14 * j}" fill="{color}">{name}</text>')
    out.append("</svg>")
    return "\n".join(out)


def summary(build_json: dict[str, Any], m: dict[str, Any]) -> dict[str, Any]:
    def q(key: str, p: float) -> float:
        xs = sorted(m["ask_ms"][key])
        return xs[min(len(xs) - 1, int(p * len(xs)))]

    return {
        "chunks": m["chunks"],
        "documents": m["documents"],
        "build_chunks_per_s": build_json.get("chunks_per_s", 0.0),
        "open_s": m["open_s"],
        "ask_all_p50_ms": q("all", 0.5),
        "ask_all_p95_ms": q("all", 0.95),
        "ask_region_p50_ms": q("region", 0.5),
        "ask_region_p95_ms": q("region", 0.95),
        "add_median_s": statistics.median(m["add_s"]),
        "remove_median_s": statistics.median(m["remove_s"]),
        "rss_mb": m["rss_mb"],
        "peak_rss_mb": m["peak_rss_mb"],
        "disk_mb": m["disk_mb"],
    }


def table(rows: list[dict[str, Any]]) -> str:
    """The Markdown table of the report, one column per library size."""
    lines = [
        ("片段 chunks", lambda r: f"{r['chunks']:,}"),
        ("文件 documents", lambda r: f"{r['documents']:,}"),
        ("build rate (chunks/s)", lambda r: f"{r['build_chunks_per_s']:.0f}"),
        ("open (s)", lambda r: f"{r['open_s']:.1f}"),
        ("ask p50 / p95, no filter (ms)", lambda r: f"{r['ask_all_p50_ms']:.0f} / {r['ask_all_p95_ms']:.0f}"),
        (
            "ask p50 / p95, region filter (ms)",
            lambda r: f"{r['ask_region_p50_ms']:.0f} / {r['ask_region_p95_ms']:.0f}",
        ),
        ("add one document, median (s)", lambda r: f"{r['add_median_s']:.2f}"),
        ("remove one document, median (s)", lambda r: f"{r['remove_median_s']:.2f}"),
        ("RSS after the questions (MB)", lambda r: f"{r['rss_mb']:.0f}"),
        ("peak RSS (MB)", lambda r: f"{r['peak_rss_mb']:.0f}"),
        ("disk (MB)", lambda r: f"{r['disk_mb']:.0f}"),
    ]
    head = "| | " + " | ".join(f"{r['chunks']:,}" for r in rows) + " |"
    sep = "|---|" + "---|" * len(rows)
    body = [f"| {name} | " + " | ".join(cell(r) for r in rows) + " |" for name, cell in lines]
    return "\n".join([head, sep, *body])


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m assistant.bench_scale")
    sub = p.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build")
    b.add_argument("root", type=Path)
    b.add_argument("--chunks", type=int, required=True)
    b.add_argument("--templates", type=int, default=300)
    m = sub.add_parser("measure")
    m.add_argument("root", type=Path)
    m.add_argument("--out", type=Path, required=True)
    m.add_argument("--questions", type=int, default=40)
    r = sub.add_parser("report")
    r.add_argument("results", type=Path, nargs="+")
    r.add_argument("--chart", type=Path, required=True)
    args = p.parse_args(argv)
    if args.cmd == "report":
        rows = sorted((json.loads(f.read_text())["summary"] for f in args.results), key=lambda x: x["chunks"])
        args.chart.write_text(_svg(rows), encoding="utf-8")
        print(table(rows))
        return 0
    if args.cmd == "build":
        built = build(args.root, args.chunks, args.templates)
        (args.root / "build.json").write_text(json.dumps(asdict(built), indent=1))
        print(json.dumps(asdict(built)))
    else:
        result = asdict(measure(args.root, args.questions))
        made = args.root / "build.json"  # absent for a library ingested from real files
        built = json.loads(made.read_text()) if made.exists() else {}
        result["summary"] = summary(built, result)
        result["build"] = built
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=1, ensure_ascii=False))
        print(json.dumps(result["summary"], ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
