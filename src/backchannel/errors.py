"""Backchannel's exception hierarchy.

BackchannelError
├── InputError            an input cannot be read or decoded (names the input)
│   └── InputTooLarge     an input exceeds the configured size limit
├── ConfigError           invalid settings
├── ModelError            the spaCy pipeline is missing or broken
└── StageError            a pipeline stage failed on one document (names stage and document)
"""

from __future__ import annotations

__all__ = ["BackchannelError", "ConfigError", "InputError", "InputTooLarge", "ModelError", "StageError"]


class BackchannelError(Exception):
    """Base class of every error Backchannel raises on purpose."""


class InputError(BackchannelError):
    """An input cannot be read, decoded or parsed."""

    def __init__(self, origin: str, problem: str) -> None:
        super().__init__(f"{origin}: {problem}")
        self.origin = origin
        self.problem = problem


class InputTooLarge(InputError):
    """An input is larger than the configured limit."""


class ConfigError(BackchannelError):
    """Settings are invalid."""


class ModelError(BackchannelError):
    """The NLP model cannot be loaded."""


class StageError(BackchannelError):
    """A pipeline stage failed on one document."""

    def __init__(self, doc_id: str, stage: str, problem: str) -> None:
        super().__init__(f"{doc_id}: stage {stage} failed: {problem}")
        self.doc_id = doc_id
        self.stage = stage
        self.problem = problem
