"""CPU seconds of each parsing stage on one synthetic file of N MB (issue 11, point 7).

    python -m assistant.bench_parsing 1 2 4 8 50

The file is whole corpus documents drawn at random (fixed seed) and joined, so every size has
the same mix of structure; one process per size, so ``maxrss`` is that size's peak memory.
"""

from __future__ import annotations

import random
import resource
import subprocess
import sys
import time

from assistant.chunking import StructureChunker
from assistant.config import REPO_ROOT
from assistant.ingest.loaders import load_bytes
from assistant.ingest.metadata import extract_metadata
from assistant.ingest.normalize import normalize
from assistant.schema import Document
from assistant.sections import parse_sections


def synth(mb: float) -> bytes:
    """About ``mb`` MB of corpus documents drawn at random, joined by newlines."""
    files = sorted((REPO_ROOT / "corpus").rglob("*.md")) + sorted((REPO_ROOT / "corpus").rglob("*.txt"))
    texts = [f.read_text("utf-8") for f in files]
    out, size, i = [], 0, 0
    target = int(mb * 1024 * 1024)
    rng = random.Random(7)
    while size < target:
        t = texts[rng.randrange(len(texts))]
        if i >= len(texts):  # skip the title block after the first document
            t = t.split("<!-- INFO END -->")[-1]
        b = t.encode()
        out.append(b)
        size += len(b)
        i += 1
    return b"\n".join(out)[:target].rsplit(b"\n", 1)[0]


def run(mb: float) -> None:
    data = synth(mb)
    t = {}
    t0 = time.process_time()
    loaded = load_bytes(data, "big.md")
    t["load"] = time.process_time() - t0
    t0 = time.process_time()
    text = normalize(loaded)
    t["normalize"] = time.process_time() - t0
    t0 = time.process_time()
    meta = extract_metadata("x", text, "big.md", None, properties={})
    t["metadata"] = time.process_time() - t0
    t0 = time.process_time()
    tree = parse_sections(text.display)
    t["sections"] = time.process_time() - t0
    doc = Document(meta=meta, text=text, content_hash="h")
    t0 = time.process_time()
    chunks = StructureChunker().split(doc, tree)
    t["chunks"] = time.process_time() - t0
    print(
        f"{mb} MB chars={len(text.display)} chunks={len(chunks)} "
        + " ".join(f"{k}={v:.2f}" for k, v in t.items()),
        f"total={sum(t.values()):.2f}",
        f"maxrss={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}MB",
        flush=True,
    )


if __name__ == "__main__":
    if len(sys.argv) == 2:
        run(float(sys.argv[1]))
    else:  # a fresh process per size
        for size in sys.argv[1:]:
            subprocess.run([sys.executable, "-m", "assistant.bench_parsing", size], check=True)
