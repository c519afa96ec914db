"""``/sparql``: a read-only SPARQL 1.1 Protocol endpoint with a Service Description.

Queries come by ``GET ?query=``, by ``POST`` of a form, or by ``POST`` of the query itself
(``application/sparql-query``). Results are negotiated from ``Accept`` (or the extension
parameter ``format``, see :data:`server.media.FORMAT_NAMES`, used by download links).
"""

from __future__ import annotations

import re

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, request, url_for

from server.dataset import DatasetError, query_options, uses_service
from server.errors import ApiError
from server.media import FORMAT_NAMES, GRAPH_TYPES, RESULT_TYPES, content_type, negotiate
from server.service import service_description

bp = Blueprint("sparql", __name__)

UPDATE_WORDS = re.compile(
    r"(?is)^(?:\s|#[^\n]*\n)*(?:(?:PREFIX\s+[^:]*:\s*<[^>]*>|BASE\s*<[^>]*>)(?:\s|#[^\n]*\n)*)*"
    r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b"
)
_POSITION = re.compile(r"error at (\d+):(\d+)")
CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Accept, Content-Type",
    "Access-Control-Max-Age": "86400",
}


@bp.after_request
def add_cors(response: Response) -> Response:
    response.headers.update(CORS)
    response.vary.add("Accept")
    return response


@bp.route("/sparql", methods=["OPTIONS"], provide_automatic_options=False)
def preflight() -> Response:
    return Response(status=204)


@bp.route("/sparql", methods=["GET", "POST"])
def endpoint() -> Response:
    sparql, default_uris, named_uris = read_request()
    store = current_app.extensions["argmap"].get()
    if sparql is None:
        return describe_service(store)
    return answer(store, sparql, default_uris, named_uris)


def read_request() -> tuple[str | None, list[str], list[str]]:
    """The query text and protocol dataset of this request, or an error for anything else."""
    args = request.args
    if "update" in args or (request.method == "POST" and "update" in _form()):
        raise ApiError(403, "this endpoint is read-only: SPARQL updates are refused")
    if request.method == "GET":
        queries = args.getlist("query")
        params = args
    else:
        mimetype = request.mimetype
        if mimetype == "application/x-www-form-urlencoded":
            params = _form()
            queries = params.getlist("query") + args.getlist("query")
        elif mimetype == "application/sparql-query":
            charset = request.mimetype_params.get("charset", "utf-8").lower()
            if charset not in ("utf-8", "utf8"):
                raise ApiError(415, f"a query must be sent as UTF-8, not {charset}")
            try:
                queries = [request.get_data().decode("utf-8")] + args.getlist("query")
            except UnicodeDecodeError as e:
                raise ApiError(400, f"the query is not valid UTF-8 (byte {e.start})") from None
            params = args
        elif mimetype == "application/sparql-update":
            raise ApiError(403, "this endpoint is read-only: SPARQL updates are refused")
        else:
            raise ApiError(
                415,
                f"unsupported request body type {mimetype or '(none)'}: POST a query as "
                "application/x-www-form-urlencoded or application/sparql-query",
            )
    if len(queries) > 1:
        raise ApiError(400, "exactly one query parameter is allowed")
    if not queries:
        if (
            request.method == "POST"
            or params.getlist("default-graph-uri")
            or params.getlist("named-graph-uri")
        ):
            raise ApiError(400, "missing the query parameter")
        return None, [], []
    return queries[0], params.getlist("default-graph-uri"), params.getlist("named-graph-uri")


def _form():
    return request.form if request.mimetype == "application/x-www-form-urlencoded" else {}


def execute(store: ox.Store, sparql: str, default_uris=(), named_uris=()):
    """Run a query for the protocol; errors become 400s carrying the parser's message and position."""
    if UPDATE_WORDS.match(sparql):
        raise ApiError(403, "this endpoint is read-only: SPARQL updates are refused")
    if uses_service(sparql):
        raise ApiError(
            400, "SERVICE (federated query) is not supported: this endpoint never fetches remote data"
        )
    try:
        options = query_options(store, sparql, list(default_uris), list(named_uris))
    except DatasetError as e:
        raise ApiError(400, str(e)) from None
    try:
        return store.query(sparql, **options)
    except SyntaxError as e:
        message = str(e)
        found = _POSITION.search(message)
        position = {"line": int(found[1]), "column": int(found[2])} if found else None
        raise ApiError(400, f"SPARQL syntax error: {message}", position=position) from None


def answer(store: ox.Store, sparql: str, default_uris: list[str], named_uris: list[str]) -> Response:
    result = execute(store, sparql, default_uris, named_uris)
    offered = GRAPH_TYPES if isinstance(result, ox.QueryTriples) else RESULT_TYPES
    media_type = pick(offered)
    if isinstance(result, ox.QueryTriples):
        body = ox.serialize(result, format=GRAPH_TYPES[media_type])
    else:
        body = result.serialize(format=RESULT_TYPES[media_type])
    return Response(body, content_type=content_type(media_type))


def pick(offered: dict) -> str:
    """The media type to answer in, from ``format`` or ``Accept``; 406 when none fits."""
    name = request.values.get("format") if request.mimetype != "application/sparql-query" else None
    name = name or request.args.get("format")
    if name:
        media_type = FORMAT_NAMES.get(name, name)
        if media_type in offered:
            return media_type
        raise ApiError(406, f"format {name!r} is not available here; use one of {', '.join(offered)}")
    media_type = negotiate(request.headers.get("Accept"), offered)
    if media_type is None:
        raise ApiError(
            406, f"cannot answer in {request.headers.get('Accept')}; available: {', '.join(offered)}"
        )
    return media_type


def describe_service(store: ox.Store) -> Response:
    media_type = pick(GRAPH_TYPES)
    endpoint_iri = url_for("sparql.endpoint", _external=True)
    graph = service_description(store, endpoint_iri, list(RESULT_TYPES.values()) + list(GRAPH_TYPES.values()))
    body = ox.serialize(graph, format=GRAPH_TYPES[media_type])
    return Response(body, content_type=content_type(media_type))
