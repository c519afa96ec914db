"""``/sparql``: a read-only SPARQL 1.1 Protocol endpoint with a Service Description.

Queries come by ``GET ?query=``, by ``POST`` of a form, or by ``POST`` of the query itself
(``application/sparql-query``). Results are negotiated from ``Accept`` (or the extension
parameter ``format``, see :data:`server.media.FORMAT_NAMES`, used by download links).
"""

from __future__ import annotations

import re

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, request, url_for

from server.errors import ApiError
from server.executor import QueryError, QueryResult, QuerySyntaxError
from server.guard import QueryRefused, query_form
from server.media import FORMAT_NAMES, GRAPH_TYPES, RESULT_TYPES, content_type, negotiate
from server.service import service_description

bp = Blueprint("sparql", __name__)

UPDATE_WORDS = re.compile(
    r"(?is)^(?:\s|#[^\n]*\n)*(?:(?:PREFIX\s+[^:]*:\s*<[^>]*>|BASE\s*<[^>]*>)(?:\s|#[^\n]*\n)*)*"
    r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b"
)
#: Seconds a client is asked to wait after a 503 (time limit, busy workers).
RETRY_AFTER = 5
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
    if sparql is None:
        return describe_service(current_app.extensions["argmap"].get())
    return answer(sparql, default_uris, named_uris)


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


def run_query(sparql: str, default_uris=(), named_uris=(), **formats) -> QueryResult:
    """Vet ``sparql`` and run it in the worker pool; every refusal or failure becomes an ApiError."""
    if UPDATE_WORDS.match(sparql):
        raise ApiError(403, "this endpoint is read-only: SPARQL updates are refused")
    try:
        return current_app.extensions["argmap-queries"].run(
            sparql, list(default_uris), list(named_uris), **formats
        )
    except QueryRefused as e:
        raise ApiError(e.status, e.message, **_where(e.position)) from None
    except QueryError as e:
        message = f"SPARQL syntax error: {e.message}" if isinstance(e, QuerySyntaxError) else e.message
        headers = {"Retry-After": str(RETRY_AFTER)} if e.status == 503 else {}
        raise ApiError(e.status, message, headers=headers, **_where(e.position)) from None


def _where(position: tuple[int, int] | None) -> dict:
    return {"position": {"line": position[0], "column": position[1]}} if position else {}


def answer(sparql: str, default_uris: list[str], named_uris: list[str]) -> Response:
    graph = query_form(sparql) in ("construct", "describe")
    media_type = pick(GRAPH_TYPES if graph else RESULT_TYPES)
    formats = {"graph_format" if graph else "results_format": _format_type(media_type)}
    result = run_query(sparql, default_uris, named_uris, **formats)
    response = Response(result.body, content_type=content_type(media_type))
    if result.truncated:
        response.headers["Argmap-Truncated"] = "true"
    return response


def _format_type(media_type: str) -> str:
    """The canonical media type of a format the worker understands."""
    fmt = GRAPH_TYPES.get(media_type) or RESULT_TYPES[media_type]
    return fmt.media_type


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
