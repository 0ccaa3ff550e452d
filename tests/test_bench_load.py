"""The load bench's pieces that need no server: its question list, its upload files, its report.
(The bench itself runs with ``make bench-load``, never in ``make test``.)"""

from __future__ import annotations

from pathlib import Path

from assistant.bench_load import LoadRun, Phase, dev_questions, report, upload_files
from tests.conftest import CORPUS, REPO


def test_questions_are_a_fixed_spread_without_follow_ups() -> None:
    qs = dev_questions(REPO / "eval" / "questions.jsonl")
    assert len(qs) >= 30 and len(set(qs)) == len(qs)
    assert qs == dev_questions(REPO / "eval" / "questions.jsonl")


def test_upload_files_are_new_content_each_run(tmp_path: Path) -> None:
    a = upload_files(CORPUS, 8, tmp_path / "a", "a")
    b = upload_files(CORPUS, 8, tmp_path / "b", "b")
    assert len(a) == len(b) == 8
    assert {p.read_bytes() for p in a}.isdisjoint({p.read_bytes() for p in b})


def test_report_compares_each_load_with_the_single_user_p95() -> None:
    run = LoadRun(library="data", documents=301, questions=40, cores=2, load_before=(1.0, 1.0, 1.0))
    run.phases = [
        Phase("1 位用户", 1, (0.0, 0.0), latencies_ms=[100.0] * 10 + [200.0] * 10),
        Phase("10 位用户", 10, (1.0, 3.0), latencies_ms=[300.0] * 20),
        Phase("10 位用户 + 上传", 10, (1.0, 3.0), upload=True, latencies_ms=[900.0] * 20, errors=["x"]),
    ]
    text = report(run, (1.0, 3.0))
    assert "| 10 位用户 | 20 | 0 | 300 | 300 | 300 | 1.5× | 达到 |" in text
    assert "| 10 位用户 + 上传 | 20 | 1 | 900 | 900 | 900 | 4.5× | 未达到 |" in text
