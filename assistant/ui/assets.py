"""Static CSS and the one script of the web app (passed to ``launch``; Gradio 6 takes them there).

The script adds behaviour Gradio has no component for, by event delegation on ``document`` so it
survives every re-render:

* a citation marker ``<span class="cite-ref cite-k-KEY">[n]</span>`` opens a popover with the
  source card ``.cite-card.card-k-KEY`` (passage with the quote highlighted, title, 文号, date,
  section path) on hover, and pins it on click or Enter (phones: a bottom sheet);
* a ``.basket-add.add-k-KEY`` button puts KEY into the hidden textbox ``#basket-key`` and clicks the
  hidden button ``#basket-add-btn``, so the Python handler adds that source to the citation basket.
"""

from __future__ import annotations

from assistant.ui.i18n import script_data

CSS = """
.gradio-container { max-width: 1400px !important; }
#status-bar .index-status { padding: 6px 10px; border-radius: 6px; font-size: 14px; }
.index-status.building { background: #fff7e6; border: 1px solid #f0c36d; }
.index-status.ready { color: #3a7d44; }
.index-status.error { background: #fdecea; border: 1px solid #e57373; }
.index-status progress { width: 160px; vertical-align: middle; margin: 0 6px; }
.cite-ref { color: #1d5fbf; font-weight: 600; cursor: pointer; padding: 0 1px; border-radius: 3px;
  text-decoration: none; white-space: nowrap; }
.cite-ref:hover, .cite-ref:focus { background: #e3edfb; outline: none; }
.answer-notice { color: #8a5a00; font-size: 13px; margin-top: 6px; }
.abstain-box { border-left: 4px solid #d08b00; background: #fff8e8; padding: 8px 12px; border-radius: 4px; }
.abstain-box .abstain-title { font-weight: 600; color: #8a5a00; }
.msg-sources summary { cursor: pointer; color: #555; font-size: 13px; margin-top: 6px; }
.cite-card { border: 1px solid #d9dee5; border-radius: 8px; padding: 10px 12px; margin: 8px 0;
  background: #fff; color: #1f2328; font-size: 14px; line-height: 1.6; }
.cite-card.flash { box-shadow: 0 0 0 3px #8db4ef; transition: box-shadow .3s; }
.cite-card .cite-head { font-weight: 600; }
.cite-card .cite-no { color: #1d5fbf; margin-right: 4px; }
.cite-card .cite-meta, .cite-card .cite-path { color: #57606a; font-size: 13px; }
.status-old { color: #9a3412; background: #ffedd5; border-radius: 4px; padding: 0 4px; font-weight: 600; }
.diff-view { max-width: 100%; overflow-wrap: anywhere; }
.diff-summary { border-collapse: collapse; margin: 8px 0; }
.diff-summary td, .diff-summary th { border: 1px solid #d0d7de; padding: 2px 10px; }
.diff-pair { border-top: 1px solid #d0d7de; padding: 8px 0; }
.diff-head { font-weight: 600; margin-bottom: 4px; }
.diff-body del.diff-del { color: #b42318; background: #fee4e2; }
.diff-body ins.diff-ins { color: #1d4ed8; background: #dbeafe; text-decoration: underline; }
.cite-card blockquote.cite-passage { margin: 6px 0; padding: 6px 10px; border-left: 3px solid #c8d1dc;
  background: #f6f8fa; white-space: pre-wrap; word-break: break-all; }
.cite-card mark { background: #ffe58a; padding: 0 1px; }
.cite-card .basket-add { margin-top: 4px; font-size: 13px; padding: 2px 10px; border-radius: 5px;
  border: 1px solid #1d5fbf; color: #1d5fbf; background: #fff; cursor: pointer; }
.cite-card .basket-add[disabled] { color: #3a7d44; border-color: #3a7d44; cursor: default; }
.sources-empty { color: #777; font-size: 14px; }
.sources-title { font-weight: 600; font-size: 16px; margin: 4px 0; }
#cite-pop { display: none; position: fixed; z-index: 1000; width: 420px; max-width: calc(100vw - 16px);
  max-height: 60vh; overflow: auto; background: #fff; color: #1f2328; border: 1px solid #b8c2cf;
  border-radius: 8px; box-shadow: 0 8px 28px rgba(0,0,0,.18); padding: 8px 12px 10px; }
#cite-pop.open { display: block; }
#cite-pop .cite-pop-close { float: right; border: none; background: none; font-size: 20px; cursor: pointer;
  line-height: 1; color: #555; }
#cite-pop .cite-card { border: none; padding: 0; margin: 0; }
.cmp-table { border-collapse: collapse; width: 100%; font-size: 14px; }
.cmp-table th, .cmp-table td { border: 1px solid #d9dee5; padding: 6px 8px; vertical-align: top; text-align: left;
  overflow-wrap: anywhere; }
.cmp-table th { background: #f3f5f8; white-space: nowrap; }
.cmp-table td.c-label { white-space: nowrap; }
.cmp-table td.c-quote { min-width: 16em; }
.cmp-table td.c-qty, .cmp-table td.c-resp { min-width: 6em; }
.cmp-table td.c-where { min-width: 9em; }
/* A comparison is never wider than where it is shown (the 对比 tab, a chat bubble): the wrapper
   does not give its table's width to its parent (contain), and scrolls sideways itself. */
.cmp-wrap { overflow-x: auto; max-width: 100%; contain: inline-size; }
.answer { max-width: 100%; min-width: 0; overflow-wrap: anywhere; }
#chat .message-row:has(.cmp-wrap), #chat .message-row:has(.cmp-wrap) .role,
#chat .message-row:has(.cmp-wrap) .message { width: 100%; }
.basket-list ol { padding-left: 1.6em; }
.basket-list li { margin: 6px 0; line-height: 1.6; }
.basket-list .quote { color: #57606a; font-size: 13px; }
.doc-meta td { padding: 2px 10px 2px 0; vertical-align: top; }
.doc-meta td:first-child { color: #57606a; white-space: nowrap; }
.section-tree { font-size: 14px; line-height: 1.7; max-height: 520px; overflow: auto; }
.section-tree ul { list-style: none; padding-left: 1.2em; margin: 0; }
.section-tree > ul { padding-left: 0; }
#doc-viewer { position: fixed !important; top: 3vh; left: 3vw; width: 94vw !important; max-width: 94vw !important;
  height: 94vh; z-index: 950;
  background: var(--background-fill-primary, #fff); border: 1px solid #b8c2cf; border-radius: 10px;
  box-shadow: 0 12px 40px rgba(0,0,0,.25); padding: 10px 14px; display: flex; flex-direction: column;
  overflow: hidden; }
#doc-viewer #doc-close { align-self: flex-end; flex: 0 0 auto; width: auto; min-width: 0; }
#doc-view { flex: 1 1 auto !important; min-height: 0 !important; overflow: auto !important; }
.doc-view .doc-title { font-weight: 600; font-size: 18px; margin-bottom: 2px; }
.doc-view .doc-hint { color: #8a5a00; font-size: 13px; margin: 4px 0; }
.doc-layout { display: grid; grid-template-columns: minmax(180px, 26%) 1fr; gap: 18px; margin-top: 8px; }
.doc-nav { position: sticky; top: 0; align-self: start; max-height: 80vh; overflow: auto; font-size: 13px;
  line-height: 1.7; }
.doc-nav summary { cursor: pointer; color: #57606a; }
.doc-nav ul { list-style: none; padding-left: 1em; margin: 0; }
.doc-nav > ul, .doc-nav details > ul { padding-left: 0; }
.doc-nav a.doc-jump { color: #1d5fbf; text-decoration: none; }
.doc-text { white-space: pre-wrap; line-height: 1.9; font-size: 15px; overflow-wrap: anywhere; color: #1f2328; }
.doc-text mark.doc-hit { background: #ffe58a; padding: 1px 0; box-shadow: 0 0 0 2px #ffe58a; }
.cite-card .doc-open { margin: 4px 0 0 6px; font-size: 13px; padding: 2px 10px; border-radius: 5px;
  border: 1px solid #8c959f; color: #1f2328; background: #fff; cursor: pointer; }
@media (max-width: 640px) {
  .gradio-container { padding: 4px !important; }
  #doc-viewer { top: 0; left: 0; width: 100vw !important; max-width: 100vw !important; height: 100vh;
    border-radius: 0; padding: 6px 8px; }
  .doc-layout { display: block; }
  .doc-nav { position: static; max-height: 28vh; margin-bottom: 8px; }
  .gradio-container .main.fillable { padding-left: 6px !important; padding-right: 6px !important; }
  #cite-pop { left: 8px !important; right: 8px; top: auto !important; bottom: 8px; width: auto; max-height: 55vh; }
  .cite-card { font-size: 15px; }
  .cmp-table { font-size: 13px; }
  /* phones: every row of a comparison is a card, each field with its column's name */
  .cmp-wrap { contain: none; overflow-x: visible; }
  .cmp-table, .cmp-table tbody, .cmp-table tr, .cmp-table td { display: block; width: auto; min-width: 0 !important; }
  .cmp-table { padding: 0 !important; border: none !important; }
  .cmp-table thead { display: none; }
  .cmp-table tr { border: 1px solid #d9dee5; border-radius: 8px; margin: 8px 0; padding: 4px 8px; }
  .cmp-table td { border: none; padding: 3px 0; white-space: normal !important; }
  .cmp-table td.c-label { font-weight: 600; font-size: 14px; border-bottom: 1px solid #eef1f4; }
  .cmp-table td.c-quote::before { content: "规定（原文）"; }
  .cmp-table td.c-qty::before { content: "量化指标"; }
  .cmp-table td.c-resp::before { content: "责任单位"; }
  .cmp-table td.c-where::before { content: "出处"; }
  .cmp-table td.c-quote::before, .cmp-table td.c-qty::before, .cmp-table td.c-resp::before,
  .cmp-table td.c-where::before { display: block; color: #57606a; font-size: 12px; }
  /* 文库 table: readable columns of fixed width, scrolled sideways inside the table, instead of
     the window's width shared out until a date wraps one character per line */
  #doc-table table { width: max-content !important; }
  #doc-table th, #doc-table td, #doc-table .body-cell { width: 6.5em !important; min-width: 6.5em !important;
    max-width: 6.5em !important; flex: 0 0 6.5em !important; }
  #doc-table th:nth-child(-n+2), #doc-table td:nth-child(-n+2), #doc-table .body-cell:nth-child(-n+2) {
    width: 11em !important; min-width: 11em !important; max-width: 11em !important; flex: 0 0 11em !important; }
  #doc-table th:nth-child(n+7), #doc-table td:nth-child(n+7), #doc-table .body-cell:nth-child(n+7) {
    width: 4.5em !important; min-width: 4.5em !important; max-width: 4.5em !important; flex: 0 0 4.5em !important; }
  #doc-table th:nth-child(5), #doc-table td:nth-child(5), #doc-table .body-cell:nth-child(5) {
    width: 7.5em !important; min-width: 7.5em !important; max-width: 7.5em !important; flex: 0 0 7.5em !important; }
  #doc-table .virtual-body { width: max-content !important; }
  #fb-table table, #fb-table .virtual-body { width: max-content !important; }
  #fb-table th, #fb-table td, #fb-table .body-cell { width: 8em !important; min-width: 8em !important;
    max-width: 8em !important; flex: 0 0 8em !important; }
  #fb-table th:nth-child(2), #fb-table td:nth-child(2), #fb-table .body-cell:nth-child(2) {
    width: 3em !important; min-width: 3em !important; max-width: 3em !important; flex: 0 0 3em !important; }
  #fb-table th:nth-child(4), #fb-table td:nth-child(4), #fb-table .body-cell:nth-child(4) {
    width: 14em !important; min-width: 14em !important; max-width: 14em !important; flex: 0 0 14em !important; }
  #doc-table .body-cell span { word-break: normal; overflow-wrap: anywhere; }
  /* all tabs in view (no "more" menu): narrower tab buttons */
  #tabs .tab-container button { padding: 0 7px; }
}
"""

