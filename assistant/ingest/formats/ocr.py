"""OCR of scanned pages and images with RapidOCR (PP-OCR models run by onnxruntime).

The detection, direction and recognition models ship inside the ``rapidocr`` wheel. RapidOCR
downloads a model when it is not given a path, so we always pass the paths of the packaged files
and refuse to start if one is missing: nothing is ever fetched at run time.

The engine is built once per process (loading takes a few seconds) and guarded by a lock, since
onnxruntime sessions already use every core.
"""

from __future__ import annotations

import functools
import io
import re
import threading
from pathlib import Path
from typing import Any

from assistant.errors import RuntimeFailure
from assistant.ingest.formats.base import PageText, Piece, Progress, bad, group_lines, page_with_tables
from assistant.schema import LoadedText

# A scan is rendered at this resolution before OCR: 公文 body text (三号, 16 pt) is then ~44 px
# high, well inside what PP-OCR recognises best; more costs time without gaining accuracy.
OCR_DPI = 200
_LOCK = threading.Lock()
_MODEL_KINDS = {"Det": "_det_", "Cls": "_cls_", "Rec": "_rec_"}


def _packaged_models() -> dict[str, Path]:
    """The model files inside the installed rapidocr package, by stage."""
    import rapidocr

    root = Path(rapidocr.__file__).parent / "models"
    found: dict[str, Path] = {}
    for stage, marker in _MODEL_KINDS.items():
        files = sorted(p for p in root.glob("*.onnx") if marker in p.name)
        if not files:
            raise RuntimeFailure(
                f"OCR 模型文件缺失，请重新安装 rapidocr (OCR model for {stage} not found in {root})"
            )
        found[stage] = files[0]
    return found


@functools.cache
def ocr_engine() -> Any:
    """The RapidOCR engine, built from the packaged models only."""
    try:
        from rapidocr import RapidOCR
    except ImportError as e:  # pragma: no cover - a declared dependency
        raise RuntimeFailure("未安装 OCR 组件 rapidocr/onnxruntime (OCR not installed)") from e
    params: dict[str, Any] = {"Global.log_level": "error"}
    for stage, path in _packaged_models().items():
        params[f"{stage}.model_path"] = str(path)
    return RapidOCR(params=params)


def ocr_paragraphs(image: Any) -> list[str]:
    """Paragraphs of text on one page image (a PIL image or an array), in reading order."""
    return ocr_page(image).paragraphs


def ocr_page(image: Any) -> PageText:
    """The paragraphs of one page image, and whether they run over its top or bottom edge.

    A grid of text boxes (a ruled table scanned) comes out as a Markdown table, the form every
    reader gives tables in; see :func:`.base.table_runs`."""
    import numpy as np

    arr = np.asarray(image.convert("RGB")) if hasattr(image, "convert") else image
    with _LOCK:
        result = ocr_engine()(arr)
    boxes = getattr(result, "boxes", None)
    txts = getattr(result, "txts", None)
    if boxes is None or txts is None:
        return PageText([])
    pieces = []
    for box, text in zip(boxes, txts, strict=False):
        xs = [float(p[0]) for p in box]
        ys = [float(p[1]) for p in box]
        if text.strip():
            pieces.append(Piece(text.strip(), min(xs), max(xs), min(ys), max(ys)))
    page = page_with_tables(group_lines(pieces), float(arr.shape[1]))
    page.paragraphs = [_roman_classes(p) for p in page.paragraphs]
    return page


_ROMAN = {"II": "Ⅱ", "III": "Ⅲ", "IV": "Ⅳ"}
# Only the spellings that cannot be a Latin letter: a lone "V类" may be written so in the source.
_CLASS_RE = re.compile(r"(?<![A-Za-z])(III|II|IV)(?=[类類级級])")


def _roman_classes(text: str) -> str:
    """ "III类" → "Ⅲ类": the recogniser spells Roman numerals with Latin letters, while 公文 (and
    the water quality standard GB 3838) write a class with the Roman numeral character."""
    return _CLASS_RE.sub(lambda m: _ROMAN[m.group(1)], text)


def read_image(data: bytes, filename: str, progress: Progress | None = None) -> LoadedText:
    """A scanned page saved as an image (.png, .jpg): its OCR text."""
    try:
        from PIL import Image

        image = Image.open(io.BytesIO(data))
        image.load()
    except Exception as e:  # PIL raises many types for broken images
        raise bad(filename, "无法打开图片，文件可能已损坏", "cannot open image") from e
    if progress:
        progress(0, 1, f"正在识别文字（OCR）：{filename}")
    text = "\n".join(ocr_paragraphs(image))
    if progress:
        progress(1, 1, f"文字识别完成：{filename}")
    return LoadedText(text=text, format="image", encoding="binary", pages=1, ocr_pages=(1,))
