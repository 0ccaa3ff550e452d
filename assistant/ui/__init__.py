"""The Gradio web app: a thin layer over :class:`assistant.core.Assistant`.

``create_app(assistant)`` builds the Blocks (tabs 问答, 对比, 引用, 批量问答, 文库, 版本对照, 反馈, one
module each, and the original-document viewer); ``launch()`` prepares the index (keyword index first,
vectors in the background) and serves it. Conversations and feedback are kept per browser on the
server (:mod:`assistant.sessions`, :mod:`assistant.feedback`).
"""

from assistant.ui.app import create_app, launch
from assistant.ui.render import render_answer, render_sources

__all__ = ["create_app", "launch", "render_answer", "render_sources"]