HEAD_SCRIPT = """
<script>
(function () {
  // "Copy" on an answer: the chatbot copies the message's HTML; an answer carries its plain text
  // (answer with [n], then the numbered references) in data-plain, and that is what is copied.
  if (navigator.clipboard && navigator.clipboard.writeText && !navigator.clipboard.__plain) {
    var write = navigator.clipboard.writeText.bind(navigator.clipboard);
    navigator.clipboard.writeText = function (t) {
      try {
        if (typeof t === 'string' && t.indexOf('data-plain=') >= 0) {
          var d = document.createElement('div');
          d.innerHTML = t;
          var a = d.querySelector('[data-plain]');
          t = a ? a.getAttribute('data-plain') : (d.innerText || t);
        }
      } catch (e) {}
      return write(t);
    };
    navigator.clipboard.__plain = true;
  }
})();
(function () {
  if (window.__policyAssistantUi) return;
  window.__policyAssistantUi = true;

  function popover() {
    var p = document.getElementById('cite-pop');
    if (!p) {
      p = document.createElement('div');
      p.id = 'cite-pop';
      p.setAttribute('role', 'dialog');
      p.setAttribute('aria-label', '引用来源');
      p.innerHTML = '<button type="button" class="cite-pop-close" aria-label="关闭">×</button>' +
        '<div class="cite-pop-body"></div>';
      document.body.appendChild(p);
    }
    return p;
  }
  function keyOf(el, prefix) {
    for (var i = 0; i < el.classList.length; i++) {
      var c = el.classList[i];
      if (c.indexOf(prefix) === 0) return c.slice(prefix.length);
    }
    return '';
  }
  function findCard(ref) {
    var key = keyOf(ref, 'cite-k-');
    if (!key) return null;
    var sel = '.cite-card.card-k-' + key;
    var scope = ref.closest('.message-wrap, .bubble-wrap, .message') || document;
    return scope.querySelector(sel) || document.querySelector(sel);
  }
  function place(p, ref) {
    if (window.innerWidth <= 640) {  // phones: a bottom sheet across the screen
      p.style.left = '8px'; p.style.right = '8px'; p.style.width = 'auto';
      p.style.top = 'auto'; p.style.bottom = '8px';
      return;
    }
    p.style.right = ''; p.style.width = ''; p.style.bottom = '';
    var r = ref.getBoundingClientRect();
    var w = Math.min(420, window.innerWidth - 16);
    var left = Math.max(8, Math.min(r.left, window.innerWidth - w - 8));
    p.style.left = left + 'px';
    var h = p.offsetHeight || 240;
    var top = r.bottom + 6;
    if (top + h > window.innerHeight - 8) top = Math.max(8, r.top - h - 6);
    p.style.top = top + 'px';
  }
  function show(ref, pinned) {
    var card = findCard(ref);
    if (!card) return;
    var p = popover();
    p.querySelector('.cite-pop-body').innerHTML = '<div class="cite-card">' + card.innerHTML + '</div>';
    var key = keyOf(ref, 'cite-k-');
    p.setAttribute('data-key', key);
    if (pinned) p.setAttribute('data-pinned', '1'); else p.removeAttribute('data-pinned');
    p.classList.add('open');
    place(p, ref);
    if (pinned) {
      var side = document.querySelector('#sources .cite-card.card-k-' + key);
      if (side) { side.classList.add('flash'); setTimeout(function () { side.classList.remove('flash'); }, 1200); }
    }
  }
  function hide() {
    var p = document.getElementById('cite-pop');
    if (p) { p.classList.remove('open'); p.removeAttribute('data-pinned'); }
  }
  function addToBasket(btn) {
    var key = keyOf(btn, 'add-k-');
    var box = document.querySelector('#basket-key textarea, #basket-key input');
    var go = document.querySelector('#basket-add-btn');
    if (!box || !go) return;
    box.value = key;
    box.dispatchEvent(new Event('input', { bubbles: true }));
    setTimeout(function () { go.click(); }, 60);
    document.querySelectorAll('.basket-add.add-k-' + key).forEach(function (b) {
      b.disabled = true; b.textContent = '已加入引用篮';
    });
  }
  function openDocument(btn) {  // "查看原文": the same route, into #doc-key / #doc-open-btn
    var key = keyOf(btn, 'open-k-');
    var box = document.querySelector('#doc-key textarea, #doc-key input');
    var go = document.querySelector('#doc-open-btn');
    if (!box || !go) return;
    hide();
    box.value = key;
    box.dispatchEvent(new Event('input', { bubbles: true }));
    setTimeout(function () { go.click(); }, 60);
  }
  function jump(link) {  // a heading of the document's tree: scroll the text to it
    var at = keyOf(link, 'jump-');
    var view = link.closest('.doc-view');
    var anchor = view && view.querySelector('.doc-s-' + at);
    if (anchor) anchor.scrollIntoView({ block: 'start' });
  }
  // an opened document scrolls to its highlighted passage as soon as it is on the page
  new MutationObserver(function () {
    var hit = document.querySelector('#doc-view mark.doc-hit:not(.seen)');
    if (hit && hit.getClientRects().length) { hit.classList.add('seen'); hit.scrollIntoView({ block: 'center' }); }
  }).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener('click', function (e) {
    var t = e.target;
    if (!(t instanceof Element)) return;
    var add = t.closest('.basket-add');
    if (add) { e.preventDefault(); addToBasket(add); return; }
    var open = t.closest('.doc-open');
    if (open) { e.preventDefault(); openDocument(open); return; }
    var link = t.closest('.doc-jump');
    if (link) { e.preventDefault(); jump(link); return; }
    var ref = t.closest('.cite-ref');
    if (ref) { e.preventDefault(); show(ref, true); return; }
    if (t.closest('.cite-pop-close')) { hide(); return; }
    var p = document.getElementById('cite-pop');
    if (p && p.classList.contains('open') && !p.contains(t)) hide();
  });
  function hoverable() {  // narrow or touch screens: tap to open, no hover previews
    return window.innerWidth > 640 && !(window.matchMedia && window.matchMedia('(hover: none)').matches);
  }
  document.addEventListener('mouseover', function (e) {
    var t = e.target;
    if (!(t instanceof Element) || !hoverable()) return;
    var ref = t.closest('.cite-ref');
    var p = document.getElementById('cite-pop');
    if (ref && !(p && p.getAttribute('data-pinned'))) show(ref, false);
  });
  document.addEventListener('mouseout', function (e) {
    var t = e.target;
    if (!(t instanceof Element) || !hoverable() || !t.closest('.cite-ref')) return;
    var p = document.getElementById('cite-pop');
    if (p && !p.getAttribute('data-pinned')) hide();
  });
  document.addEventListener('keydown', function (e) {
    var t = e.target;
    if (e.key === 'Escape') {
      var viewer = document.querySelector('#doc-viewer');
      var pop = document.getElementById('cite-pop');
      if (!(pop && pop.classList.contains('open')) && viewer && viewer.getClientRects().length) {
        var close = document.querySelector('#doc-close');
        if (close) close.click();
      }
      hide();
      return;
    }
    if ((e.key === 'Enter' || e.key === ' ') && t instanceof Element && t.classList.contains('cite-ref')) {
      e.preventDefault(); show(t, true);
    }
  });
})();
</script>
"""


