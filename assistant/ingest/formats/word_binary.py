"""Word 97-2003 (.doc) and WPS (.wps) files: the OLE2 Word-binary format, read in pure Python.

Older offices still send .doc, and WPS Office saves .wps in the same binary format. The text is
not stored in one piece: the File Information Block (FIB) at the start of the ``WordDocument``
stream points to the piece table (``Clx``) in the table stream (``0Table`` or ``1Table``), which
maps character positions to byte runs, each UTF-16 or 8-bit. Readers that take the bytes from
``fcMin`` on (as some packages do) return garbage for files Word saved incrementally.

Tables are runs of cell paragraphs ending in the cell mark U+0007; a row ends with one more
U+0007 whose paragraph properties carry ``sprmPFTtp`` (table terminating paragraph). Those
properties live in formatted-disk-pages (FKPs) listed by ``PlcBtePapx``; they are read to tell a
row end from an empty cell. Field codes (``HYPERLINK …``, ``PAGE``) are dropped and their
displayed results kept. MS-DOC section numbers are given where a structure is read.

When this reader cannot make sense of a file and LibreOffice is installed, LibreOffice converts
it (optional; nothing requires it).
"""

from __future__ import annotations

import io
import shutil
import struct
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import BadDocumentError
from assistant.ingest.formats.base import Table, bad, table_lines
from assistant.schema import LoadedText

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_WORD97 = 0xA5EC
_WORD95 = 0xA5DC
_FKP = 512
_CELL = "\x07"
_SPRM_IN_TABLE = 0x2416  # sprmPFInTable
_SPRM_TTP = 0x2417  # sprmPFTtp: the row-end paragraph
_SPRM_INNER_TTP = 0x244C  # sprmPFInnerTtp (nested tables)
_SPRM_DEF_TABLE = 0xD608  # sprmTDefTable: its size field is a 2-byte count
_U16 = struct.Struct("<H")
_U32 = struct.Struct("<I")


class _Unreadable(Exception):
    """The stream is not the Word-binary structure this reader knows."""


@dataclass(frozen=True)
class _Piece:
    cp_start: int
    cp_end: int
    fc: int  # byte offset of cp_start in the WordDocument stream
    compressed: bool  # 8-bit (cp1252) text, else UTF-16LE


def read_word_binary(data: bytes, filename: str, fmt: str) -> LoadedText:
    """Text of a .doc/.wps file: paragraphs one a line, tables as Markdown tables."""
    try:
        import olefile

        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception as e:  # olefile raises OSError and others for non-OLE data
        raise bad(filename, "文件已损坏或不是 Word/WPS 文件", "broken or not a Word/WPS file") from e
    try:
        if ole.exists("EncryptedPackage"):
            raise bad(filename, "文件已加密，请先解除密码保护", "encrypted")
        if not ole.exists("WordDocument"):
            raise bad(
                filename,
                "无法识别的 Word/WPS 格式，请用 WPS 或 Word 另存为 .docx 后再导入",
                "no WordDocument stream",
            )
        wd = ole.openstream("WordDocument").read()
        tables = {name: ole.openstream(name).read() for name in ("0Table", "1Table") if ole.exists(name)}
    finally:
        ole.close()
    try:
        text = _document_text(wd, tables, filename)
    except BadDocumentError:
        raise
    except (_Unreadable, struct.error, IndexError, UnicodeDecodeError) as e:
        converted = _libreoffice(data, filename, fmt)
        if converted is not None:
            return converted
        raise bad(
            filename, "无法读取 Word/WPS 文件，请另存为 .docx 后再导入", "cannot read Word binary"
        ) from e
    return LoadedText(text=text, format=fmt, encoding="binary")


