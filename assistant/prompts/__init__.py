"""Prompt templates shipped as package data (``assistant/prompts/*.yaml``).

>>> prompt = load_prompt("answer")
>>> sorted(prompt.variables)
['notes', 'passages', 'question']

Each YAML file holds a ``system`` and a ``user`` message (Python format strings, literal braces
doubled), and optionally ``max_tokens`` and ``not_found``. :func:`load_prompt` checks the shape on
load, so a broken edit fails at start-up with a clear message rather than mid-answer.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

# The placeholders each prompt must use (and may use) in its messages.
REQUIRED_VARIABLES: dict[str, frozenset[str]] = {
    "answer": frozenset({"question", "passages", "notes"}),
}


class PromptError(ValueError):
    """A prompt file is missing or malformed."""


@dataclass(frozen=True)
class Prompt:
    name: str
    system: str
    user: str
    max_tokens: int = 320
    not_found: str = "所提供的文件中未找到"
    version: int = 1

    @property
    def variables(self) -> frozenset[str]:
        return _fields(self.system) | _fields(self.user)

    def messages(self) -> list[tuple[str, str]]:
        """(role, template) pairs as ``ChatPromptTemplate.from_messages`` takes them."""
        return [("system", self.system), ("human", self.user)]


def _fields(template: str) -> frozenset[str]:
    try:
        return frozenset(f for _, f, _, _ in string.Formatter().parse(template) if f is not None)
    except ValueError as e:  # a lone { or }
        raise PromptError(f"bad placeholder syntax: {e}") from e


def parse_prompt(name: str, text: str) -> Prompt:
    """A :class:`Prompt` from YAML text, or :class:`PromptError` saying what is wrong."""
    try:
        data: Any = yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise PromptError(f"prompt {name!r}: invalid YAML: {e}") from e
    if not isinstance(data, dict):
        raise PromptError(f"prompt {name!r}: expected a mapping at the top level")
    for key in ("system", "user"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise PromptError(f"prompt {name!r}: {key!r} must be a non-empty string")
    max_tokens = data.get("max_tokens", 320)
    if not isinstance(max_tokens, int) or isinstance(max_tokens, bool) or not 16 <= max_tokens <= 8192:
        raise PromptError(f"prompt {name!r}: 'max_tokens' must be an integer in [16, 8192]")
    not_found = data.get("not_found", "所提供的文件中未找到")
    if not isinstance(not_found, str) or not not_found.strip():
        raise PromptError(f"prompt {name!r}: 'not_found' must be a non-empty string")
    version = data.get("version", 1)
    if not isinstance(version, int):
        raise PromptError(f"prompt {name!r}: 'version' must be an integer")
    unknown = set(data) - {"system", "user", "max_tokens", "not_found", "version"}
    if unknown:
        raise PromptError(f"prompt {name!r}: unknown keys {sorted(unknown)}")
    try:
        prompt = Prompt(name, data["system"], data["user"], max_tokens, not_found.strip(), version)
        variables = prompt.variables
    except PromptError as e:
        raise PromptError(f"prompt {name!r}: {e}") from e
    required = REQUIRED_VARIABLES.get(name)
    if required is not None and variables != required:
        missing, extra = sorted(required - variables), sorted(variables - required)
        raise PromptError(f"prompt {name!r}: placeholders missing {missing}, unexpected {extra}")
    return prompt


@lru_cache(maxsize=8)
def load_prompt(name: str) -> Prompt:
    """The packaged prompt ``assistant/prompts/<name>.yaml``, shape-checked."""
    resource = resources.files(__package__) / f"{name}.yaml"
    if not resource.is_file():
        raise PromptError(f"prompt {name!r} not found in package {__package__}")
    return parse_prompt(name, resource.read_text(encoding="utf-8"))


__all__ = ["Prompt", "PromptError", "load_prompt", "parse_prompt"]
