"""The app of one worker process of ``backchannel serve --workers N`` (uvicorn imports it by name).

Several worker processes share the port and each opens the database read-only: DuckDB lets any number of
processes read one file, and none write it meanwhile.  Writes stay with one writer: a server with a write token
(``BACKCHANNEL_TOKEN``) runs as one process, whose threads serve reads from cursors of its own connection while
``POST /documents`` writes through it; readers in that process see each write as soon as it commits.  To let
several read-only workers see new data, ingest while they are stopped (or into a copy) and restart them.
"""

from __future__ import annotations

import os

from fastapi import FastAPI

from backchannel.api.app import create_app
from backchannel.api.settings import ApiSettings

__all__ = ["DB_ENV", "read_only_app"]

DB_ENV = "BACKCHANNEL_SERVE_DB"


def read_only_app() -> FastAPI:
    """A read-only app over the database named by ``BACKCHANNEL_SERVE_DB`` (no write token, whatever is set)."""
    return create_app(os.environ[DB_ENV], ApiSettings.from_env({}))
