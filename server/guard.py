"""Vet a SPARQL query before any engine sees it.

Refused: text that is too large (413) or not UTF-8 (400); SPARQL Update (403: the
endpoint is read-only); ``SERVICE`` anywhere (400: no outbound request ever leaves a
query); ``FROM``/``FROM NAMED`` naming anything but a graph of the store (400: never a
fetch, never a file); and the shapes that crash or stall the engine (400): nesting
deeper than ``max_depth``, more than ``max_tokens`` tokens, more than ``max_values``
VALUES terms, a property path longer than ``max_path``. Each refusal carries the
line and column of the offending token when there is one.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Collection
from functools import lru_cache
from threading import Lock
from urllib.parse import urljoin

from server.lexer import Token, line_col, tokenize
from server.limits import Limits

UPDATE_WORDS = frozenset(
    ["INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"]
)
QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
_OPEN, _CLOSE = "{([", "})]"
_PATH_ITEM = {"iri", "pname"}
#: Queries already found safe, by (text, limits, graphs): clients repeat their queries, and
#: vetting is pure, so a repeat costs a lookup instead of a tokenization.
_VETTED: OrderedDict[tuple, None] = OrderedDict()
_VETTED_LOCK = Lock()
VETTED_MAX = 512
#: Longer queries are vetted every time (the cache holds at most VETTED_MAX x 8 KB).
CACHED_CHARS = 8192


class QueryRefused(Exception):
    """A query the endpoint will not run: ``status`` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str, position: tuple[int, int] | None = None):
        self.status = status
        self.message = message
        self.position = position
        where = f" (line {position[0]}, column {position[1]})" if position else ""
        super().__init__(message + where)


def decode_query(data: bytes, limits: Limits) -> str:
    """The query text of a request body, or :class:`QueryRefused` (413 / 400)."""
    if len(data) > limits.max_bytes:
        raise QueryRefused(413, f"query is {len(data)} bytes; the limit is {limits.max_bytes}")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise QueryRefused(400, f"query is not UTF-8 (byte {e.start})") from None


def vet_query(text: str | bytes, limits: Limits, graphs: Collection[str] = ()) -> None:
    """Raise :class:`QueryRefused` unless ``text`` is safe to hand to the engine.

    ``graphs`` are the named graph IRIs of the store: the only ones FROM may name.
    """
    if isinstance(text, bytes):
        text = decode_query(text, limits)
    key = (text, limits, frozenset(graphs))
    if len(text) > CACHED_CHARS:
        return _vet(text, limits, key[2])
    with _VETTED_LOCK:
        if key in _VETTED:
            _VETTED.move_to_end(key)
            return
    _vet(text, limits, key[2])
    with _VETTED_LOCK:
        _VETTED[key] = None
        if len(_VETTED) > VETTED_MAX:
            _VETTED.popitem(last=False)


def _vet(text: str, limits: Limits, graphs: frozenset[str]) -> None:
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > limits.max_bytes:
        raise QueryRefused(413, f"query is {size} bytes; the limit is {limits.max_bytes}")
    if "\x00" in text:
        raise QueryRefused(400, "query contains a NUL character", line_col(text, text.index("\x00")))
    _Vetter(text, limits, graphs).run()


def vet_graph_iri(iri: str, graphs: Collection[str]) -> None:
    """Refuse a protocol ``default-graph-uri``/``named-graph-uri`` that is not a store graph."""
    _check_graph(iri, frozenset(graphs), None)


def query_form(text: str) -> str | None:
    """``select``, ``ask``, ``construct`` or ``describe``: the first form keyword of the query."""
    return _cached_form(text) if len(text) <= CACHED_CHARS else _form(text)


def _form(text: str) -> str | None:
    for tok in tokenize(text):
        if tok.kind == "word" and tok.upper in QUERY_FORMS:
            return tok.upper.lower()
    return None


_cached_form = lru_cache(maxsize=VETTED_MAX)(_form)


def _check_graph(iri: str, graphs: frozenset[str], where: tuple[int, int] | None) -> None:
    if iri.lower().startswith("file:"):
        raise QueryRefused(400, f"FROM <{iri}>: local files are never read", where)
    if iri not in graphs:
        raise QueryRefused(400, f"FROM <{iri}>: not a graph of this store (nothing is ever fetched)", where)


