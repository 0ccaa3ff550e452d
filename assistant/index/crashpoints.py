"""Named points where a test can kill the process, to prove that every write survives a crash.

``POLICY_ASSISTANT_CRASH_AT=store:keywords`` makes the process send itself SIGKILL when it reaches
:func:`crashpoint("store:keywords")`: no ``finally``, no rollback, no flush, exactly like a power cut
or an OOM kill. Unset (always, outside tests) a crash point costs one dictionary lookup.

The names are listed in :data:`POINTS` so the crash test can check that it visits every one.
"""

from __future__ import annotations

import os
import signal

CRASH_AT_ENV = "POLICY_ASSISTANT_CRASH_AT"

# Every crash point, in the order a write passes them. ``*:batch`` points fire inside a loop.
POINTS: tuple[str, ...] = (
    "write:embedded",  # vectors computed, nothing written yet
    "store:begun",  # write transaction open, nothing in it
    "dense:fetched",  # old vectors read back (for an in-process rollback)
    "dense:delete-batch",  # inside the Chroma delete loop
    "dense:deleted",  # old vectors deleted from Chroma
    "dense:batch",  # inside the Chroma upsert loop
    "dense:added",  # new vectors in Chroma, no row written yet
    "store:keywords-removed",  # old keyword rows deleted inside the transaction
    "store:removed",  # old document rows deleted inside the transaction
    "store:document",  # after each new document row
    "store:keywords-batch",  # half-way through the new keyword rows
    "store:keywords",  # all keyword rows written, not committed
    "store:committed",  # database committed, caches not refreshed
    "write:done",  # everything written
    "reconcile:locked",  # a start's reconciliation holds the write lock, nothing read
    "reconcile:orphans-listed",  # vectors without a chunk listed, none deleted
    "reconcile:orphans-deleted",  # vectors without a chunk deleted, lock still held
    "backfill:pending",  # background embedding: chunks without a vector listed
    "backfill:embedded",  # a batch of vectors computed, nothing written
    "backfill:locked",  # write lock taken, the batch's chunks checked, nothing written
    "backfill:written",  # a batch of vectors in Chroma, lock still held
    "backfill:batch",  # after a batch of vectors, lock released
    "backfill:done",  # every pending chunk embedded
    "migrate:imported",  # legacy JSON documents imported, not committed
    "migrate:committed",  # legacy import committed, old files still there
)


def crashpoint(name: str) -> None:
    """SIGKILL this process if ``POLICY_ASSISTANT_CRASH_AT`` names this point."""
    if os.environ.get(CRASH_AT_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)
