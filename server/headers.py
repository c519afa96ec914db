"""Security headers on every response: pages, static files, errors and the SPARQL API.

The Content-Security-Policy allows nothing but this server's own files: no inline script
or style (pages keep their JS and CSS in ``static/``), no plugins, no ``<base>``, no
framing. ``/sparql`` is meant to be read from other sites (it sends CORS headers), so its
Cross-Origin-Resource-Policy is ``cross-origin``; everything else is ``same-origin``.
"""

from __future__ import annotations

from flask import Flask, Response, request

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def secure(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    api = request.path.startswith("/sparql")
    response.headers.setdefault("Cross-Origin-Resource-Policy", "cross-origin" if api else "same-origin")
    return response


def install(app: Flask) -> None:
    app.after_request(secure)
