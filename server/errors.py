"""The app's one error handler: JSON for ``/sparql`` and JSON requests, an HTML page otherwise."""

from __future__ import annotations

import logging

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

from claims.store import StoreMissing
from server.media import negotiate

log = logging.getLogger(__name__)


class ApiError(HTTPException):
    """An HTTP error with extra JSON fields (e.g. a query's error position)."""

    def __init__(self, code: int, description: str, headers: dict | None = None, **details):
        super().__init__(description)
        self.code = code
        self.details = details
        self.extra_headers = headers or {}

    def get_headers(self, environ=None, scope=None) -> list[tuple[str, str]]:
        return [*super().get_headers(environ, scope), *self.extra_headers.items()]


def wants_json() -> bool:
    """Whether this request gets JSON errors: the SPARQL endpoint, or a client preferring JSON."""
    if request.path.startswith("/sparql"):
        return True
    return negotiate(request.headers.get("Accept"), ["text/html", "application/json"]) == "application/json"


def handle(error: Exception) -> Response:
    if isinstance(error, StoreMissing):
        error = ApiError(503, str(error))
    if not isinstance(error, HTTPException):
        log.exception("unhandled error on %s", request.path)
        error = InternalServerError("the server failed on this request; see its log")
    status = error.code or 500
    details = getattr(error, "details", {})
    if wants_json():
        body = {"error": {"status": status, "title": error.name, "message": error.description, **details}}
        response = jsonify(body)
    else:
        response = Response(
            render_template(
                "error.html", status=status, title=error.name, message=error.description, **details
            ),
            mimetype="text/html",
        )
    response.status_code = status
    for name in ("Allow", "Retry-After"):
        value = error.get_response().headers.get(name) if isinstance(error, HTTPException) else None
        if value:
            response.headers[name] = value
    return response


def register(app: Flask) -> None:
    app.register_error_handler(Exception, handle)
