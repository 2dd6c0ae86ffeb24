"""Errors raised by the store.

BackchannelError
└── StoreError            the database cannot be opened, migrated or written
    ├── StoreLocked       another process holds the database's write lock
    ├── StoreNotFound     a read-only open of a database file that does not exist
    └── InvalidQuery      a query filter is malformed (bad date, cursor, limit...)
"""

from __future__ import annotations

from backchannel.errors import BackchannelError

__all__ = ["InvalidQuery", "StoreError", "StoreLocked", "StoreNotFound"]


class StoreError(BackchannelError):
    """The database cannot be opened, migrated, read or written."""


class StoreLocked(StoreError):
    """Another process holds the lock on the database file (DuckDB allows one writer process)."""


class StoreNotFound(StoreError):
    """A read-only open of a database file that does not exist."""


class InvalidQuery(StoreError):
    """A query filter is malformed: names the filter and the problem."""
