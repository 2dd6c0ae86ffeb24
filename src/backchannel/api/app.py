"""The FastAPI application factory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from backchannel.api.cache import AggregateCache, ResponseCache, refresh
from backchannel.api.docs import mount_docs
from backchannel.api.errors import install_error_handlers
from backchannel.api.limits import BodySizeLimit
from backchannel.api.routers import (
    actors,
    channels,
    documents,
    dyad_series,
    events,
    fused,
    health,
    mediators,
    network,
    positions,
    timeline,
)
from backchannel.api.service import CoderFactory, StoreService
from backchannel.api.settings import ApiSettings

__all__ = ["create_app"]


def create_app(
    db_path: str | Path, settings: ApiSettings | None = None, *, coder_factory: CoderFactory | None = None
) -> FastAPI:
    """The REST API over one database; the store opens on first use and closes at shutdown.

    ``settings`` defaults to ``ApiSettings.from_env()`` (write token from ``BACKCHANNEL_TOKEN``);
    ``coder_factory`` builds the coder for ``POST /documents`` (default: the pipeline, built lazily).
    """
    config = settings if settings is not None else ApiSettings.from_env()
    service = StoreService(db_path, config, coder_factory)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(service.preload)  # the store and the pipeline, before the first request
        try:
            yield
        finally:
            service.close()

    app = FastAPI(
        title="Backchannel",
        version="1",
        summary="PLOVER events coded from news: who did what to whom, when and where.",
        lifespan=lifespan,
        docs_url=None,  # served by mount_docs from the package's own Swagger UI files
        redoc_url=None,  # ReDoc loads from a CDN only
    )
    app.state.service = service
    install_error_handlers(app)
    mount_docs(app)
    app.add_middleware(BodySizeLimit, max_bytes=config.max_body_bytes)
    app.state.cache = cache = ResponseCache(config.cache_entries)
    app.add_middleware(AggregateCache, version=service.version, cache=cache)
    if config.cache_refresh and config.cache_entries:

        async def refresh_cache(old: int, new: int) -> None:  # through the whole app, as a client would ask
            await refresh(app, cache, old, new, limit=config.cache_refresh)

        service.refresh = refresh_cache
    analysis = (mediators, channels, positions, dyad_series)
    for module in (events, actors, network, timeline, documents, health, fused, *analysis):
        app.include_router(module.router)
    from backchannel.ui import mount_dashboard  # here: the dashboard's routes import the API's pieces

    mount_dashboard(app)  # the web dashboard at / and its read endpoints /overview, /places
    return app
