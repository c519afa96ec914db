"""The argmap web app: SPARQL endpoint, claim trees, statement pages, article, diagram, queries.

``create_app(config)`` reads ``ARGMAP_STORE`` (a store folder, whose ``current`` build is
opened read-only and re-opened when a new build is published, or a ready
``pyoxigraph.Store``) and ``ARGMAP_QUERIES`` (a folder of competency queries, ``*.rq``).
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from claims.store import DEFAULT_STORE

QUERIES_DIR = Path(__file__).resolve().parent.parent / "claims" / "queries"


def create_app(config: dict | None = None) -> Flask:
    """A configured Flask app; see the module docstring for the config keys."""
    from server import errors, nodes, pages, queries, sparql, views
    from server.stores import StoreHolder

    app = Flask(__name__)
    app.config.update(ARGMAP_STORE=DEFAULT_STORE, ARGMAP_QUERIES=QUERIES_DIR)
    app.config.update(config or {})
    app.json.sort_keys = False
    app.json.ensure_ascii = False
    app.extensions["argmap"] = StoreHolder(app.config["ARGMAP_STORE"])
    for module in (sparql, pages, nodes, queries):
        app.register_blueprint(module.bp)
    views.install(app)
    errors.register(app)
    return app


__all__ = ["create_app"]
