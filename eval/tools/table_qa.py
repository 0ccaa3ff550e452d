"""Questions about table cells, answered end to end; prints the figures (issue 12, item 7).

Six documents with tables are written in five formats (DOCX, XLSX, PDF with a text layer,
Markdown, HTML; one table in a DOCX 附件), ingested into a fresh library with the default
embedder, and questions about single cells are asked through ``Assistant.respond`` — the path
the chat takes. A question is *answered* when the answer text holds the cell's value, *cited*
when one of its citations quotes the table row that holds it (place and value in the quoted row),
and *retrieved* when that row's chunk is among the top 5 passages. Questions whose answer is not
in any table (another indicator, year or column) must be *rejected*: no answer citing a table row.

    .venv/bin/python eval/tools/table_qa.py [--embedder use-multilingual|hash]
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

AIR = [
    ["县区", "指标", "2024年基准", "2025年目标"],
    ["淇县", "PM2.5平均浓度（微克/立方米）", "45.2", "41.3"],
    ["淇县", "优良天数比例", "65.0%", "72%"],
    ["浚县", "PM2.5平均浓度（微克/立方米）", "42.0", "38"],
    ["浚县", "优良天数比例", "68.5%", "75%"],
    ["淇滨区", "PM2.5平均浓度（微克/立方米）", "47.6", "43.5"],
    ["山城区", "PM2.5平均浓度（微克/立方米）", "49.1", "44.8"],
    ["鹤山区", "PM2.5平均浓度（微克/立方米）", "50.3", "46.2"],
]
WATER = [
    ["断面名称", "所在县区", "2025年水质目标", "责任单位"],
    ["淇河新村断面", "淇县", "Ⅱ类", "淇县人民政府"],
    ["卫河刘庄断面", "浚县", "Ⅳ类", "浚县人民政府"],
    ["共产主义渠西小庄断面", "浚县", "Ⅴ类", "浚县人民政府"],
    ["汤河鹤壁集断面", "鹤山区", "Ⅲ类", "鹤山区人民政府"],
]
TASKS = [
    ["序号", "任务", "责任单位", "完成时限"],
    ["1", "完成钢铁企业超低排放改造", "县工业和信息化局", "2025年6月底"],
    ["2", "淘汰35蒸吨每小时以下燃煤锅炉", "县生态环境分局", "2025年9月底"],
    ["3", "建成城区道路扬尘在线监测系统", "县城市管理局", "2025年10月底"],
    ["4", "完成加油站油气回收治理", "县商务局", "2025年8月底"],
]
TOWNS = [  # wide layout: one column per indicator
    ["乡镇（街道）", "PM2.5浓度（微克/立方米）", "PM10浓度（微克/立方米）", "优良天数（天）"],
    ["朝歌街道", "40", "70", "260"],
    ["北阳镇", "39", "68", "265"],
    ["高村镇", "41", "72", "255"],
    ["西岗镇", "38", "66", "268"],
]
PROJECTS = [  # in 附件1 of a DOCX
    ["项目名称", "实施地点", "资金（万元）", "建设内容"],
    ["农村生活污水管网延伸工程", "善堂镇", "860", "新建污水管网12公里"],
    ["黑臭水体综合整治工程", "王庄镇", "420", "清淤及生态护坡3.5公里"],
    ["农村垃圾转运站建设", "新镇镇", "150", "建设垃圾转运站2座"],
]
STRAW = [
    ["乡镇", "卫星火点数", "考核扣分"],
    ["善堂镇", "0", "0"],
    ["屯子镇", "2", "10"],
    ["新镇镇", "1", "5"],
    ["王庄镇", "3", "15"],
]


@dataclass
class Case:
    question: str
    value: str  # the cell's value, as the table writes it
    row_key: str  # what else the row holds (a place, a task), so the cited row can be checked
    # False: the tables do not hold the answer (another indicator, year or column); the question
    # must be rejected, not answered from a row
    answerable: bool = True


CASES = [
    Case("浚县2025年PM2.5平均浓度目标是多少？", "38", "浚县"),
    Case("淇县2025年PM2.5平均浓度目标是多少？", "41.3", "淇县"),
    Case("淇县2025年优良天数比例要达到多少？", "72%", "淇县"),
    Case("浚县2025年优良天数比例目标是多少？", "75%", "浚县"),
    Case("淇滨区2025年PM2.5浓度目标是多少？", "43.5", "淇滨区"),
    Case("山城区2025年PM2.5目标值是多少？", "44.8", "山城区"),
    Case("鹤山区2025年PM2.5平均浓度要控制在多少？", "46.2", "鹤山区"),
    Case("淇县2024年PM2.5基准值是多少？", "45.2", "淇县"),
    Case("浚县2024年优良天数比例基准是多少？", "68.5%", "浚县"),
    Case("淇河新村断面2025年水质目标是几类？", "Ⅱ类", "淇河新村"),
    Case("卫河刘庄断面的水质目标是什么？", "Ⅳ类", "卫河刘庄"),
    Case("共产主义渠西小庄断面要达到几类水质？", "Ⅴ类", "西小庄"),
    Case("汤河鹤壁集断面水质目标是多少？", "Ⅲ类", "鹤壁集"),
    Case("汤河鹤壁集断面由哪个单位负责？", "鹤山区人民政府", "鹤壁集"),
    Case("钢铁企业超低排放改造什么时候完成？", "2025年6月底", "超低排放"),
    Case("淘汰燃煤锅炉由哪个部门负责？", "县生态环境分局", "燃煤锅炉"),
    Case("城区道路扬尘在线监测系统的完成时限是什么时候？", "2025年10月底", "扬尘在线监测"),
    Case("加油站油气回收治理由哪个单位牵头？", "县商务局", "油气回收"),
    Case("加油站油气回收治理要在什么时候完成？", "2025年8月底", "油气回收"),
    Case("屯子镇有几个卫星火点？", "2", "屯子镇"),
    Case("王庄镇秸秆禁烧考核扣了多少分？", "15", "王庄镇"),
    Case("新镇镇的卫星火点数是多少？", "1", "新镇镇"),
    Case("善堂镇考核扣分是多少？", "0", "善堂镇"),
    Case("屯子镇秸秆禁烧考核扣分多少？", "10", "屯子镇"),
    Case("北阳镇2025年PM10浓度目标是多少？", "68", "北阳镇"),
    Case("高村镇优良天数目标是多少天？", "255", "高村镇"),
    Case("西岗镇PM2.5浓度要控制在多少？", "38", "西岗镇"),
    Case("朝歌街道优良天数要达到多少天？", "260", "朝歌街道"),
    Case("农村生活污水管网延伸工程安排了多少资金？", "860", "善堂镇"),
    Case("黑臭水体综合整治工程在哪里实施？", "王庄镇", "黑臭水体"),
    Case("农村垃圾转运站建设的建设内容是什么？", "建设垃圾转运站2座", "新镇镇"),
    # not in any table: must be rejected
    Case("浚县2025年PM10浓度目标是多少？", "", "浚县", answerable=False),
    Case("淇县2023年PM2.5基准值是多少？", "", "淇县", answerable=False),
    Case("卫河刘庄断面的监测频次是多少？", "", "卫河刘庄", answerable=False),
    Case("善堂镇的秸秆综合利用率是多少？", "", "善堂镇", answerable=False),
    Case("北阳镇2025年臭氧浓度目标是多少？", "", "北阳镇", answerable=False),
    Case("钢铁企业超低排放改造安排了多少资金？", "", "超低排放", answerable=False),
]


def write_library(corpus: Path) -> None:
    import docx
    import openpyxl

    from tests.ingest.files import text_pdf

    corpus.mkdir(parents=True, exist_ok=True)
    d = docx.Document()
    for line in (
        "鹤壁市2025年大气污染防治攻坚方案",
        "一、总体要求",
        "持续改善环境空气质量。",
        "二、主要目标",
        "表1 各县区2025年空气质量目标",
    ):
        d.add_paragraph(line)
    t = d.add_table(rows=len(AIR), cols=len(AIR[0]))
    for r, row in enumerate(AIR):
        for c, v in enumerate(row):
            t.cell(r, c).text = v
    d.add_paragraph("三、保障措施")
    d.add_paragraph("各县区要落实属地责任，确保目标完成。")
    buf = io.BytesIO()
    d.save(buf)
    (corpus / "鹤壁市2025年大气污染防治攻坚方案.docx").write_bytes(buf.getvalue())

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "水质目标"
    ws.append(["鹤壁市2025年地表水断面水质目标"])
    ws.merge_cells("A1:D1")
    for row in WATER:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    (corpus / "鹤壁市2025年地表水断面水质目标.xlsx").write_bytes(buf.getvalue())

    with tempfile.TemporaryDirectory() as fonts:
        pdf = text_pdf(["淇县2025年大气污染防治重点任务清单", "表1 重点任务", TASKS], Path(fonts))
    (corpus / "淇县2025年大气污染防治重点任务清单.pdf").write_bytes(pdf)

    d = docx.Document()
    for line in (
        "浚县2025年农村环境整治项目资金安排方案",
        "一、总体安排",
        "2025年全县安排农村环境整治项目3个，项目清单见附件1。",
        "二、资金管理",
        "项目资金实行专账管理，专款专用。",
        "附件1",
        "浚县2025年农村环境整治项目清单",
    ):
        d.add_paragraph(line)
    t = d.add_table(rows=len(PROJECTS), cols=len(PROJECTS[0]))
    for r, row in enumerate(PROJECTS):
        for c, v in enumerate(row):
            t.cell(r, c).text = v
    buf = io.BytesIO()
    d.save(buf)
    (corpus / "浚县2025年农村环境整治项目资金安排方案.docx").write_bytes(buf.getvalue())

    cells = "".join(
        "<tr>" + "".join(f"<{tag}>{v}</{tag}>" for v in row) + "</tr>"
        for tag, row in [("th", TOWNS[0]), *(("td", r) for r in TOWNS[1:])]
    )
    (corpus / "淇县2025年各乡镇空气质量目标.html").write_text(
        "<html><head><meta charset='utf-8'><title>淇县2025年各乡镇空气质量目标</title></head><body>"
        "<h1>淇县2025年各乡镇空气质量目标</h1><p>一、目标分解</p><p>各乡镇（街道）2025年空气质量目标如下。</p>"
        f"<p>表1 各乡镇（街道）2025年空气质量目标</p><table>{cells}</table>"
        "<p>二、工作要求</p><p>各乡镇（街道）要细化措施，确保完成目标。</p></body></html>",
        encoding="utf-8",
    )

    rows = "\n".join("| " + " | ".join(r) + " |" for r in STRAW[1:])
    (corpus / "浚县2024年秸秆禁烧工作考核结果.md").write_text(
        "# 浚县2024年秸秆禁烧工作考核结果\n\n一、考核情况\n\n全县各乡镇秸秆禁烧考核结果如下。\n\n"
        "表1 各乡镇卫星火点及扣分\n\n| " + " | ".join(STRAW[0]) + " |\n| --- | --- | --- |\n" + rows + "\n",
        encoding="utf-8",
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--embedder", default="use-multilingual")
    args = ap.parse_args()
    from assistant.config import Settings
    from assistant.core import Assistant

    with tempfile.TemporaryDirectory() as d:
        root = Path(d)
        write_library(root / "corpus")
        a = Assistant(Settings(data_dir=root / "data", corpus_dir=root / "corpus"), embedder=args.embedder)
        report = a.ingest()
        assert not report.errors, report.errors
        answered = cited = retrieved = rejected = 0
        answerable = [c for c in CASES if c.answerable]
        for case in CASES:
            r = a.respond(case.question)
            if not case.answerable:
                # rejected: no answer quoting a table row (it may still cite prose that says so)
                ok = r.abstained or not any(c.section_number.endswith("行") for c in r.citations)
                rejected += ok
                print(f"{'OK ' if ok else '-- '}[reject] {case.question} → {r.text[:70]!r}")
                continue
            ok_answer = case.value in r.text
            ok_cite = any(case.row_key in c.quote and case.value in c.quote for c in r.citations)
            top = r.answer.passages[:5]
            ok_ret = any(
                p.chunk.table and case.row_key in p.chunk.text and case.value in p.chunk.text for p in top
            )
            answered += ok_answer
            cited += ok_cite
            retrieved += ok_ret
            mark = "OK " if ok_answer and ok_cite else "-- "
            print(f"{mark}{case.question} → {r.text[:70]!r}")
        n, m = len(answerable), len(CASES) - len(answerable)
        print(
            f"{len(CASES)} questions, {n} answerable: answered {answered}/{n} ({answered / n:.0%}), "
            f"cited the row {cited}/{n} ({cited / n:.0%}), row chunk in top 5 {retrieved}/{n} "
            f"({retrieved / n:.0%}); not in the tables: rejected {rejected}/{m} ({rejected / m:.0%})"
        )


if __name__ == "__main__":
    main()
