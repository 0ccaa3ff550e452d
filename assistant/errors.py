"""All errors the assistant raises, in one place.

    AssistantError                 base of everything below
    ├── UserInputError             the user gave us something we cannot use (shown as-is, in Chinese)
    │   ├── UnsupportedFormatError a file type we do not read
    │   ├── BadDocumentError       a file we could not decode or that holds no text
    │   ├── UnknownDocumentError   a doc_id that is not in the index
    │   └── EmptyQuestionError     a blank question
    └── RuntimeFailure             something broke on our side (index, model, server)
        ├── IndexMismatchError     the index was built with another embedder
        └── LLMUnavailableError    the configured LLM endpoint failed

Messages are Simplified Chinese first with a short English gloss, because they reach officials
unchanged at the edges (CLI, web UI). Code raises these; only the edges turn them into text.
"""

from __future__ import annotations


class AssistantError(Exception):
    """Base class: ``str(err)`` is a message fit to show a user."""


class UserInputError(AssistantError):
    pass


class UnsupportedFormatError(UserInputError):
    pass


class BadDocumentError(UserInputError):
    pass


class UnknownDocumentError(UserInputError):
    pass


class EmptyQuestionError(UserInputError):
    pass


class RuntimeFailure(AssistantError):
    pass


class IndexMismatchError(RuntimeFailure):
    pass


class LLMUnavailableError(RuntimeFailure):
    pass
