"""Settings of the REST API."""

from __future__ import annotations

import os
from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["DEFAULT_MAX_BODY_BYTES", "TOKEN_ENV", "ApiSettings"]

TOKEN_ENV = "BACKCHANNEL_TOKEN"
DEFAULT_MAX_BODY_BYTES = 2_000_000


class ApiSettings(BaseModel):
    """How the API serves a database; every field has a default."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    token: str | None = Field(default=None, description="bearer token for writes; None refuses every write")
    max_body_bytes: int = Field(default=DEFAULT_MAX_BODY_BYTES, gt=0, description="larger request bodies get 413")
    default_page: int = Field(default=100, ge=1, le=1000, description="events per page when no limit is given")
    cache_entries: int = Field(
        default=512,
        ge=0,
        description="answers of /network, /dyads, /timeline, /overview, /events, /fused-events kept (0: no cache)",
    )
    cache_refresh: int = Field(
        default=32, ge=0, description="cached answers computed afresh by a write before it is published"
    )

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: object) -> ApiSettings:
        """Settings with the write token taken from ``BACKCHANNEL_TOKEN`` (empty means unset)."""
        source = os.environ if env is None else env
        token = source.get(TOKEN_ENV) or None
        return cls.model_validate({"token": token, **overrides})
