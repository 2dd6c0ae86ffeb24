"""The REST API (FastAPI): one router per resource, records as response models, one error shape.

app = create_app("backchannel.duckdb", ApiSettings.from_env())
"""

from __future__ import annotations

from backchannel.api.app import create_app
from backchannel.api.errors import ErrorBody
from backchannel.api.settings import ApiSettings

__all__ = ["ApiSettings", "ErrorBody", "create_app"]