def _document_text(wd: bytes, tables: dict[str, bytes], filename: str) -> str:
    if len(wd) < 0x200:
        raise _Unreadable("WordDocument stream too small")
    ident = _U16.unpack_from(wd, 0)[0]
    flags = _U16.unpack_from(wd, 0x0A)[0]
    if flags & 0x0100:  # fEncrypted
        raise bad(filename, "文件已加密，请先解除密码保护", "encrypted")
    if ident == _WORD95:
        return _word95_text(wd)
    if ident != _WORD97:
        raise _Unreadable(f"bad FIB magic {ident:#x}")
    table = tables.get("1Table" if flags & 0x0200 else "0Table", b"")
    # FIB (MS-DOC 2.5.1): FibBase, csw + fibRgW, cslw + fibRgLw, cbRgFcLcb + fibRgFcLcbBlob.
    pos = 0x20
    csw = _U16.unpack_from(wd, pos)[0]
    pos += 2 + 2 * csw
    cslw = _U16.unpack_from(wd, pos)[0]
    rg_lw = pos + 2
    pos = rg_lw + 4 * cslw
    blob = pos + 2
    ccp_text = _U32.unpack_from(wd, rg_lw + 12)[0]
    fc_clx, lcb_clx = struct.unpack_from("<II", wd, blob + 33 * 8)
    fc_bte, lcb_bte = struct.unpack_from("<II", wd, blob + 13 * 8)
    pieces = _pieces(table[fc_clx : fc_clx + lcb_clx]) if lcb_clx else []
    if not pieces:  # no piece table: the text is one UTF-16 run from fcMin
        fc_min = _U32.unpack_from(wd, 0x18)[0]
        pieces = [_Piece(0, ccp_text, fc_min, False)]
    chars = _main_text(wd, pieces, ccp_text)
    row_ends, in_table = _paragraph_marks(wd, table[fc_bte : fc_bte + lcb_bte] if lcb_bte else b"")
    return _render(chars, row_ends, in_table)


