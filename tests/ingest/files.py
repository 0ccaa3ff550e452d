"""Real input files for the format tests, made from known text.

Nothing here is a stored fixture: every file is written by the test that reads it, from text the
test knows, so the expected output is never copied from the code under test.

* :func:`word_binary` — a Word 97-2003 binary file (OLE2 compound file, FIB, piece table, PAPX
  formatted-disk-pages marking table cells and row ends), written per MS-CFB and MS-DOC.
* :func:`ofd_file` — an OFD package (GB/T 33190: OFD.xml, Document.xml, PublicRes.xml, page
  Content.xml with one TextObject per line and DeltaX per character), lines wrapped like print.
* :func:`render_page` — known text drawn with a CJK font from /usr/share/fonts, as a scan;
  :func:`render_table_page` — a scanned page holding a ruled table of known cells.
* :func:`text_pdf` — a PDF with a real text layer and ruled tables (fpdf2 and a TrueType subset
  of Noto CJK made with fontTools, since pdfminer cannot read fpdf2's CFF embedding).
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

NOTO_SANS = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
NOTO_SERIF = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
SC = 2  # index of the Simplified Chinese face inside the Noto CJK collections
TC = 3  # Traditional Chinese face

Block = str | list[list[str]]  # a paragraph, or a table as rows of cells


# --- OLE2 compound file (MS-CFB, version 3) ----------------------------------------------------

_END = 0xFFFFFFFE
_FREE = 0xFFFFFFFF
_FATSECT = 0xFFFFFFFD
_NOSTREAM = 0xFFFFFFFF


def compound_file(streams: dict[str, bytes]) -> bytes:
    """An OLE2 file holding ``streams`` in the root storage (each padded to 4096 bytes, so no
    mini stream is needed)."""
    names = sorted(streams, key=lambda n: (len(n), n.upper()))
    data_sectors: list[bytes] = []
    entries: list[tuple[str, int, int]] = []  # name, start sector, size
    for name in names:
        blob = streams[name]
        blob += b"\0" * (max(4096, -(-len(blob) // 512) * 512) - len(blob))
        entries.append((name, len(data_sectors), len(blob)))
        data_sectors += [blob[i : i + 512] for i in range(0, len(blob), 512)]
    dir_sector = len(data_sectors)
    n_dir = -(-(len(entries) + 1) // 4)
    n_fat = 1
    while (dir_sector + n_dir + n_fat) > 128 * n_fat:
        n_fat += 1
    total = dir_sector + n_dir + n_fat
    fat = [_FREE] * (128 * n_fat)
    for _name, start, size in entries:
        count = size // 512
        for k in range(count):
            fat[start + k] = start + k + 1 if k + 1 < count else _END
    for k in range(n_dir):
        fat[dir_sector + k] = dir_sector + k + 1 if k + 1 < n_dir else _END
    for k in range(n_fat):
        fat[dir_sector + n_dir + k] = _FATSECT

    def entry(name: str, kind: int, left: int, right: int, child: int, start: int, size: int) -> bytes:
        raw = name.encode("utf-16-le") + b"\0\0"
        return (
            raw.ljust(64, b"\0")
            + struct.pack("<HBB", len(raw), kind, 1)
            + struct.pack("<III", left, right, child)
            + b"\0" * 16
            + struct.pack("<I", 0)
            + b"\0" * 16
            + struct.pack("<IQ", start, size)
        )

    # A right-leaning chain of black nodes under the root is a valid (if unbalanced) tree.
    dirs = [entry("Root Entry", 5, _NOSTREAM, _NOSTREAM, 1, _END, 0)]
    for k, (name, start, size) in enumerate(entries):
        right = k + 2 if k + 1 < len(entries) else _NOSTREAM
        dirs.append(entry(name, 2, _NOSTREAM, right, _NOSTREAM, start, size))
    while len(dirs) < 4 * n_dir:
        dirs.append(
            b"\0" * 64 + struct.pack("<HBB", 0, 0, 0) + struct.pack("<III", *[_NOSTREAM] * 3) + b"\0" * 48
        )
    difat = [dir_sector + n_dir + k for k in range(n_fat)] + [_FREE] * (109 - n_fat)
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIII", 0, n_fat, dir_sector, 0)
        + struct.pack("<IIIII", 4096, _END, 0, _END, 0)
        + struct.pack("<109I", *difat)
    )
    assert len(header) == 512 and total == dir_sector + n_dir + n_fat
    fat_bytes = struct.pack(f"<{len(fat)}I", *fat)
    return header + b"".join(data_sectors) + b"".join(dirs) + fat_bytes


# --- Word 97-2003 binary (MS-DOC) ----------------------------------------------------------------

_TEXT_AT = 0x800
_SPRM_IN_TABLE = struct.pack("<HB", 0x2416, 1)
_SPRM_TTP = struct.pack("<HB", 0x2417, 1)


def word_binary(blocks: Sequence[Block], *, encrypted: bool = False, reorder: bool = False) -> bytes:
    """A .doc file with ``blocks`` (paragraphs and tables), as Word 97-2003 stores them.

    Each block is its own piece in the piece table; ASCII-only paragraphs are stored 8-bit
    ("compressed"), and ``reorder`` stores the pieces in reverse order in the stream, as Word's
    fast save leaves them, so a reader must follow the piece table to get the order right.
    """
    # Paragraphs as (text including its mark, kind): kind "p" plain, "cell", "row" (row end).
    pieces: list[list[tuple[str, str]]] = []
    for block in blocks:
        if isinstance(block, str):
            pieces.append([(block + "\r", "p")])
        else:
            paras = []
            for row in block:
                paras += [(cell + "\x07", "cell") for cell in row]
                paras.append(("\x07", "row"))
            pieces.append(paras)
    pieces.append([("\r", "p")])  # the document's final paragraph mark
    texts = ["".join(t for t, _ in p) for p in pieces]
    compressed = [t.isascii() for t in texts]
    order = list(range(len(pieces)))[::-1] if reorder else list(range(len(pieces)))
    stream_text = b""
    fc_of: dict[int, int] = {}
    for i in order:
        fc_of[i] = _TEXT_AT + len(stream_text)
        stream_text += texts[i].encode("cp1252" if compressed[i] else "utf-16-le")
        stream_text += b"\0" * (len(stream_text) % 2)
    # paragraph byte ranges and their properties, sorted by position in the stream
    paras: list[tuple[int, int, str]] = []
    for i, piece in enumerate(pieces):
        fc = fc_of[i]
        width = 1 if compressed[i] else 2
        for text, kind in piece:
            paras.append((fc, fc + width * len(text), kind))
            fc += width * len(text)
    paras.sort()
    fkp_at = -(-(_TEXT_AT + len(stream_text)) // 512) * 512
    fkps: list[bytes] = []
    bte_fcs: list[int] = []
    for k in range(0, len(paras), 12):
        chunk = paras[k : k + 12]
        fkps.append(_fkp(chunk))
        bte_fcs.append(chunk[0][0])
    bte_fcs.append(paras[-1][1])
    ccp = sum(len(t) for t in texts)
    # table stream: Clx (piece table), then PlcBtePapx
    cps = [0]
    for t in texts:
        cps.append(cps[-1] + len(t))
    pcds = b"".join(
        struct.pack("<HIH", 0, (fc_of[i] * 2) | 0x40000000 if compressed[i] else fc_of[i], 0)
        for i in range(len(pieces))
    )
    plc_pcd = struct.pack(f"<{len(cps)}I", *cps) + pcds
    clx = b"\x02" + struct.pack("<I", len(plc_pcd)) + plc_pcd
    bte = struct.pack(f"<{len(bte_fcs)}I", *bte_fcs) + struct.pack(
        f"<{len(fkps)}I", *[fkp_at // 512 + k for k in range(len(fkps))]
    )
    table = clx + bte
    fc_clx, fc_bte = 0, len(clx)
    # FIB: FibBase, csw=14 + fibRgW, cslw=22 + fibRgLw, cbRgFcLcb=0x5D + blob, cswNew=0
    fib = bytearray(0x9A + 0x5D * 8 + 2)
    flags = 0x0200 | (0x0100 if encrypted else 0)  # fWhichTblStm: 1Table
    struct.pack_into("<HHHHH", fib, 0, 0xA5EC, 0x00C1, 0, 0x0804, 0)
    struct.pack_into("<H", fib, 0x0A, flags)
    struct.pack_into("<II", fib, 0x18, _TEXT_AT, _TEXT_AT + len(stream_text))
    struct.pack_into("<H", fib, 0x20, 14)
    struct.pack_into("<H", fib, 0x3E, 22)
    struct.pack_into("<I", fib, 0x40, fkp_at + 512 * len(fkps))
    struct.pack_into("<I", fib, 0x4C, ccp)
    struct.pack_into("<H", fib, 0x98, 0x5D)
    struct.pack_into("<II", fib, 0x9A + 13 * 8, fc_bte, len(bte))
    struct.pack_into("<II", fib, 0x9A + 33 * 8, fc_clx, len(clx))
    wd = bytes(fib).ljust(_TEXT_AT, b"\0") + stream_text
    wd = wd.ljust(fkp_at, b"\0") + b"".join(fkps)
    return compound_file({"WordDocument": wd, "1Table": table})


def _fkp(paras: list[tuple[int, int, str]]) -> bytes:
    """A PAPX formatted disk page for up to a dozen paragraphs (MS-DOC 2.9.175 PapxFkp)."""
    page = bytearray(512)
    crun = len(paras)
    fcs = [a for a, _, _ in paras] + [paras[-1][1]]
    struct.pack_into(f"<{crun + 1}I", page, 0, *fcs)
    top = 511
    for i, (_a, _b, kind) in enumerate(paras):
        grpprl = b"\0\0"  # istd 0 (Normal)
        if kind in ("cell", "row"):
            grpprl += _SPRM_IN_TABLE
        if kind == "row":
            grpprl += _SPRM_TTP
        cb = (len(grpprl) + 2) // 2  # 2*cb - 1 >= len(grpprl)
        papx = bytes([cb]) + grpprl.ljust(2 * cb - 1, b"\0")
        top = (top - len(papx)) & ~1
        page[top : top + len(papx)] = papx
        page[4 * (crun + 1) + 13 * i] = top // 2
    page[511] = crun
    return bytes(page)


# --- OFD (GB/T 33190) ----------------------------------------------------------------------------

_OFD_NS = "http://www.ofdspec.org/2016"
_PAGE_W, _PAGE_H = 210.0, 297.0
_LEFT, _RIGHT, _TOP = 28.0, 182.0, 37.0


def _wrap(text: str, size: float, indent: bool) -> list[tuple[float, str]]:
    """Lines of a paragraph at ``size`` mm per character: (x, text), first line indented."""
    per_line = int((_RIGHT - _LEFT) // size)
    out = []
    first = per_line - 2 if indent else per_line
    out.append((_LEFT + (2 * size if indent else 0), text[:first]))
    rest = text[first:]
    while rest:
        out.append((_LEFT, rest[:per_line]))
        rest = rest[per_line:]
    return out


def ofd_file(
    paragraphs: Sequence[tuple[str, str]],
    *,
    title: str = "",
    author: str = "",
    created: str = "",
    size: float = 5.6,
    lines_per_page: int = 30,
) -> bytes:
    """An OFD file: ``paragraphs`` as (style, text), style "title" (centred), "body" (indented,
    wrapped at the margin) or "plain" (flush left); pages break after ``lines_per_page`` lines."""
    lines: list[tuple[float, str]] = []
    per_line = int((_RIGHT - _LEFT) // size)
    for style, text in paragraphs:
        if style == "title":  # centred, wrapped like any line that does not fit
            for k in range(0, len(text), per_line):
                part = text[k : k + per_line]
                lines.append(((_PAGE_W - size * len(part)) / 2, part))
        else:
            lines += _wrap(text, size, indent=style == "body")
    pages = [lines[i : i + lines_per_page] for i in range(0, len(lines), lines_per_page)] or [[]]
    files: dict[str, str] = {}
    info = "".join(
        f"<ofd:{tag}>{escape(value)}</ofd:{tag}>"
        for tag, value in (("Title", title), ("Author", author), ("CreationDate", created))
        if value
    )
    files["OFD.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{_OFD_NS}" Version="1.1" DocType="OFD">'
        f"<ofd:DocBody><ofd:DocInfo><ofd:DocID>0c2f8a</ofd:DocID>{info}</ofd:DocInfo>"
        "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"
    )
    page_refs = "".join(
        f'<ofd:Page ID="{10 + k}" BaseLoc="Pages/Page_{k}/Content.xml"/>' for k in range(len(pages))
    )
    files["Doc_0/Document.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{_OFD_NS}"><ofd:CommonData>'
        f"<ofd:MaxUnitID>9999</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 {_PAGE_W} {_PAGE_H}"
        "</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>"
        f"<ofd:Pages>{page_refs}</ofd:Pages></ofd:Document>"
    )
    files["Doc_0/PublicRes.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{_OFD_NS}" BaseLoc="Res">'
        '<ofd:Fonts><ofd:Font ID="2" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>'
    )
    object_id = 1000
    for k, page in enumerate(pages):
        objects = []
        for n, (x, text) in enumerate(page):
            y = _TOP + n * size * 1.6
            deltas = " ".join([f"{size:g}"] * (len(text) - 1))
            w = size * len(text)
            objects.append(
                f'<ofd:TextObject ID="{object_id}" Boundary="{x:.2f} {y - size:.2f} {w:.2f} {size * 1.2:.2f}" '
                f'Font="2" Size="{size:g}"><ofd:TextCode X="0" Y="{size:g}" DeltaX="{deltas}">'
                f"{escape(text)}</ofd:TextCode></ofd:TextObject>"
            )
            object_id += 1
        files[f"Doc_0/Pages/Page_{k}/Content.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{_OFD_NS}"><ofd:Content>'
            f'<ofd:Layer ID="{object_id}">{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>'
        )
        object_id += 1
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, xml in files.items():
            zf.writestr(name, xml.encode("utf-8"))
    return buf.getvalue()


# --- rendered pages (scans) ----------------------------------------------------------------------


def render_page(
    paragraphs: Sequence[str],
    *,
    font: Path = NOTO_SERIF,
    face: int = SC,
    px: int = 44,
    dpi: int = 200,
    noise: float = 0.0,
    seed: int = 0,
) -> object:
    """An A4 page image at ``dpi`` with ``paragraphs`` typeset as a 公文: two-character indent,
    wrapped at the margin, ``px`` pixels per character (44 px at 200 dpi is 三号 type).

    ``noise`` > 0 adds speckles and a slight blur, like a photocopy scanned again.
    """
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    width, height = int(8.27 * dpi), int(11.69 * dpi)
    img = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(img)
    ttf = ImageFont.truetype(str(font), px, index=face)
    left, right = int(0.11 * width * 1.6), int(width - 0.11 * width * 1.6)
    y = int(0.12 * height)
    for para in paragraphs:
        line = ""
        x0 = left + 2 * px
        for ch in para:
            if draw.textlength(line + ch, font=ttf) > right - x0:
                draw.text((x0, y), line, font=ttf, fill=0)
                y += int(px * 1.6)
                line, x0 = "", left
            line += ch
        if line:
            draw.text((x0, y), line, font=ttf, fill=0)
            y += int(px * 1.6)
    if noise:
        import random

        rnd = random.Random(seed)
        px_access = img.load()
        for _ in range(int(noise * width * height / 1000)):
            px_access[rnd.randrange(width), rnd.randrange(height)] = rnd.choice((0, 128))
        img = img.filter(ImageFilter.GaussianBlur(0.6))
    return img


def render_table_page(
    before: Sequence[str],
    rows: Sequence[Sequence[str]],
    after: Sequence[str] = (),
    *,
    font: Path = NOTO_SERIF,
    face: int = SC,
    px: int = 40,
    dpi: int = 200,
) -> object:
    """An A4 page image with ``before`` lines, a ruled table of ``rows`` (the first is the header)
    and ``after`` lines, as a scanned work-plan page: each column as wide as its longest cell."""
    from PIL import Image, ImageDraw, ImageFont

    width, height = int(8.27 * dpi), int(11.69 * dpi)
    img = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(img)
    ttf = ImageFont.truetype(str(font), px, index=face)
    left, y, row_h, pad = int(0.12 * width), int(0.12 * height), 2 * px, px // 2
    for line in before:
        draw.text((left + 2 * px, y), line, font=ttf, fill=0)
        y += int(px * 1.8)
    widths = [max(draw.textlength(r[c], font=ttf) for r in rows) + 2 * pad for c in range(len(rows[0]))]
    edges = [left]
    for w in widths:
        edges.append(edges[-1] + int(w))
    top = y
    for row in rows:
        for c, cell in enumerate(row):
            draw.text((edges[c] + pad, y + (row_h - px) // 2), cell, font=ttf, fill=0)
        y += row_h
    for k in range(len(rows) + 1):
        draw.line([(edges[0], top + k * row_h), (edges[-1], top + k * row_h)], fill=0, width=3)
    for x in edges:
        draw.line([(x, top), (x, y)], fill=0, width=3)
    y += px
    for line in after:
        draw.text((left + 2 * px, y), line, font=ttf, fill=0)
        y += int(px * 1.8)
    return img


def image_bytes(img: object, fmt: str = "PNG") -> bytes:
    buf = io.BytesIO()
    img.save(buf, format=fmt)  # type: ignore[attr-defined]
    return buf.getvalue()


def scanned_pdf(images: Sequence[object], dpi: int = 200) -> bytes:
    """An image-only PDF: one scanned page per image, no text layer."""
    buf = io.BytesIO()
    first, *rest = images
    first.save(buf, format="PDF", resolution=dpi, save_all=True, append_images=list(rest))  # type: ignore[attr-defined]
    return buf.getvalue()


# --- PDF with a text layer ------------------------------------------------------------------------


def cjk_truetype(text: str, out: Path) -> Path:
    """A TrueType (glyf) subset of Noto Sans CJK SC covering ``text``, written to ``out``."""
    from fontTools import subset
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTCollection, newTable

    font = TTCollection(str(NOTO_SANS)).fonts[SC]
    opts = subset.Options()
    opts.layout_features = []
    opts.notdef_outline = True
    opts.name_IDs = ["*"]
    sub = subset.Subsetter(opts)
    sub.populate(text=text + " 0123456789")
    sub.subset(font)
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(None)
        glyphs[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    font["head"].glyphDataFormat = 0
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in (
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    font["maxp"] = maxp
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font.sfntVersion = "\x00\x01\x00\x00"
    font.save(str(out))
    return out


def text_pdf(blocks: Sequence[Block], font_dir: Path) -> bytes:
    """A PDF with a real text layer: paragraphs, and tables ruled on every side."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    chars = "".join(b if isinstance(b, str) else "".join(c for r in b for c in r) for b in blocks)
    font = cjk_truetype(chars, font_dir / "cjk-subset.ttf")
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("cjk", fname=str(font))
    pdf.set_font("cjk", size=12)
    for block in blocks:
        if isinstance(block, str):
            pdf.multi_cell(0, 8, block, new_x="LMARGIN", new_y="NEXT")
        else:
            with pdf.table(headings_style=FontFace(emphasis="")) as table:
                for row in block:
                    r = table.row()
                    for cell in row:
                        r.cell(cell)
            pdf.ln(4)
    return bytes(pdf.output())
