"""The web dashboard: a single page served at ``/`` by the API process, plus its read endpoints.

The page's own HTML/CSS/JS live in ``static/``; the third-party bundle is built by esbuild into
``static/dist/`` (``cd frontend && npm ci && npm run build``) and is never committed.
"""

from __future__ import annotations

from backchannel.ui.mount import STATIC_DIR, bundle_ready, mount_dashboard
from backchannel.ui.routes import router as dashboard_router

__all__ = ["STATIC_DIR", "bundle_ready", "dashboard_router", "mount_dashboard"]