class _Vetter:
    def __init__(self, text: str, limits: Limits, graphs: frozenset[str]):
        self.text = text
        self.limits = limits
        self.graphs = graphs
        self.prefixes: dict[str, str] = {}
        self.base: str | None = None

    def at(self, tok: Token) -> tuple[int, int]:
        return line_col(self.text, tok.offset)

    def refuse(self, tok: Token, message: str, status: int = 400) -> None:
        raise QueryRefused(status, message, self.at(tok))

    def run(self) -> None:
        toks = list(tokenize(self.text))
        lim = self.limits
        depth = counted = values = path = 0
        values_depth: int | None = None
        for i, tok in enumerate(toks):
            kind, up = tok.kind, tok.upper
            if kind == "other":
                continue  # the parser reports it with its position
            if kind == "word":
                if up == "SERVICE":
                    self.refuse(tok, "SERVICE is not allowed: queries never reach other endpoints")
                if up in UPDATE_WORDS:
                    self.refuse(tok, f"read-only endpoint: SPARQL Update ({up}) is not accepted", 403)
                if up == "PREFIX":
                    self._prefix(toks, i)
                elif up == "BASE" and i + 1 < len(toks) and toks[i + 1].kind == "iri":
                    self.base = self._resolve(toks[i + 1].text[1:-1])
                elif up == "FROM":
                    self._from(toks, i)
                elif up == "VALUES" and values_depth is None:
                    values_depth = depth
            if tok.text in _OPEN and kind == "op":
                depth += 1
                if depth > lim.max_depth:
                    self.refuse(tok, f"nesting deeper than {lim.max_depth} levels")
            elif tok.text in _CLOSE and kind == "op":
                depth = max(0, depth - 1)
                if values_depth is not None and depth == values_depth and tok.text == "}":
                    values_depth = None
            if values_depth is not None and depth > values_depth:
                if kind in ("iri", "pname", "string", "number", "word", "bnode"):
                    values += 1
                    if values > lim.max_values:
                        self.refuse(tok, f"VALUES blocks hold more than {lim.max_values} terms")
            else:
                counted += 1
                if counted > lim.max_tokens:
                    self.refuse(tok, f"query longer than {lim.max_tokens} tokens")
            path = self._path_step(toks, i, path)

    def _path_step(self, toks: list[Token], i: int, length: int) -> int:
        """Length of the property path ending at token ``i`` (0 when not in a path)."""
        tok = toks[i]
        if tok.kind in _PATH_ITEM or (tok.kind == "word" and tok.text == "a"):
            prev = toks[i - 1] if i else None
            joined = prev is not None and prev.kind == "op" and prev.text in "/|^(!"
            length = length + 1 if joined and length else 1
            if length > self.limits.max_path:
                self.refuse(tok, f"property path longer than {self.limits.max_path} steps")
            return length
        if tok.kind == "op" and tok.text in "/|^(!)*+?":
            return length
        return 0

    def _prefix(self, toks: list[Token], i: int) -> None:
        if i + 2 < len(toks) and toks[i + 1].kind == "pname" and toks[i + 2].kind == "iri":
            name = toks[i + 1].text
            if name.endswith(":"):
                self.prefixes[name[:-1]] = self._resolve(toks[i + 2].text[1:-1])

    def _resolve(self, iri: str) -> str:
        return urljoin(self.base, iri) if self.base else iri

    def _from(self, toks: list[Token], i: int) -> None:
        j = i + 1
        if j < len(toks) and toks[j].upper == "NAMED":
            j += 1
        if j >= len(toks):
            return
        target = toks[j]
        where = self.at(target)
        if target.kind == "iri":
            raw = target.text[1:-1]
            if ":" not in raw.split("/", 1)[0] and self.base is None:
                raise QueryRefused(400, f"FROM <{raw}>: a bare path is never read", where)
            _check_graph(self._resolve(raw), self.graphs, where)
        elif target.kind == "pname":
            prefix, _, local = target.text.partition(":")
            if prefix not in self.prefixes:
                return  # the parser reports the undeclared prefix
            _check_graph(self.prefixes[prefix] + local.replace("\\", ""), self.graphs, where)
        else:
            self.refuse(target, "FROM must name a graph of this store by its IRI")
