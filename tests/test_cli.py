"""The command line, end to end on the seed documents with the real default embedder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from assistant.cli import main
from tests.conftest import SEEDS


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    d = tmp_path / "corpus"
    shutil.copytree(SEEDS, d / "seed")
    monkeypatch.setenv("POLICY_ASSISTANT_CORPUS_DIR", str(d))
    return d


@pytest.mark.slow
def test_ingest_docs_show_remove(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest"]) == 0
    out = capsys.readouterr().out
    assert "新增 5" in out and "个片段" in out and "字/s" in out

    assert main(["ingest"]) == 0
    assert "未变 5" in capsys.readouterr().out

    assert main(["docs"]) == 0
    out = capsys.readouterr().out
    assert "济管办〔2024〕26号" in out and "共 5 个文件" in out

    assert main(["docs", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    jiyuan = next(d["doc_id"] for d in listed if d["doc_number"] == "济管办〔2024〕26号")

    assert main(["show", jiyuan]) == 0
    out = capsys.readouterr().out
    assert "济管办〔2024〕26号" in out and "三、重点任务" in out and "二、总体目标" in out

    assert main(["remove", jiyuan]) == 0
    capsys.readouterr()
    assert main(["show", jiyuan]) == 2
    assert "没有编号为" in capsys.readouterr().err


def test_bad_input_gives_chinese_message(
    tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ingest", str(tmp_path / "missing.txt")]) == 2
    assert "路径不存在" in capsys.readouterr().err
    bad = tmp_path / "x.xyz"
    bad.write_text("abc", encoding="utf-8")
    assert main(["ingest", str(bad)]) == 1
    assert "x.xyz" in capsys.readouterr().err
    assert main(["show", "nope"]) == 2


def test_one_size_limit_for_cli_and_web(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """POLICY_ASSISTANT_MAX_UPLOAD_MB limits `ingest` as it limits uploads, with one message."""
    from assistant.config import Settings
    from assistant.ui import library

    monkeypatch.setenv("POLICY_ASSISTANT_MAX_UPLOAD_MB", "0.001")
    big = tmp_path / "大文件.txt"
    big.write_text("关于印发某某工作要点的通知\n" + "细颗粒物浓度下降。" * 200, encoding="utf-8")
    assert Settings.from_env().max_file_bytes == library.max_upload_bytes() == 1048
    assert main(["ingest", str(big)]) == 1
    err = capsys.readouterr().err
    assert "文件过大" in err and "大文件.txt" in err and "1.02 KB" in err
    staged = library.stage_uploads([big], [big.name], Settings.from_env(), library.max_upload_bytes())
    assert staged.refused[big.name] in err
