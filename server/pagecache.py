"""Pages kept per store build: a build never changes, so neither do the pages drawn from it.

A page is kept under its path, query string and ``Accept`` header, and only while the store
it was drawn from is the one being served; a new build empties the cache. The SPARQL endpoint
and the query page run users' queries and are never cached.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from functools import wraps

from flask import Response, current_app, request

#: How many rendered pages to keep (``ARGMAP_PAGE_CACHE``; 0 turns the cache off).
DEFAULT_SIZE = 512


class PageCache:
    """A bounded map from request keys to rendered responses, tied to one store object."""

    def __init__(self, size: int = DEFAULT_SIZE):
        self.size = size
        self._lock = threading.Lock()
        self._store = None
        self._pages: OrderedDict[tuple, tuple[int, bytes, list]] = OrderedDict()

    def get(self, store, key: tuple) -> Response | None:
        with self._lock:
            if store is not self._store:
                self._store, self._pages = store, OrderedDict()
                return None
            hit = self._pages.get(key)
            if hit is None:
                return None
            self._pages.move_to_end(key)
        status, body, headers = hit
        return Response(body, status=status, headers=headers)

    def put(self, store, key: tuple, response: Response) -> None:
        if self.size <= 0 or response.status_code != 200 or response.direct_passthrough:
            return
        kept = (response.status_code, response.get_data(), list(response.headers.items()))
        with self._lock:
            if store is not self._store:
                return  # a new build arrived while this page was drawn
            self._pages[key] = kept
            while len(self._pages) > self.size:
                self._pages.popitem(last=False)


def cached(view):
    """Serve a page view from the cache of the current build, drawing it only once."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        cache: PageCache = current_app.extensions["argmap-pages"]
        if request.method != "GET" or cache.size <= 0:
            return view(*args, **kwargs)
        store = current_app.extensions["argmap"].get()
        key = (request.full_path, request.headers.get("Accept", ""))
        hit = cache.get(store, key)
        if hit is not None:
            return hit
        response = current_app.make_response(view(*args, **kwargs))
        cache.put(store, key, response)
        return response

    return wrapper