def _pieces(clx: bytes) -> list[_Piece]:
    """The piece table (MS-DOC 2.9.38 Clx → Pcdt → PlcPcd)."""
    pos = 0
    while pos < len(clx) and clx[pos] == 0x01:  # Prc blocks of property modifiers come first
        cb = struct.unpack_from("<h", clx, pos + 1)[0]
        pos += 3 + max(cb, 0)
    if pos >= len(clx) or clx[pos] != 0x02:
        raise _Unreadable("no Pcdt in Clx")
    lcb = _U32.unpack_from(clx, pos + 1)[0]
    plc = clx[pos + 5 : pos + 5 + lcb]
    n = (len(plc) - 4) // 12
    if n <= 0:
        raise _Unreadable("empty piece table")
    cps = struct.unpack_from(f"<{n + 1}I", plc, 0)
    out = []
    for i in range(n):
        raw = _U32.unpack_from(plc, 4 * (n + 1) + 8 * i + 2)[0]
        compressed = bool(raw & 0x40000000)
        fc = raw & 0x3FFFFFFF
        out.append(_Piece(cps[i], cps[i + 1], fc // 2 if compressed else fc, compressed))
    return out


def _main_text(wd: bytes, pieces: list[_Piece], ccp_text: int) -> list[tuple[str, int]]:
    """The main document's characters, each with the byte offset just after it (its fc end)."""
    out: list[tuple[str, int]] = []
    for p in pieces:
        if p.cp_start >= ccp_text:
            break
        count = min(p.cp_end, ccp_text) - p.cp_start
        if p.compressed:
            raw = wd[p.fc : p.fc + count]
            text = raw.decode("cp1252", errors="replace")
            out.extend((ch, p.fc + k + 1) for k, ch in enumerate(text))
        else:
            raw = wd[p.fc : p.fc + 2 * count]
            if len(raw) < 2 * count:
                raise _Unreadable("piece runs past the stream")
            for k in range(count):
                unit = raw[2 * k : 2 * k + 2].decode("utf-16-le", errors="replace")
                out.append((unit, p.fc + 2 * k + 2))
    return out


def _paragraph_marks(wd: bytes, plc: bytes) -> tuple[set[int], set[int]]:
    """End offsets (fc) of row-end paragraphs and of in-table paragraphs, from the PAPX FKPs."""
    row_ends: set[int] = set()
    in_table: set[int] = set()
    if len(plc) < 12:
        return row_ends, in_table
    n = (len(plc) - 4) // 8
    for k in range(n):
        pn = _U32.unpack_from(plc, 4 * (n + 1) + 4 * k)[0] & 0x3FFFFF
        fkp = wd[pn * _FKP : (pn + 1) * _FKP]
        if len(fkp) < _FKP:
            continue
        crun = fkp[_FKP - 1]
        if 4 * (crun + 1) + 13 * crun > _FKP - 1:
            continue
        rgfc = struct.unpack_from(f"<{crun + 1}I", fkp, 0)
        for i in range(crun):
            offset = fkp[4 * (crun + 1) + 13 * i] * 2
            if offset == 0:
                continue
            for sprm, value in _sprms(_papx_grpprl(fkp, offset)):
                if sprm in (_SPRM_TTP, _SPRM_INNER_TTP) and value[:1] not in (b"", b"\x00"):
                    row_ends.add(rgfc[i + 1])
                    in_table.add(rgfc[i + 1])
                elif sprm == _SPRM_IN_TABLE and value[:1] not in (b"", b"\x00"):
                    in_table.add(rgfc[i + 1])
    return row_ends, in_table


def _papx_grpprl(fkp: bytes, offset: int) -> bytes:
    """The sprms of a PapxInFkp (MS-DOC 2.9.175), after its 2-byte style index."""
    cb = fkp[offset]
    if cb:
        start, size = offset + 1, 2 * cb - 1
    else:
        start, size = offset + 2, 2 * fkp[offset + 1]
    body = fkp[start : start + size]
    return body[2:]


def _sprms(grpprl: bytes) -> list[tuple[int, bytes]]:
    """(sprm, operand) pairs of a grpprl (MS-DOC 2.2.5.1: the operand size is in bits 13-15)."""
    out: list[tuple[int, bytes]] = []
    pos = 0
    while pos + 2 <= len(grpprl):
        sprm = _U16.unpack_from(grpprl, pos)[0]
        pos += 2
        spra = sprm >> 13
        if spra == 6:
            if sprm == _SPRM_DEF_TABLE and pos + 2 <= len(grpprl):
                size = _U16.unpack_from(grpprl, pos)[0] - 1
                pos += 2
            elif pos < len(grpprl):
                size = grpprl[pos]
                pos += 1
            else:
                break
        else:
            size = (1, 1, 2, 4, 2, 2, 0, 3)[spra]
        out.append((sprm, grpprl[pos : pos + size]))
        pos += size
    return out


_DROP = {"\x01", "\x02", "\x05", "\x08", "\x1f", "\x00", "\x03", "\x04"}
_NEWLINE = {"\x0b", "\x0c", "\x0e"}


def _render(chars: list[tuple[str, int]], row_ends: set[int], in_table: set[int]) -> str:
    """Lines of text from the character stream: paragraphs, and tables gathered row by row."""
    lines: list[str] = []
    rows: list[list[str]] = []
    row: list[str] = []
    cell: list[str] = []  # paragraphs of the current cell
    buf: list[str] = []
    fields: list[bool] = []  # open fields; True while in a field's instruction part
    have_marks = bool(row_ends)

    def flush_table() -> None:
        nonlocal rows
        if row:
            rows.append(list(row))
            row.clear()
        if rows:
            lines.extend(table_lines(Table(rows)))
            rows = []

    for ch, fc_end in chars:
        if ch == "\x13":
            fields.append(True)
            continue
        if ch == "\x14":
            if fields:
                fields[-1] = False
            continue
        if ch == "\x15":
            if fields:
                fields.pop()
            continue
        if any(fields) or ch in _DROP:
            continue
        if ch == _CELL:
            text = "".join(buf).strip()
            buf = []
            ends_row = fc_end in row_ends if have_marks else (not text and not cell and bool(row))
            if ends_row:
                rows.append(list(row))
                row.clear()
            else:
                row.append(" ".join([*cell, text]).strip() if cell else text)
            cell = []
            continue
        if ch == "\r":
            text = "".join(buf).strip()
            buf = []
            if fc_end in in_table:
                cell.append(text)
                continue
            flush_table()
            if text:
                lines.append(text)
            continue
        if ch in _NEWLINE:
            buf.append("\n")
            continue
        buf.append(" " if ch in ("\xa0", "\t") else ("-" if ch == "\x1e" else ch))
    tail = "".join(buf).strip()
    flush_table()
    if tail:
        lines.append(tail)
    out: list[str] = []
    for ln in lines:
        out.extend(x.strip() for x in ln.split("\n") if x.strip())
    return "\n".join(out)


def _word95_text(wd: bytes) -> str:
    """Word 6/95: one 8-bit run from fcMin to fcMac; Chinese editions stored GBK."""
    fc_min, fc_mac = struct.unpack_from("<II", wd, 0x18)
    raw = wd[fc_min:fc_mac]
    text = raw.decode("gb18030", errors="replace")
    return "\n".join(x.strip() for x in text.replace("\x07", "\t").split("\r") if x.strip())


def _libreoffice(data: bytes, filename: str, fmt: str) -> LoadedText | None:
    """Convert with LibreOffice when it is installed; None when it is not or fails."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        return None
    from assistant.ingest.formats.docx import read_docx

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / f"input.{fmt}"
        src.write_bytes(data)
        try:
            subprocess.run(
                [exe, "--headless", "--convert-to", "docx", "--outdir", tmp, str(src)],
                check=True,
                capture_output=True,
                timeout=120,
            )
            converted = (Path(tmp) / "input.docx").read_bytes()
        except (OSError, subprocess.SubprocessError):
            return None
    loaded = read_docx(converted, filename)
    return LoadedText(text=loaded.text, format=fmt, encoding="binary")
