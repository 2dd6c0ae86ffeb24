"""``/docs``: Swagger UI served from the installed ``swagger-ui-bundle`` package, so it renders offline.

FastAPI's default page loads Swagger UI's script and stylesheet from a CDN (blank without a network); here the
page names ``/docs-assets/...`` and those files come from the package's own copy of swagger-ui-dist.  ReDoc
(CDN only) is not served.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

__all__ = ["ASSETS", "mount_docs", "swagger_assets"]

ASSETS = "/docs-assets"


def swagger_assets() -> Path:
    """The folder of Swagger UI's files in the installed ``swagger-ui-bundle``."""
    import swagger_ui_bundle

    return Path(swagger_ui_bundle.swagger_ui_path)


def mount_docs(app: FastAPI) -> None:
    """Serve ``/docs`` (and its OAuth2 redirect) with local assets; the app must be made with ``docs_url=None``."""
    app.mount(ASSETS, StaticFiles(directory=swagger_assets()), name="docs-assets")
    redirect = "/docs/oauth2-redirect"

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{app.title} - API",
            oauth2_redirect_url=redirect,
            swagger_js_url=f"{ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{ASSETS}/favicon-32x32.png",
        )

    @app.get(redirect, include_in_schema=False)
    def oauth2_redirect() -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()
