"""The API's one error shape: ``{"error": {"code": ..., "message": ...}}``, for every failure.

Codes: every bad query or path parameter -- a value of the wrong type or out of range, an unknown enum value
(status, type, order, count, by, format, date_match), a date that is no date, a place given as an actor -- is
422 ``invalid_parameter``, its message naming the parameter and, for an enum, the values allowed.  A bad
request body is 422 ``invalid_request``; then 401/403 for writes, 404 ``not_found``, 413, 503.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from backchannel.store.errors import InvalidQuery, StoreError

__all__ = ["ERROR_RESPONSES", "ApiError", "ErrorBody", "ErrorDetail", "error_response", "install_error_handlers"]

_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    422: "invalid_request",
    500: "internal_error",
    503: "store_unavailable",
}


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorBody(BaseModel):
    error: ErrorDetail


ERROR_RESPONSES: dict[int | str, dict[str, object]] = {
    404: {"model": ErrorBody, "description": "Not found"},
    422: {"model": ErrorBody, "description": "Invalid parameter (invalid_parameter) or body (invalid_request)"},
    503: {"model": ErrorBody, "description": "Database unavailable"},
}


class ApiError(Exception):
    """An error the API reports with a status, a stable code and a message."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers


def error_response(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    body = ErrorBody(error=ErrorDetail(code=code, message=message))
    return JSONResponse(body.model_dump(), status_code=status, headers=headers)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "request"
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


async def _api_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.code, exc.message, exc.headers)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = _CODES.get(exc.status_code, "error")
    return error_response(exc.status_code, code, str(exc.detail), getattr(exc, "headers", None))


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    places = {str(err.get("loc", ("body",))[0]) for err in exc.errors()}
    code = "invalid_parameter" if places <= {"query", "path"} else "invalid_request"
    return error_response(422, code, _validation_message(exc))


async def _store_error(request: Request, exc: Exception) -> JSONResponse:
    if isinstance(exc, InvalidQuery):
        return error_response(422, "invalid_parameter", str(exc))
    return error_response(503, "store_unavailable", str(exc))


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    return error_response(500, "internal_error", f"{type(exc).__name__}: the server failed on this request")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StoreError, _store_error)
    app.add_exception_handler(Exception, _unexpected)
