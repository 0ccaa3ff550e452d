"""A file that is a later version of a document in the library is offered as its replacement,
and replaces it when asked; an earlier or unrelated document is not."""

from __future__ import annotations

from pathlib import Path

from assistant.config import Settings
from assistant.core import Assistant

BODY = "第一条 为了防治扬尘污染，制定本办法。\n第二条 施工工地应当设置围挡。\n"


def _write(path: Path, title: str, date: str, extra: str = "") -> Path:
    path.write_text(f"# {title}\n\n{BODY}{extra}\n淇县人民政府\n{date}\n", encoding="utf-8")
    return path


def _library(tmp_path: Path) -> Assistant:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _write(corpus / "old.md", "淇县扬尘污染防治管理办法", "2023年3月1日")
    a = Assistant(Settings(data_dir=tmp_path / "data", corpus_dir=corpus), embedder="hash")
    assert a.ingest().added
    return a


def test_a_later_version_is_offered_as_the_replacement(tmp_path: Path) -> None:
    a = _library(tmp_path)
    [old] = [d.meta.doc_id for d in a.documents()]
    new = _write(
        tmp_path / "new.md", "淇县扬尘污染防治管理办法", "2025年5月1日", "第三条 道路应当定期清扫。\n"
    )
    report = a.ingest([new])
    assert report.older_versions == {str(new): [old]}
    msg = report.versions[str(new)]
    assert msg.startswith("《淇县扬尘污染防治管理办法》（2025-05-01）是文库中已有文件的新版本")
    assert f"{old}（2023-03-01）" in msg and msg.endswith("可替换旧版本")
    assert len(a.documents()) == 2 and not report.removed  # offered, nothing removed


def test_replace_older_removes_the_old_version_in_the_same_commit(tmp_path: Path) -> None:
    a = _library(tmp_path)
    [old] = [d.meta.doc_id for d in a.documents()]
    new = _write(
        tmp_path / "new.md", "淇县扬尘污染防治管理办法", "2025年5月1日", "第三条 道路应当定期清扫。\n"
    )
    report = a.ingest([new], replace_older=True)
    assert report.removed == [old] and report.versions[str(new)].endswith("旧版本已替换")
    assert [d.meta.written_date for d in a.documents()] == ["2025-05-01"]


def test_an_earlier_or_other_document_is_no_new_version(tmp_path: Path) -> None:
    a = _library(tmp_path)
    earlier = _write(tmp_path / "earlier.md", "淇县扬尘污染防治管理办法", "2021年1月1日", "第三条 旧文。\n")
    other = _write(tmp_path / "other.md", "淇县噪声污染防治管理办法", "2025年5月1日")
    report = a.ingest([earlier, other])
    assert report.versions == {} and len(report.added) == 2


def test_an_upload_is_named_by_its_date_and_title_not_its_random_file_name(tmp_path: Path) -> None:
    from assistant.ui import library
    from assistant.ui.indexing import RWLock

    a = _library(tmp_path)
    upload = _write(tmp_path / "扫描件(1).md", "淇县噪声污染防治管理办法", "2025年5月1日")
    staged = library.stage_uploads([upload], [upload.name], a.settings, limit=1 << 20)
    [result] = library.import_staged(a, staged, RWLock())
    assert result.status == "imported"
    assert result.doc_id.startswith("2025-05-01-淇县噪声污染防治管理办法-")
    assert a.document(result.doc_id).meta.title == "淇县噪声污染防治管理办法"
    # a later version uploaded the same way is offered as the replacement
    newer = _write(tmp_path / "new.md", "淇县噪声污染防治管理办法", "2025年9月1日", "第三条 新增。\n")
    [again] = library.import_staged(
        a, library.stage_uploads([newer], ["new.md"], a.settings, 1 << 20), RWLock()
    )
    assert again.doc_id.startswith("2025-09-01-") and result.doc_id in again.message
