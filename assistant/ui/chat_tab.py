"""The 问答 tab: the chat, the sources panel beside it and the filters (region, documents, mode).

Every question goes to :meth:`assistant.core.Assistant.respond` under the read side of the index
lock; the answer is rendered by :mod:`assistant.ui.render` (and a comparison by
:mod:`assistant.ui.compare_view`). Cited sources can be put into the citation basket one by one
(the card's button, through the hidden ``#basket-key`` box) or a whole answer at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import gradio as gr

from assistant.citations import SourceCitation, from_citation
from assistant.core import MAX_QUESTION_CHARS, Scope
from assistant.errors import AssistantError
from assistant.schema import Answer, Mode
from assistant.sessions import secret_for
from assistant.ui import compare_view
from assistant.ui.cite_tab import basket_of, render_basket
from assistant.ui.context import (
    CONCURRENCY,
    EMPTY_SOURCES,
    SharedState,
    UiContext,
    attr,
    info,
    user_html,
    warn,
)
from assistant.ui.conversations import ChatMemory, ChatState, answer_json
from assistant.ui.render import esc, plain_text, render_answer

EXAMPLES = [
    "安徽省2024年PM2.5浓度目标定为多少？",
    "郑州经济技术开发区对工业炉窑提出了哪些整治要求？",
    "各地对扬尘污染防治有哪些要求？",
]
MODES = [("抽取式：逐句引用原文", "extractive"), ("大模型：依据原文改写（需核对）", "llm")]
SESSION_KEY = "policy-assistant-session"  # the browser's localStorage key of its session id


@dataclass
class ChatTab:
    """Layout, handlers and events of the 问答 tab."""

    ctx: UiContext
    chatbot: gr.Chatbot
    box: gr.Textbox
    send: gr.Button
    region: gr.Dropdown
    doc_filter: gr.Dropdown
    mode: gr.Radio
    clear: gr.Button
    add_all: gr.Button
    sources: gr.HTML
    basket_key: gr.Textbox
    basket_btn: gr.Button
    history: gr.Radio
    history_del: gr.Button
    browser: gr.BrowserState  # the session id, in the browser's localStorage
    conv: gr.State  # id of the open conversation in the store ('' until its first answer)
    answers: gr.State  # chat index of each answer → the answer (see .conversations)
    feedback_row: gr.Column  # the optional reason after a 👍/👎
    reason: gr.Textbox
    reason_btn: gr.Button
    reason_close: gr.Button
    rating: gr.State  # id of the rating the reason box adds to
    memory: ChatMemory = field(init=False)  # conversations, basket and ratings kept (.conversations)

    def __post_init__(self) -> None:
        self.memory = ChatMemory(self.ctx)

    @classmethod
    def build(cls, ctx: UiContext, regions: list[str], docs: list[tuple[str, str]]) -> ChatTab:
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=320):
                chatbot = gr.Chatbot(
                    label="问答",
                    elem_id="chat",
                    height=520,
                    buttons=["copy"],
                    feedback_options=("Like", "Dislike"),  # shown as 👍/👎 (see .i18n for the labels)
                    placeholder="请输入问题。回答中的 [1] [2] 可点击或悬停查看原文。",
                )
                with gr.Column(visible=False, variant="panel", elem_id="feedback-row") as feedback_row:
                    reason = gr.Textbox(
                        label="补充原因（选填）",
                        placeholder="例如：引用的条款不对；或直接写出正确答案",
                        max_lines=4,
                        elem_id="feedback-reason",
                    )
                    with gr.Row():
                        reason_btn = gr.Button("提交原因", size="sm", elem_id="feedback-send")
                        reason_close = gr.Button("不用了", size="sm", elem_id="feedback-close")
                with gr.Row(equal_height=True):
                    box = gr.Textbox(
                        show_label=False,
                        placeholder="例如：郑州经济技术开发区对工业炉窑提出了哪些整治要求？",
                        scale=5,
                        min_width=200,
                        elem_id="question",
                        max_lines=4,
                        interactive=False,  # until the page load has restored this browser's session
                    )
                    send = gr.Button(
                        "提问", variant="primary", scale=1, min_width=80, elem_id="ask-btn", interactive=False
                    )
                gr.Examples(EXAMPLES, inputs=box, label="示例问题")
                with gr.Accordion("筛选与设置", open=False, elem_id="filters"):
                    region = gr.Dropdown(
                        choices=regions,
                        multiselect=True,
                        label="限定地区（可选）",
                        elem_id="region",
                        allow_custom_value=True,
                    )
                    doc_filter = gr.Dropdown(
                        choices=docs,
                        multiselect=True,
                        label="限定文件（可选）",
                        elem_id="doc-filter",
                        allow_custom_value=True,
                    )
                    mode = gr.Radio(
                        choices=MODES,
                        value="extractive",
                        label="回答方式",
                        visible=ctx.llm_ok,
                        interactive=ctx.llm_ok,
                        elem_id="mode",
                    )
                    if not ctx.llm_ok:
                        gr.Markdown("回答方式：抽取式（未配置大模型接口，不提供大模型改写）。")
                with gr.Row():
                    clear = gr.Button("新对话", size="sm", elem_id="new-chat")
                    add_all = gr.Button("整条回答加入引用篮", size="sm", elem_id="add-answer")
                with gr.Accordion("历史对话", open=False, elem_id="history-box"):
                    history = gr.Radio(
                        choices=[],
                        label="点击打开以往的对话（保存在本浏览器对应的服务器记录中）",
                        elem_id="history",
                    )
                    history_del = gr.Button(
                        "删除所选对话", size="sm", variant="stop", elem_id="history-delete"
                    )
            with gr.Column(scale=2, min_width=300):
                sources = gr.HTML(EMPTY_SOURCES, elem_id="sources", max_height=640)
        # the source cards' "加入引用篮" buttons write a card key here and click the hidden button
        basket_key = gr.Textbox(visible="hidden", elem_id="basket-key")
        basket_btn = gr.Button("加入", visible="hidden", elem_id="basket-add-btn")
        # the secret lives in the data directory, so a restart does not make stored ids unreadable
        browser = gr.BrowserState(None, storage_key=SESSION_KEY, secret=secret_for(ctx.store.path.parent))
        return cls(
            ctx,
            chatbot,
            box,
            send,
            region,
            doc_filter,
            mode,
            clear,
            add_all,
            sources,
            basket_key,
            basket_btn,
            history,
            history_del,
            browser,
            gr.State(""),
            gr.State({}),
            feedback_row,
            reason,
            reason_btn,
            reason_close,
            gr.State(0),
        )

    # -- handlers --------------------------------------------------------------------------

    def respond(
        self,
        message: str,
        chat: list[dict[str, Any]],
        regions: list[str] | None,
        doc_ids: list[str] | None,
        mode: str | None,
        turns: list[dict[str, str]],
        entries: dict[str, Any],
        session: str,
        conv: str,
        answers: dict[str, dict[str, Any]],
    ) -> Iterator[tuple[Any, ...]]:
        assistant, lock = self.ctx.assistant, self.ctx.lock
        message = (message or "").strip()
        chat = list(chat or [])
        keep = (gr.skip(), gr.skip())  # conversation id, answers
        if not message:
            warn("请输入问题。")
            yield chat, gr.skip(), "", turns, entries, gr.skip(), *keep
            return
        if len(message) > MAX_QUESTION_CHARS:
            warn(f"问题过长（{len(message)} 字），请控制在 {MAX_QUESTION_CHARS} 字以内。")
            yield chat, gr.skip(), message, turns, entries, gr.skip(), *keep
            return
        chat = [*chat, {"role": "user", "content": user_html(message)}]
        n = len(turns) // 2 + 1
        turn = f"t{n}"
        waiting = {"role": "assistant", "content": "正在检索文件…"}
        yield [*chat, waiting], gr.skip(), "", turns, entries, gr.skip(), *keep
        # a region label's last word is its most specific place ("河南省 济源市" → 济源市)
        scope = [r.split()[-1] for r in (regions or []) if r.strip() and r != "全国"] or None
        chosen_mode: Mode = "llm" if (mode == "llm" and self.ctx.llm_ok) else "extractive"
        try:
            with lock.read():
                if not assistant.is_indexed():
                    raise AssistantError("文库为空：请先在“文库”页导入文件，或运行 make index。")
                response = assistant.respond(
                    message,
                    history=turns,
                    scope=Scope(regions=scope or [], doc_ids=list(doc_ids or [])),
                    mode=chosen_mode,
                )
                table, cites = "", dict[str, SourceCitation]()
                if response.comparison is not None:
                    table, cites = compare_view.render(
                        response.comparison, assistant, f"{turn}c", open_cards=False
                    )
                piece = response.answer
                r = render_answer(piece, turn, assistant.document)
                bubble = (
                    f'<div class="answer" data-plain="{attr(plain_text(piece, assistant.document))}">'
                    f"{r.message}{table}</div>"
                )
        except AssistantError as e:
            error = f'<div class="answer answer-error">⚠️ {esc(e)}</div>'
            yield [*chat, {"role": "assistant", "content": error}], "", "", turns, entries, None, *keep
            return
        answers = {**answers, str(len(chat)): answer_json(piece, n, response.comparison is not None)}
        state = ChatState(
            chat=[*chat, {"role": "assistant", "content": bubble}],
            sources=r.sources,
            turns=[
                *turns,
                {"role": "user", "content": message},
                {"role": "assistant", "content": r.history_text},
            ],
            entries={**entries, **r.entries, **cites},
            answers=answers,
        )
        conv = self.memory.save(session, conv, state)
        yield state.chat, state.sources, "", state.turns, state.entries, piece, conv, answers

    def add_source(
        self, key: str, entries: dict[str, Any], basket: str, session: str = ""
    ) -> tuple[str, str, str]:
        """The card ``key`` into the basket; the basket is kept (for a reload) before the page
        shows it, so what the page shows is what a reload brings back."""
        c = entries.get((key or "").strip())
        if c is None:
            warn("找不到该来源，请重新提问后再试。")
            return basket, render_basket(basket), ""
        b = basket_of(basket)
        try:
            doc = self.ctx.assistant.document
            b.add(c if isinstance(c, SourceCitation) else from_citation(c, doc(c.doc_id)))
        except AssistantError as e:
            warn(str(e))
            return basket, render_basket(basket), ""
        info(f"已加入引用篮（共 {len(b)} 条）")
        data = b.to_json()
        self.memory.save_basket(session, data)
        return data, render_basket(data), ""

    def add_answer(self, answer: Answer | None, basket: str, session: str = "") -> tuple[str, str]:
        if answer is None or not answer.citations:
            warn("当前没有带引用的回答可加入。")
            return basket, render_basket(basket)
        b = basket_of(basket)
        try:
            b.add_answer(answer, self.ctx.assistant.document)
        except AssistantError as e:
            warn(str(e))
            return basket, render_basket(basket)
        info(f"已将整条回答加入引用篮（共 {len(b)} 条）")
        data = b.to_json()
        self.memory.save_basket(session, data)
        return data, render_basket(data)

    # -- events ----------------------------------------------------------------------------

    def wire(self, app: gr.Blocks, shared: SharedState, basket_view: gr.HTML) -> None:
        shown = [
            self.chatbot,
            self.sources,
            shared.turns,
            shared.entries,
            shared.last_answer,
            self.conv,
            self.answers,
        ]
        app.load(
            self.memory.restore,
            self.browser,
            [
                shared.session,
                self.browser,
                *shown,
                self.history,
                shared.basket,
                basket_view,
                self.box,
                self.send,
            ],
            api_visibility="private",
        )
        ask_inputs = [
            self.box,
            self.chatbot,
            self.region,
            self.doc_filter,
            self.mode,
            shared.turns,
            shared.entries,
            shared.session,
            self.conv,
            self.answers,
        ]
        ask_outputs = [
            self.chatbot,
            self.sources,
            self.box,
            shared.turns,
            shared.entries,
            shared.last_answer,
            self.conv,
            self.answers,
        ]
        # the history list follows in a second step, so that /ask keeps its (chat, sources, box) reply
        self.box.submit(
            self.respond, ask_inputs, ask_outputs, concurrency_limit=CONCURRENCY, api_name="ask"
        ).then(self.memory.history_list, [shared.session, self.conv], self.history, api_visibility="private")
        self.send.click(
            self.respond, ask_inputs, ask_outputs, concurrency_limit=CONCURRENCY, api_visibility="private"
        ).then(self.memory.history_list, [shared.session, self.conv], self.history, api_visibility="private")
        for event in (self.clear.click, self.chatbot.clear):
            event(
                self.memory.new_chat,
                [shared.session, shared.entries],
                [*shown, self.history],
                api_visibility="private",
            )
        self.history.input(
            self.memory.open_conversation,
            [shared.session, self.history, shared.entries],
            [*shown, self.history],
            api_visibility="private",
        )
        self.history_del.click(
            self.memory.delete_conversation,
            [shared.session, self.history, self.conv, shared.entries],
            [*shown, self.history],
            api_visibility="private",
        )
        self.basket_btn.click(
            self.add_source,
            [self.basket_key, shared.entries, shared.basket, shared.session],
            [shared.basket, basket_view, self.basket_key],
            api_name="add_source",
        )
        self.add_all.click(
            self.add_answer,
            [shared.last_answer, shared.basket, shared.session],
            [shared.basket, basket_view],
            api_name="add_answer",
        )
        self.chatbot.like(
            self.memory.rate,
            [shared.session, self.conv, self.answers, shared.turns],
            [self.rating, self.feedback_row, self.reason],
            api_visibility="private",
        )
        self.reason_btn.click(
            self.memory.send_reason,
            [shared.session, self.rating, self.reason],
            [self.feedback_row, self.reason],
            api_visibility="private",
        )
        self.reason_close.click(
            lambda: (gr.update(visible=False), ""),
            None,
            [self.feedback_row, self.reason],
            api_visibility="private",
        )
