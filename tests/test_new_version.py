"""A file that is a later version of a document in the library is offered as its replacement,
and replaces it when asked; an earlier or unrelated document is not."""

from __future__ import annotations

from pathlib import Path

from assistant.config import Settings
from assistant.core import Assistant
from assistant.index.docstore import StoredDocument
from assistant.schema import DocumentMeta, NormalizedText
from assistant.versions import NumberStem, by_act_name, number_stem, older_versions

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


# -- the 文号 stem: 机关代字 and 序号 without the year ------------------------------------------


def _plan(
    doc_id: str, year: int, number: str | None, title: str = "", date: str | None = None
) -> StoredDocument:
    title = title or f"淇县人民政府办公室关于印发淇县{year}年大气污染防治攻坚方案的通知"
    text = f"{title}\n{number or ''}\n一、总体要求\n"
    meta = DocumentMeta(doc_id=doc_id, title=title, doc_number=number, written_date=date)
    return StoredDocument(meta, NormalizedText(text, text, "simplified"), doc_id, "test", [])


def _older(new: StoredDocument, *library: StoredDocument) -> list[str]:
    return [d.meta.doc_id for d in older_versions(new, by_act_name(library))]


def test_a_yearly_plan_reissued_under_its_standing_number_is_a_new_version() -> None:
    old = _plan("old", 2024, "淇政办〔2024〕7号", date="2024-03-01")
    new = _plan("new", 2025, "淇政办[2025]7号", date="2025-03-01")
    assert number_stem(new.meta.doc_number) == NumberStem("淇政办", 7, 2025)
    assert _older(new, old) == ["old"]
    # undated: the 文号 years say which is later
    assert _older(_plan("n", 2025, "淇政办〔2025〕7号"), _plan("o", 2024, "淇政办〔2024〕7号")) == ["o"]
    assert _older(old, new) == []  # the earlier is nobody's later version


def test_other_numbers_or_other_plans_under_the_same_number_are_not_versions() -> None:
    new = _plan("new", 2025, "淇政办〔2025〕7号", date="2025-03-01")
    # another serial of the same office: this year's plan does not replace last year's
    assert _older(new, _plan("a", 2024, "淇政办〔2024〕8号", date="2024-03-01")) == []
    # the same standing number on another plan
    other = _plan(
        "b", 2024, "淇政办〔2024〕7号", "淇县人民政府办公室关于印发淇县2024年秸秆禁烧工作方案的通知"
    )
    assert _older(new, other) == []


def test_documents_of_different_issuers_by_their_numbers_are_never_versions() -> None:
    title = "扬尘污染防治管理办法"
    new = _plan("new", 2025, "淇政办〔2025〕7号", title, "2025-03-01")
    # the same title, no issuer field: the 机关代字 tells the two counties apart
    assert _older(new, _plan("xun", 2024, "浚政办〔2024〕7号", title, "2024-03-01")) == []
    assert _older(new, _plan("qi", 2024, "淇政办〔2024〕3号", title, "2024-03-01")) == ["qi"]
    # without a 文号 on one side the title rule decides as before
    assert _older(new, _plan("none", 2024, None, title, "2024-03-01")) == ["none"]


def test_an_upload_with_the_next_years_number_is_offered_as_the_replacement(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()

    def notice(path: Path, year: int, prefix: str) -> Path:
        county = {"淇": "淇县", "浚": "浚县"}[prefix[0]]
        path.write_text(
            f"{county}人民政府办公室关于印发{county}{year}年大气污染防治攻坚方案的通知\n"
            f"{prefix}〔{year}〕7号\n各乡镇人民政府：\n现将方案印发给你们，请认真贯彻落实。\n"
            f"一、总体要求\n到{year}年底PM2.5浓度持续下降。\n{county}人民政府办公室\n{year}年3月1日\n",
            encoding="utf-8",
        )
        return path

    notice(corpus / "2024.txt", 2024, "淇政办")
    a = Assistant(Settings(data_dir=tmp_path / "data", corpus_dir=corpus), embedder="hash")
    assert a.ingest().added
    [old] = [d.meta.doc_id for d in a.documents()]
    new = notice(tmp_path / "2025.txt", 2025, "淇政办")
    xun = notice(tmp_path / "xun.txt", 2025, "浚政办")
    report = a.ingest([new, xun])
    assert report.older_versions == {str(new): [old]}
    assert len(report.added) == 2 and str(xun) not in report.versions
    assert {d.meta.doc_number for d in a.documents()} == {
        "淇政办〔2024〕7号",
        "淇政办〔2025〕7号",
        "浚政办〔2025〕7号",
    }
