"""``policy-assistant``: a thin command line over :class:`assistant.core.Assistant`.

Errors from the core arrive as :class:`~assistant.errors.AssistantError` and are printed as their
(Chinese) message with exit code 2; nothing else is caught.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from assistant.display import meta_rows
from assistant.errors import AssistantError

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def _assistant():  # type: ignore[no-untyped-def]
    from assistant.core import Assistant

    return Assistant()


def cmd_ingest(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    a = _assistant()
    if args.if_missing and a.is_indexed():
        print(f"索引已存在，共 {len(a.documents())} 个文件 (index present; skipping ingest)")
        return 0
    files_bar: tqdm | None = None
    embed_bar: tqdm | None = None

    def on_file(path: Path, i: int, n: int) -> None:
        nonlocal files_bar
        if files_bar is None:
            files_bar = tqdm(total=n, desc="解析 parse", unit="file", file=sys.stderr)
        files_bar.update(1)

    def on_embed(done: int, total: int) -> None:
        nonlocal embed_bar
        if embed_bar is None:
            embed_bar = tqdm(total=total, desc="向量 embed", unit="chunk", file=sys.stderr)
        embed_bar.update(done - embed_bar.n)

    report = a.ingest(
        args.paths or None, on_file=on_file, on_embed=on_embed, replace_older=args.replace_older
    )
    for bar in (files_bar, embed_bar):
        if bar is not None:
            bar.close()
    for path, msg in report.errors.items():
        print(f"错误 error: {path}: {msg}", file=sys.stderr)
    for path, msg in report.duplicates.items():
        print(f"重复 duplicate: {path}: {msg}", file=sys.stderr)
    for path, msg in report.versions.items():
        hint = "" if args.replace_older else "（加 --replace-older 导入时替换）"
        print(f"新版本 new version: {path}: {msg}{hint}", file=sys.stderr)
    rate = report.chars / report.total_s if report.total_s else 0.0
    embed_share = report.embed_s / report.total_s if report.total_s else 0.0
    print(
        f"新增 {len(report.added)} / 更新 {len(report.replaced)} / 未变 {len(report.unchanged)} / "
        f"失败 {len(report.errors)} 个文件；{report.sections} 个章节，{report.chunks} 个片段，"
        f"{report.chars} 字；用时 {report.total_s:.1f} s（{rate:.0f} 字/s，向量化占 {embed_share:.0%}）"
    )
    return 1 if report.errors else 0


def cmd_docs(args: argparse.Namespace) -> int:
    a = _assistant()
    docs = a.documents()
    if not docs:
        print("文库为空，请先运行 policy-assistant ingest (the library is empty)")
        return 0
    header = ["编号", "标题", "发文机关", "文号", "日期", "地区", "类型", "状态", "片段"]
    statuses = a.statuses()
    rows = []
    for d in docs:
        m = d.meta
        date = m.written_date or m.published_date or m.revised_date or m.adopted_date or ""
        rows.append(
            [
                m.doc_id,
                _clip(m.title, 36),
                _clip(m.issuer or "—", 20),
                m.doc_number or "—",
                date or "—",
                m.region,
                m.doc_type or "—",
                statuses[m.doc_id].label,
                str(len(d.chunks)),
            ]
        )
    if args.json:
        import json

        print(json.dumps([d.meta.to_dict() for d in docs], ensure_ascii=False, indent=1))
        return 0
    print("\t".join(header))
    for r in rows:
        print("\t".join(r))
    print(f"共 {len(docs)} 个文件 ({len(docs)} documents)")
    return 0


def _clip(s: str, n: int) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def cmd_show(args: argparse.Namespace) -> int:
    a = _assistant()
    d = a.document(args.doc_id)
    m = d.meta
    print(m.title)
    for label, value in meta_rows(m):
        if value:
            print(f"  {label}: {value}")
    print()
    print(a.show(args.doc_id, max_depth=args.depth))
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    a = _assistant()
    a.remove(args.doc_ids)
    print(f"已删除 {len(args.doc_ids)} 个文件 (removed): {', '.join(args.doc_ids)}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from assistant.core import Assistant

    a = Assistant(reconcile=False)
    health = a.health()
    print(health.report())
    if not args.repair:
        return 0 if health.ok else 1
    done = a.repair()
    print(f"修复：删除多余向量 {done.orphans_deleted} 个，补全向量 {done.embedded} 个")
    health = a.health()
    print(health.report())
    return 0 if health.ok and not health.vectors_pending else 1


def cmd_ask(args: argparse.Namespace) -> int:
    a = _assistant()
    if not a.is_indexed():
        print("文库为空，请先运行 policy-assistant ingest (the library is empty)", file=sys.stderr)
        return 2
    from assistant.core import Scope
    from assistant.status import NOT_IN_FORCE

    regions = [r for r in (args.region or "").replace("，", ",").split(",") if r.strip()]
    response = a.respond(
        args.question,
        scope=Scope(regions=regions, doc_ids=list(args.doc or [])),
        mode="llm" if args.llm else "extractive",
    )
    answer = response.answer
    if response.comparison is not None and not args.json:
        print(response.comparison.to_markdown())  # "各地…有何不同" is answered as a table
        return 0
    if args.json:
        import json

        print(json.dumps(answer_to_dict(answer), ensure_ascii=False, indent=1))
        return 0
    print(answer.text)
    if answer.notice:
        print(f"（{answer.notice}）")
    if answer.citations:
        print("\n来源：")
        for c in answer.citations:
            number = f"（{c.doc_number}）" if c.doc_number else ""
            path = " ".join(c.section_path)
            status = f"【{c.status}】" if c.status in NOT_IN_FORCE else ""
            print(f"[{c.marker}] 《{c.title}》{number}{status} {path}\n    “{c.quote}”")
    elif answer.abstained and answer.passages:
        print("\n可能相关：")
        for p in answer.passages[:3]:
            ch = p.chunk
            print(f"- 《{ch.meta.title}》 {' '.join(ch.section_path)}：{ch.text[:80]}…")
    return 0


def answer_to_dict(answer: object) -> dict[str, object]:
    from dataclasses import asdict

    d = asdict(answer)  # type: ignore[call-overload]
    for p in d.get("passages", []):
        ch = p["chunk"]
        p["chunk"] = {k: ch[k] for k in ("chunk_id", "doc_id", "text", "section_path", "section_number")}
        p["chunk"]["title"] = ch["meta"]["title"]
    for c in d.get("citations", []):
        c.pop("meta", None)
    return d


def cmd_serve(args: argparse.Namespace) -> int:
    from assistant.ui import launch

    launch(_assistant(), host=args.host, port=args.port)
    return 0


def cmd_batch(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from assistant.batch import read_questions, run_batch, write_results

    a = _assistant()
    if not a.is_indexed():
        print("文库为空，请先运行 policy-assistant ingest (the library is empty)", file=sys.stderr)
        return 2
    rows = read_questions(args.questions)
    bar = tqdm(total=len(rows), desc="批量问答", unit="题")

    def progress(done: int, total: int) -> None:
        bar.n = done
        bar.refresh()

    results = run_batch(a, rows, progress)
    bar.close()
    out = write_results(results, args.out)
    failed = sum(1 for r in results if r.error)
    abstained = sum(1 for r in results if r.abstained)
    print(f"已写入 {out}：{len(results)} 题，未找到 {abstained} 题，出错 {failed} 题 (written)")
    return 0


def cmd_bench_api(args: argparse.Namespace) -> int:
    from assistant.bench import run_api_bench

    report = run_api_bench(
        _assistant(), Path(args.questions), Path(args.out), limit=args.limit, clients=args.clients
    )
    print(report)
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from assistant.bench import run_bench

    print(run_bench(_assistant(), Path(args.questions), Path(args.out), limit=args.limit))
    return 0


def _write_or_print(text: str, out: str | None) -> None:
    if out:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        Path(out).write_text(text, encoding="utf-8")
        print(f"已写入 {out} (written)")
    else:
        print(text)


def cmd_compare(args: argparse.Namespace) -> int:
    a = _assistant()
    regions = [
        r.strip() for r in (args.regions or "").replace("，", ",").replace("、", ",").split(",") if r.strip()
    ]
    comparison = a.compare(args.topic, regions=regions or None, docs=args.doc or None)
    if args.format == "docx":
        out = args.out or "对比.docx"
        comparison.to_docx(out)
        print(f"已写入 {out} (written)")
    elif args.format == "csv":
        _write_or_print(comparison.to_csv(), args.out)
    else:
        _write_or_print(comparison.to_markdown(), args.out)
    return 0


def cmd_indicators(args: argparse.Namespace) -> int:
    from assistant import indicators as ind

    a = _assistant()
    items = a.indicators(indicator=args.indicator, region=args.region)
    if args.format == "xlsx":
        out = args.out or "指标.xlsx"
        ind.to_xlsx(items, out)
        print(f"已写入 {out}，共 {len(items)} 条 (written)")
    elif args.format == "csv":
        _write_or_print(ind.to_csv(items), args.out)
    else:
        _write_or_print(ind.to_table(items) + f"\n共 {len(items)} 条指标 ({len(items)} indicators)", args.out)
    if args.chart:
        if not args.indicator:
            print("错误 error: --chart 需要同时指定 --indicator", file=sys.stderr)
            return 2
        ind.chart(a.indicators(region=args.region), args.indicator, args.chart)
        print(f"已写入图表 {args.chart} (chart written)")
    return 0


def cmd_cite(args: argparse.Namespace) -> int:
    a = _assistant()
    citation = a.cite(args.doc_id, section=args.section, quote=args.quote)
    basket = a.new_basket()
    basket.add(citation, text=citation.in_text)
    if args.format == "docx":
        out = args.out or f"{args.doc_id}-引用.docx"
        basket.to_docx(out)
        print(f"已写入 {out} (written)")
        return 0
    if args.format == "md":
        _write_or_print(basket.to_markdown(), args.out)
        return 0
    text = "\n".join(
        [
            f"参考文献：{citation.reference}",
            f"出处：{citation.pinpoint or '—'}",
            f"引文：{citation.in_text}",
        ]
    )
    _write_or_print(text, args.out)
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    diff = _assistant().diff(args.doc_a, args.doc_b)
    if args.format == "docx":
        out = args.out or f"{diff.old_doc.meta.doc_id}-{diff.new_doc.meta.doc_id}-对照.docx"
        diff.to_docx(out, include_unchanged=args.all)
        print(f"已写入 {out} (written)")
    else:
        _write_or_print(diff.to_markdown(include_unchanged=args.all), args.out)
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="policy-assistant", description="政策助手：政策文件问答、对比与引用")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("ingest", help="导入文件并建立索引 (index files; default: corpus/)")
    s.add_argument("paths", nargs="*", type=Path)
    s.add_argument("--if-missing", action="store_true", help="只在索引为空时导入 (only if no index yet)")
    s.add_argument(
        "--replace-older",
        action="store_true",
        help="新导入的文件是文库中已有文件的新版本时，删除旧版本 (replace older versions)",
    )
    s.set_defaults(func=cmd_ingest)

    s = sub.add_parser("docs", help="列出文库中的文件 (list documents)")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_docs)

    s = sub.add_parser("show", help="显示文件的章节结构 (print a document's section tree)")
    s.add_argument("doc_id")
    s.add_argument("--depth", type=int, default=None)
    s.set_defaults(func=cmd_show)

    s = sub.add_parser("ask", help="提问，给出带出处的回答 (ask a question)")
    s.add_argument("question")
    s.add_argument("--region", help="限定地区，逗号分隔，如 安徽,河南 (restrict to regions)")
    s.add_argument("--doc", action="append", help="限定文件编号 (restrict to a document id; repeatable)")
    s.add_argument("--json", action="store_true")
    s.add_argument("--llm", action="store_true", help="用已配置的大模型生成回答 (use the configured LLM)")
    s.set_defaults(func=cmd_ask)

    s = sub.add_parser("serve", help="启动网页应用 (serve the web app)")
    s.add_argument("--host", default=None)
    s.add_argument("--port", type=int, default=None)
    s.set_defaults(func=cmd_serve)

    s = sub.add_parser("batch", help="批量问答：表格进，带引文的答案表格出 (batch Q&A)")
    s.add_argument("questions", help="问题表格 .xlsx 或 .csv（列名“问题”，可选“地区”）")
    s.add_argument("--out", default="批量问答结果.xlsx", help="输出 .xlsx 或 .csv")
    s.set_defaults(func=cmd_batch)

    s = sub.add_parser("bench-api", help="测量接口延迟：单客户端与并发 (API latency on loopback)")
    s.add_argument("--questions", default="eval/questions.jsonl")
    s.add_argument("--out", default="eval/reports/api_bench.md")
    s.add_argument("--limit", type=int, default=50)
    s.add_argument("--clients", type=int, default=10)
    s.set_defaults(func=cmd_bench_api)

    s = sub.add_parser("bench", help="测量问答延迟 (measure respond latency)")
    s.add_argument("--questions", default="eval/questions.jsonl")
    s.add_argument("--out", default="eval/reports/bench.md")
    s.add_argument("--limit", type=int, default=None)
    s.set_defaults(func=cmd_bench)

    from assistant.evaluation.cli import add_eval_arguments, cli_eval

    s = sub.add_parser("eval", help="运行评测 (run the evaluation)")
    add_eval_arguments(s)
    s.set_defaults(func=cli_eval)

    s = sub.add_parser("compare", help="对比各地对某一主题的规定 (compare regions on a topic)")
    s.add_argument("topic", help="对比主题，如 秸秆禁烧")
    s.add_argument("--regions", help="地区，逗号分隔，如 安徽,河南 (default: topic's regions or all)")
    s.add_argument("--doc", action="append", help="按文件对比：文件编号 (compare documents; repeatable)")
    s.add_argument("--format", choices=["md", "csv", "docx"], default="md")
    s.add_argument("--out", help="输出文件 (output file)")
    s.set_defaults(func=cmd_compare)

    s = sub.add_parser("indicators", help="各文件的量化指标矩阵 (the indicator matrix)")
    s.add_argument("--indicator", help="只看某一指标，如 PM2.5、受污染耕地安全利用率")
    s.add_argument("--region", help="只看某一地区，如 河南")
    s.add_argument("--format", choices=["table", "csv", "xlsx"], default="table")
    s.add_argument("--out", help="输出文件 (output file)")
    s.add_argument("--chart", help="另存一张对比各地区该指标的 PNG 图 (PNG chart path; needs --indicator)")
    s.set_defaults(func=cmd_indicators)

    s = sub.add_parser("cite", help="生成规范引用（GB/T 7714）(cite a document)")
    s.add_argument("doc_id")
    s.add_argument("--section", help="章节，如 三.（三）.1、第三部分（三）第1项、第十二条")
    s.add_argument("--quote", help="要引用的原文（须与文件一致）")
    s.add_argument("--format", choices=["text", "md", "docx"], default="text")
    s.add_argument("--out", help="输出文件 (output file)")
    s.set_defaults(func=cmd_cite)

    s = sub.add_parser("diff", help="同一法规两个版本逐条对照 (article-by-article diff of two versions)")
    s.add_argument("doc_a", help="旧版本的文件编号（见 docs）")
    s.add_argument("doc_b", help="新版本的文件编号")
    s.add_argument("--format", choices=["md", "docx"], default="md")
    s.add_argument("--out", help="输出文件 (output file)")
    s.add_argument("--all", action="store_true", help="未变条文也逐条列出 (list unchanged articles too)")
    s.set_defaults(func=cmd_diff)

    s = sub.add_parser("check", help="检查文件、关键词索引与向量是否一致 (check the library)")
    s.add_argument("--repair", action="store_true", help="删除多余向量并补全缺失向量 (reconcile)")
    s.set_defaults(func=cmd_check)

    s = sub.add_parser("remove", help="从索引中删除文件 (remove documents)")
    s.add_argument("doc_ids", nargs="+")
    s.set_defaults(func=cmd_remove)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except AssistantError as e:
        print(f"错误 error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
