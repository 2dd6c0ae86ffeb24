"""Parquet: every table of the database, one ``<table>.parquet`` file each (``Store.export_parquet``)."""

from __future__ import annotations

from pathlib import Path

from backchannel.store import Store

__all__ = ["write_parquet"]


def write_parquet(store: Store, out_dir: str | Path) -> list[Path]:
    """Write every table into ``out_dir``; returns the files written."""
    return store.export_parquet(out_dir)
