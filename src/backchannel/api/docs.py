"""``/docs``: Swagger UI served from the installed ``swagger-ui-bundle`` package, so it renders offline.

FastAPI's default page loads Swagger UI's script and stylesheet from a CDN (blank without a network); here the
page names ``/docs-assets/...`` and those files come from the package's own copy of swagger-ui-dist.  ReDoc
(CDN only) is not served.

The Swagger UI of ``swagger-ui-bundle`` (4.x) reads OpenAPI 3.0 only and refuses FastAPI's 3.1 document ("does not
specify a valid version field"), so the page reads ``/docs/openapi-3.0.json``: the same document written in 3.0
terms (``nullable`` for a union with null, ``example`` for ``examples``, ``enum`` for ``const``).  The API's own
``/openapi.json`` (what the dashboard and clients read) is unchanged.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

__all__ = ["ASSETS", "DOCS_SPEC", "mount_docs", "openapi_30", "swagger_assets"]

ASSETS = "/docs-assets"
DOCS_SPEC = "/docs/openapi-3.0.json"
OPENAPI_30 = "3.0.3"


def _schema_30(node: Any) -> Any:
    """One node of an OpenAPI 3.1 document in OpenAPI 3.0 terms (recursively)."""
    if isinstance(node, list):
        return [_schema_30(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {k: _schema_30(v) for k, v in node.items()}
    for union in ("anyOf", "oneOf"):
        members = out.get(union)
        if isinstance(members, list) and {"type": "null"} in members:
            rest = [m for m in members if m != {"type": "null"}]
            del out[union]
            if len(rest) == 1 and "$ref" not in rest[0]:
                out = {**rest[0], **out}
            elif rest:
                out["allOf" if len(rest) == 1 else union] = rest
            out["nullable"] = True
    kind = out.get("type")
    if isinstance(kind, list):
        named = [t for t in kind if t != "null"]
        out["type"] = named[0] if len(named) == 1 else kind
        if "null" in kind:
            out["nullable"] = True
    if "const" in out:
        out["enum"] = [out.pop("const")]
    examples = out.get("examples")
    if isinstance(examples, list) and "schema" not in out and ("type" in out or "nullable" in out):
        del out["examples"]
        if examples:
            out["example"] = examples[0]
    return out


def openapi_30(spec: dict[str, Any]) -> dict[str, Any]:
    """``spec`` (OpenAPI 3.1, as FastAPI writes it) as an OpenAPI 3.0 document, for Swagger UI 4."""
    out = _schema_30(spec)
    out["openapi"] = OPENAPI_30
    return dict(out)


def swagger_assets() -> Path:
    """The folder of Swagger UI's files in the installed ``swagger-ui-bundle``."""
    import swagger_ui_bundle

    return Path(swagger_ui_bundle.swagger_ui_path)


def mount_docs(app: FastAPI) -> None:
    """Serve ``/docs`` (and its OAuth2 redirect) with local assets; the app must be made with ``docs_url=None``."""
    app.mount(ASSETS, StaticFiles(directory=swagger_assets()), name="docs-assets")
    redirect = "/docs/oauth2-redirect"

    @app.get(DOCS_SPEC, include_in_schema=False)
    def docs_spec() -> JSONResponse:
        return JSONResponse(openapi_30(app.openapi()))

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=DOCS_SPEC,
            title=f"{app.title} - API",
            oauth2_redirect_url=redirect,
            swagger_js_url=f"{ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{ASSETS}/favicon-32x32.png",
        )

    @app.get(redirect, include_in_schema=False)
    def oauth2_redirect() -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()
