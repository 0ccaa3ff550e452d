"""The Gradio web app: a thin layer over :class:`assistant.core.Assistant`.

``create_app(assistant)`` builds the Blocks (tabs 问答, 对比, 引用, 文库); ``launch()`` prepares the
index (keyword index first, vectors in the background) and serves it.
"""

from assistant.ui.app import create_app, launch
from assistant.ui.render import render_answer, render_sources

__all__ = ["create_app", "launch", "render_answer", "render_sources"]
