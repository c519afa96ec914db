"""The argmap web app: SPARQL endpoint, claim trees, statement pages, article, diagram, queries.

``create_app(config)`` reads ``ARGMAP_STORE`` (a store folder, whose ``current`` build is
opened read-only and re-opened when a new build is published, or a ready
``pyoxigraph.Store``) and ``ARGMAP_QUERIES`` (a folder of competency queries, ``*.rq``).
Query limits (``ARGMAP_QUERY_TIMEOUT`` ...) come from the config or the environment, see
:mod:`server.limits`; every query runs vetted, in a worker pool (:mod:`server.pools`).
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from claims.store import DEFAULT_STORE

QUERIES_DIR = Path(__file__).resolve().parent.parent / "claims" / "queries"


def create_app(config: dict | None = None) -> Flask:
    """A configured Flask app; see the module docstring for the config keys."""
    from server import errors, headers, nodes, pages, queries, sparql, views
    from server.limits import limits_from
    from server.pagecache import DEFAULT_SIZE, PageCache
    from server.pools import QueryService
    from server.stores import StoreHolder

    app = Flask(__name__)
    app.config.update(ARGMAP_STORE=DEFAULT_STORE, ARGMAP_QUERIES=QUERIES_DIR)
    app.config.update(config or {})
    app.json.sort_keys = False
    app.json.ensure_ascii = False
    limits = limits_from(app.config)
    # A form-encoded query may take three bytes per character; refuse bigger bodies (413) unread.
    if app.config.get("MAX_CONTENT_LENGTH") is None:
        app.config["MAX_CONTENT_LENGTH"] = 3 * limits.max_bytes + 4096
    app.extensions["argmap"] = StoreHolder(app.config["ARGMAP_STORE"])
    app.extensions["argmap-queries"] = QueryService(app.extensions["argmap"], limits)
    app.extensions["argmap-pages"] = PageCache(int(app.config.get("ARGMAP_PAGE_CACHE", DEFAULT_SIZE)))
    for module in (sparql, pages, nodes, queries):
        app.register_blueprint(module.bp)
    views.install(app)
    headers.install(app)
    errors.register(app)
    return app


__all__ = ["create_app"]
