"""The query page: pick a competency query, edit it, run it, read the results as a table."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, request, url_for

from server import facts
from server.errors import ApiError
from server.executor import QueryResult
from server.media import FORMAT_NAMES, GRAPH_TYPES, RESULT_TYPES
from server.sparql import run_query
from server.views import page

bp = Blueprint("queries", __name__)

DEFAULT_QUERY = """PREFIX am: <https://w3id.org/argmap/ns#>
SELECT ?statement ?text WHERE {
  ?statement a am:Statement ; am:text ?text .
} ORDER BY ?statement LIMIT 50
"""


def competency_queries(folder: Path) -> list[dict]:
    """The ``*.rq`` files of ``folder``: name, title (from a leading ``# comment``) and text."""
    out = []
    for path in sorted(Path(folder).glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        comments = []
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            comments.append(line.lstrip("#").strip())
        title = comments[0] if comments and comments[0] else path.stem.replace("-", " ")
        out.append({"name": path.stem, "title": title, "description": " ".join(comments[1:]), "sparql": text})
    return out


@bp.route("/query")
def query_page() -> Response:
    queries = competency_queries(current_app.config["ARGMAP_QUERIES"])
    name = request.args.get("name")
    sparql = request.args.get("query")
    chosen = next((q for q in queries if q["name"] == name), None)
    run = sparql is not None or chosen is not None
    if sparql is None:
        sparql = (chosen or (queries[0] if queries else {"sparql": DEFAULT_QUERY}))["sparql"]
    data = {
        "queries": queries,
        "selected": chosen["name"] if chosen else None,
        "query": sparql,
        "endpoint": url_for("sparql.endpoint", _external=True),
    }
    status, retry = 200, None
    if run and sparql.strip():
        try:
            result = run_query(sparql)
            data["result"] = tabulate(result)
            data["downloads"] = downloads(sparql, data["result"]["type"])
        except ApiError as e:
            data["error"] = {"message": e.description, **e.details}
            status = e.code
            retry = e.extra_headers.get("Retry-After")
    data["curl"] = curl_line(data["endpoint"], sparql)
    response = page("query.html", data)
    response.status_code = status
    if status == 503 and retry:
        response.headers["Retry-After"] = retry
    return response


def tabulate(result: QueryResult) -> dict:
    """A pool result (SPARQL JSON or N-Triples) as JSON-ready rows of SPARQL JSON terms."""
    if result.form in ("construct", "describe"):
        rows = [
            {
                "subject": facts.term_json(t.subject),
                "predicate": facts.term_json(t.predicate),
                "object": facts.term_json(t.object),
            }
            for t in ox.parse(result.body, format=ox.RdfFormat.N_TRIPLES)
        ]
        return {
            "type": "graph",
            "variables": ["subject", "predicate", "object"],
            "rows": rows,
            **_cut(result),
        }
    doc = json.loads(result.body)
    if "boolean" in doc:
        return {"type": "ask", "boolean": bool(doc["boolean"])}
    names = doc["head"]["vars"]
    return {"type": "select", "variables": names, "rows": doc["results"]["bindings"], **_cut(result)}


def _cut(result: QueryResult) -> dict:
    return {"truncated": True} if result.truncated else {}


def downloads(sparql: str, kind: str) -> list[dict]:
    """Links to the same query's results in each format the endpoint offers."""
    types = GRAPH_TYPES if kind == "graph" else RESULT_TYPES
    names = {media: name for name, media in FORMAT_NAMES.items()}
    base = url_for("sparql.endpoint")
    return [
        {"format": names[m], "media_type": m, "url": f"{base}?query={quote(sparql)}&format={names[m]}"}
        for m in types
        if m in names
    ]


def curl_line(endpoint: str, sparql: str) -> str:
    """A shell command that runs the query against this endpoint."""
    quoted = "'" + sparql.replace("'", "'\\''") + "'"
    return f"curl -s {endpoint} -H 'Accept: text/csv' --data-urlencode query={quoted}"
