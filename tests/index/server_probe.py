"""One app process of ``test_server.py``: an :class:`Assistant` that stays open and obeys commands.

It must stay open: what is tested is that a process which has already read the library (documents
cached, keyword index warm) notices what *another* process committed since. Commands are JSON lines
on stdin; each reply is one line ``@@{json}`` on stdout (anything else there is library noise).

    {"op": "docs"}                      -> {"docs": [doc ids]}
    {"op": "ingest", "paths": [...]}    -> {"added": [...], "errors": {...}}
    {"op": "remove", "ids": [...]}      -> {"removed": [...]}
    {"op": "keyword", "q": "..."}       -> {"docs": [doc ids of the BM25 hits, best first]}
    {"op": "dense", "q": "..."}         -> {"docs": [doc ids of the vector hits, best first]}
    {"op": "ask", "q": "..."}           -> {"cited": [doc ids], "abstained": bool}
    {"op": "quit"}

Settings (data directory, corpus, embedder, Chroma URL) come from the usual environment.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from assistant.core import Assistant


def handle(a: Assistant, cmd: dict[str, Any]) -> dict[str, Any]:
    op = cmd["op"]
    if op == "docs":
        return {"docs": [d.meta.doc_id for d in a.documents()]}
    if op == "ingest":
        r = a.ingest(cmd["paths"])
        return {"added": r.added, "errors": r.errors}
    if op == "remove":
        return {"removed": a.remove(cmd["ids"]).removed}
    if op == "keyword":
        hits = a.index.bm25.search(cmd["q"], 10)
        owners = a.index.doc_ids_of(c for c, _ in hits)
        return {"docs": list(dict.fromkeys(owners[c] for c, _ in hits if c in owners))}
    if op == "dense":
        found = a.retrieve(cmd["q"], k=5, retriever="dense")
        return {"docs": list(dict.fromkeys(p.chunk.doc_id for p in found))}
    if op == "ask":
        answer = a.respond(cmd["q"]).answer
        return {"cited": sorted({c.doc_id for c in answer.citations}), "abstained": answer.abstained}
    raise ValueError(f"unknown op {op!r}")


def main() -> None:
    a = Assistant()
    a.documents()  # read the library now, as a serving process has before any upload elsewhere
    print("@@" + json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        cmd = json.loads(line)
        if cmd["op"] == "quit":
            break
        try:
            reply = handle(a, cmd)
        except Exception as e:  # reported to the test, which fails with the message
            reply = {"error": f"{type(e).__name__}: {e}"}
        print("@@" + json.dumps(reply, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