# Gradio's own words in Chinese (see :mod:`assistant.ui.i18n`): its tables switched to Simplified
# Chinese whatever the browser's language, and the English it writes in code rewritten where it
# shows (labels, titles, toasts; never inside answers or documents).
I18N_SCRIPT = (
    r"""
<script>
(function () {
  if (window.__policyAssistantZh) return;
  window.__policyAssistantZh = true;
  var T = """
    + script_data()
    + r""";
  var patterns = T.patterns.map(function (p) { return [new RegExp(p[0]), p[1]]; });
  function zh(s) {
    if (!s) return s;
    var t = s.trim();
    if (Object.prototype.hasOwnProperty.call(T.literals, t)) return s.replace(t, T.literals[t]);
    for (var i = 0; i < patterns.length; i++) {
      if (patterns[i][0].test(t)) return t.replace(patterns[i][0], patterns[i][1]).replace(/(\d) ?([KMG])b\b/g, '$1 $2B');
    }
    return s;
  }
  var CONTENT = '.answer, .cite-card, .basket-list, .section-tree, .doc-view, #cmp-table, .prose';
  function fixElement(el) {
    if (el.closest && el.closest(CONTENT)) return;
    ['aria-label', 'title'].forEach(function (a) {
      var v = el.getAttribute && el.getAttribute(a);
      if (v) { var z = zh(v); if (z !== v) el.setAttribute(a, z); }
    });
  }
  function fixText(root) {  // toasts and Gradio's own buttons
    var w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (var n = w.nextNode(); n; n = w.nextNode()) {
      var z = zh(n.nodeValue);
      if (z !== n.nodeValue) n.nodeValue = z;
    }
  }
  function fix(node) {
    if (!(node instanceof Element)) {
      if (node.nodeType === 3 && node.parentElement && node.parentElement.closest('.toast-body, button')
          && !node.parentElement.closest(CONTENT)) {
        var z = zh(node.nodeValue);
        if (z !== node.nodeValue) node.nodeValue = z;
      }
      return;
    }
    fixElement(node);
    node.querySelectorAll('[aria-label], [title]').forEach(fixElement);
    var toasts = node.matches('.toast-body') ? [node] : node.querySelectorAll('.toast-body');
    toasts.forEach(fixText);
    node.querySelectorAll('button').forEach(function (b) { if (!b.closest(CONTENT)) fixText(b); });
  }
  new MutationObserver(function (ms) {
    ms.forEach(function (m) {
      if (m.type === 'attributes') fixElement(m.target);
      else if (m.type === 'characterData') fix(m.target);
      else m.addedNodes.forEach(fix);
    });
  }).observe(document.documentElement, {
    childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['aria-label', 'title']
  });
  fix(document.body);
  // a browser set to another language still gets Gradio's own words in Chinese
  if ((navigator.language || '').toLowerCase().indexOf('zh') !== 0) {
    var tries = 0;
    (function switchLocale() {
      var core = performance.getEntriesByType('resource').map(function (r) { return r.name; })
        .filter(function (u) { return /\/assets\/core-[^/]*\.js$/.test(u); })[0];
      if (!core) { if (tries++ < 50) setTimeout(switchLocale, 100); return; }
      import(core).then(function (m) { if (m.changeLocale) m.changeLocale('zh-CN'); }).catch(function () {});
    })();
  }
})();
</script>
"""
)

# Gradio scopes the ``css`` passed to ``launch`` to its container (which also lets it win over the
# components' own styles); the popover lives on <body>, outside it, so the styles go into <head> too.
HEAD = f"<style>{CSS}</style>{HEAD_SCRIPT}{I18N_SCRIPT}"
