"""Mount the dashboard on a FastAPI app: ``/`` serves the page, ``/static`` its assets."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from backchannel.ui.routes import router

__all__ = ["BUNDLE_FILES", "CSP", "STATIC_DIR", "bundle_ready", "mount_dashboard", "not_built_page"]

STATIC_DIR = Path(__file__).resolve().parent / "static"
BUNDLE_FILES = ("app.js", "app.css", "countries-50m.json")

# Defence in depth: the page renders document text with textContent only, and the policy forbids
# any script, frame or connection not served by this process.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'"
)
_HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}


def bundle_ready(static_dir: Path = STATIC_DIR) -> bool:
    """Whether ``npm run build`` has produced every bundled file."""
    return all((static_dir / "dist" / name).is_file() for name in BUNDLE_FILES)


def not_built_page(static_dir: Path = STATIC_DIR) -> str:
    missing = ", ".join(f"dist/{n}" for n in BUNDLE_FILES if not (static_dir / "dist" / n).is_file())
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Backchannel: dashboard not built</title>
<style>body{{font:16px/1.5 system-ui,sans-serif;max-width:42rem;margin:4rem auto;padding:0 1rem;color:#1f2933}}
code,pre{{background:#f0f2f5;padding:.1rem .3rem;border-radius:4px}}pre{{padding:.8rem}}</style></head>
<body><h1>The dashboard has not been built</h1>
<p>The REST API is running (see <a href="/docs">/docs</a>), but the dashboard's JavaScript bundle is missing
({missing}).</p>
<p>Build it once from the repository root (Node.js and npm needed; nothing is fetched at run time):</p>
<pre>make ui</pre><p>or</p><pre>cd frontend &amp;&amp; npm ci &amp;&amp; npm run build</pre>
<p>then reload this page.</p></body></html>
"""


def mount_dashboard(app: FastAPI, static_dir: Path = STATIC_DIR) -> None:
    """Add the dashboard page at ``/``, its assets under ``/static`` and its read endpoints."""
    index = static_dir / "index.html"

    @app.get("/", include_in_schema=False, response_class=HTMLResponse)
    def dashboard() -> HTMLResponse:
        if not bundle_ready(static_dir) or not index.is_file():
            return HTMLResponse(not_built_page(static_dir), status_code=503, headers=_HEADERS)
        return HTMLResponse(index.read_text(encoding="utf-8"), headers={**_HEADERS, "Cache-Control": "no-cache"})

    app.include_router(router)
    app.mount("/static", StaticFiles(directory=static_dir, check_dir=False), name="static")
