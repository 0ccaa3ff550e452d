"""Chinese for the words Gradio itself puts on the page.

Gradio translates its own labels by the browser's language, but its Simplified Chinese table lacks
some of the ones this app shows ("Copy message" on every answer, the dataframe's "Filter", the queue
position), and a few strings are written in English in its code ("Liked"/"Disliked" on the thumbs,
"More tabs", the "File(s) exceed the maximum allowed size …" of an oversized upload, the toast titles
of errors Gradio raises itself). So:

* :data:`I18N` fills the gaps of Gradio's own tables (``launch(i18n=…)``);
* :data:`LITERALS` and :data:`PATTERNS` are rewritten in the page by the script in
  :mod:`assistant.ui.assets`, the last resort for text no table reaches;
* the same script switches Gradio to Simplified Chinese in a browser set to another language,
  since every other word of the app is Chinese anyway.
"""

from __future__ import annotations

import json

import gradio as gr

# keys Gradio's zh-CN table does not have (gradio 6.31), for the components this app uses
MISSING_ZH: dict[str, dict[str, str]] = {
    "chatbot": {
        "copy_message": "复制回答",
        "copied_message": "已复制",
        "complete": "完成",
    },
    "common": {
        "upload": "上传",  # a key no table of Gradio's has: shown as "common.upload" otherwise
        "download_all": "全部下载",
        "progress": "进度",
        "run": "运行",
    },
    "dataframe": {
        "filter": "筛选",
        "clear_filter": "清除筛选",
        "import_empty_file": "拖入的文件是空的。",
        "import_no_column_names": "拖入的文件没有列名。",
        "import_static_columns": "该表格的列不可修改，无法导入。",
    },
    "status": {"queue_position": "排队中：第 {position} 位，共 {size} 位"},
}


def _flat(d: dict[str, dict[str, str]]) -> dict[str, str]:
    return {f"{section}.{key}": value for section, keys in d.items() for key, value in keys.items()}


# Gradio takes the keys flat ("chatbot.copy_message") per locale.
I18N = gr.I18n(**{loc: _flat(MISSING_ZH) for loc in ("zh-CN", "zh-TW", "zh")})

# English text in Gradio's code, as it appears in labels, titles and toasts → what users read
LITERALS: dict[str, str] = {
    "Liked": "已赞",
    "Disliked": "已踩",
    "Like": "赞",
    "Dislike": "踩",
    "More tabs": "更多",
    "Open cell menu": "列菜单",
    "Copy message": "复制回答",
    "Copied message": "已复制",
    "Copy": "复制",
    "Copied!": "已复制",
    "Download": "下载",
    "Clear": "清除",
    "Close": "关闭",
    "Click to upload or drop files": "点击上传或拖放文件",
    "File upload": "上传文件",
    "common.upload": "上传",
    "Error": "出错了",
    "Warning": "提示",
    "Info": "提示",
    "Success": "成功",
    "Connection errored out.": "与服务器的连接中断，请刷新页面后重试。",
}

# (regular expression, replacement) for messages with a value in them
PATTERNS: list[tuple[str, str]] = [
    (
        r"^File\(s\) exceed the maximum allowed size of ([\d.]+ ?[KMGT]?b): (.*)$",
        "文件超过大小上限（每个不超过 $1）：$2",
    ),
    (r"^File size exceeded maximum allowed size of (\d+) bytes\.?$", "文件超过大小上限（$1 字节）。"),
    (r"^HTTP 401: .*$", "上传需要管理员登录（在“文库”页登录后再试）。"),
    (r"^HTTP 413: .*$", "文件超过大小上限。"),
]


def script_data() -> str:
    """The tables above as a JSON object for the page script."""
    return json.dumps({"literals": LITERALS, "patterns": PATTERNS}, ensure_ascii=False)
