"""A cache of compiled maps: asserted, inferred and label triples as N-Triples, keyed by their inputs.

An entry is keyed by a hash of the map file's bytes, the ontology, the shapes, the
reasoner and :data:`VERSION`; it records the source texts the map read and their
hashes, and is used only while they still match. So a rebuild re-parses, re-checks
and re-infers only the maps (or sources) that changed. Entries are written
atomically: an interrupted build never leaves half an entry.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from ontology import ONTOLOGY_PATH, SHAPES_PATH

#: Bump when loading or inference changes what a map compiles to.
VERSION = "2"


@dataclass(frozen=True)
class Entry:
    """A compiled map on disk."""

    slug: str
    asserted: Path
    inferred: Path
    labels: Path
    asserted_count: int
    inferred_count: int


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def map_key(path: Path, reasoner: str) -> str:
    """The hash of everything a compiled map depends on except its source texts."""
    h = hashlib.sha256()
    for part in (VERSION, reasoner, Path(path).stem):
        h.update(part.encode() + b"\0")
    for f in (path, ONTOLOGY_PATH, SHAPES_PATH):
        h.update(_sha(Path(f).read_bytes()).encode())
    return h.hexdigest()


class Cache:
    """Compiled maps under one folder."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def get(self, path: Path, reasoner: str) -> Entry | None:
        key = map_key(path, reasoner)
        meta = self.folder / f"{key}.json"
        try:
            info = json.loads(meta.read_text(encoding="utf-8"))
            for source, digest in info["sources"].items():
                if _sha(Path(source).read_bytes()) != digest:
                    return None
        except (OSError, ValueError, KeyError):
            return None
        entry = self._entry(key, info)
        files = (entry.asserted, entry.inferred, entry.labels)
        return entry if all(f.exists() for f in files) else None

    def put(
        self,
        path: Path,
        reasoner: str,
        slug: str,
        sources: list[Path],
        asserted: bytes,
        inferred: bytes,
        labels: bytes,
    ) -> Entry:
        key = map_key(path, reasoner)
        self.folder.mkdir(parents=True, exist_ok=True)
        info = {
            "slug": slug,
            "sources": {str(Path(s).resolve()): _sha(Path(s).read_bytes()) for s in sources},
            "asserted": asserted.count(b"\n"),
            "inferred": inferred.count(b"\n"),
        }
        _write(self.folder / f"{key}.asserted.nt", asserted)
        _write(self.folder / f"{key}.inferred.nt", inferred)
        _write(self.folder / f"{key}.labels.nt", labels)
        _write(self.folder / f"{key}.json", json.dumps(info).encode())
        return self._entry(key, info)

    def _entry(self, key: str, info: dict) -> Entry:
        return Entry(
            info["slug"],
            self.folder / f"{key}.asserted.nt",
            self.folder / f"{key}.inferred.nt",
            self.folder / f"{key}.labels.nt",
            info["asserted"],
            info["inferred"],
        )


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
