"""Real Word footnotes for python-docx documents.

python-docx has no footnote API, so this module writes the footnotes part (``word/footnotes.xml``)
itself, relates it to the main document part, and inserts ``w:footnoteReference`` runs. The
separator footnotes (ids -1 and 0) Word expects are included, and ``w:footnotePr`` is declared in
the settings part.

>>> from docx import Document                       # doctest: +SKIP
>>> doc = Document(); notes = Footnotes(doc)         # doctest: +SKIP
>>> p = doc.add_paragraph("正文"); notes.add(p, "脚注内容")   # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
RT_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"

_SEPARATORS = (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" '
    'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
)


def _note_xml(note_id: int, text: str) -> str:
    return (
        f'<w:footnote w:id="{note_id}"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr>'
        '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
        f'<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:t xml:space="preserve"> {escape(text)}</w:t></w:r>'
        "</w:p></w:footnote>"
    )


class Footnotes:
    """Collects footnotes for one python-docx ``Document``; call :meth:`finish` before saving."""

    def __init__(self, document: Any) -> None:
        self.document = document
        self.notes: list[str] = []
        self._finished = False

    def add(self, paragraph: Any, text: str) -> int:
        """Append a footnote reference to ``paragraph`` with ``text`` as the note; returns its id."""
        from docx.oxml import parse_xml

        note_id = len(self.notes) + 1
        self.notes.append(text)
        run = parse_xml(
            f'<w:r xmlns:w="{W_NS}"><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            f'<w:footnoteReference w:id="{note_id}"/></w:r>'
        )
        paragraph._p.append(run)
        return note_id

    def finish(self) -> None:
        """Write the footnotes part and declare it; idempotent."""
        if self._finished:
            return
        self._finished = True
        from docx.opc.packuri import PackURI
        from docx.opc.part import Part
        from docx.oxml import parse_xml

        body = "".join(_note_xml(i, t) for i, t in enumerate(self.notes, start=1))
        xml = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:footnotes xmlns:w="{W_NS}">{_SEPARATORS}{body}</w:footnotes>'
        ).encode()
        doc_part = self.document.part
        part = Part(PackURI("/word/footnotes.xml"), FOOTNOTES_CT, xml, doc_part.package)
        doc_part.relate_to(part, RT_FOOTNOTES)
        settings = self.document.settings.element
        if settings.find(f"{{{W_NS}}}footnotePr") is None:
            pr = parse_xml(
                f'<w:footnotePr xmlns:w="{W_NS}"><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
            )
            compat = settings.find(f"{{{W_NS}}}compat")
            if compat is not None:
                compat.addprevious(pr)
            else:
                settings.append(pr)


def read_footnotes(path: str) -> list[str]:
    """The texts of the (non-separator) footnotes of a .docx file, for checks and tests."""
    import zipfile
    from xml.etree import ElementTree as ET

    with zipfile.ZipFile(path) as z:
        if "word/footnotes.xml" not in z.namelist():
            return []
        root = ET.fromstring(z.read("word/footnotes.xml"))
    out = []
    for fn in root.findall(f"{{{W_NS}}}footnote"):
        if fn.get(f"{{{W_NS}}}type") in ("separator", "continuationSeparator"):
            continue
        out.append("".join(t.text or "" for t in fn.iter(f"{{{W_NS}}}t")).strip())
    return out
