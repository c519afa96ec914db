"""Import files of other tools as map files: convert, check, then write all or nothing.

Every input becomes ``MAPS/<slug>.ttl`` (slug from the file name). The maps are converted and
checked in a scratch folder inside ``MAPS``; only when every file converts and checks (and,
unless ``build`` is off, the store builds with them) are they moved into place.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from claims import store as stores
from claims.building import Progress, build, map_files
from claims.checking import check_map
from claims.errors import MapError, Problem
from claims.importers.aif import import_aif
from claims.importers.argdown import import_argdown
from claims.importers.common import slugify, to_turtle
from claims.loading import load_map

IMPORTERS: dict[str, tuple[str, Callable[[Path, str], Graph]]] = {
    ".json": ("AIF JSON", import_aif),
    ".argdown": ("Argdown", import_argdown),
    ".ad": ("Argdown", import_argdown),
}


@dataclass
class ImportReport:
    written: list[Path]
    built: bool


def input_files(paths: Iterable[Path]) -> list[Path]:
    """The files to import: each file named, and every importable file under each folder named."""
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files += sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in IMPORTERS)
        else:
            files.append(p)
    return files


def convert(path: Path, slug: str) -> str:
    """One input file as the Turtle text of map ``slug``; raises :class:`MapError`."""
    kind = IMPORTERS.get(path.suffix.lower())
    if kind is None:
        known = ", ".join(sorted(IMPORTERS))
        raise MapError(
            [
                Problem(
                    str(path), None, None, "import-format", f"cannot import {path.suffix!r} files ({known})"
                )
            ]
        )
    name, importer = kind
    graph = importer(path, slug)
    return to_turtle(
        graph, f"Imported by `argmap import` from {path.name} ({name}).\nRe-importing replaces this file."
    )


def import_files(
    paths: Iterable[Path],
    maps_dir: Path,
    store_dir: Path = stores.DEFAULT_STORE,
    build_store: bool = True,
    replace: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Convert and check every input, then write them all (and rebuild the store), or nothing."""
    files = input_files(paths)
    if not files:
        raise MapError([Problem(", ".join(map(str, paths)), None, None, "import", "no files to import")])
    maps_dir = Path(maps_dir)
    maps_dir.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".import-", dir=maps_dir))
    try:
        staged = _stage(files, maps_dir, scratch, replace, progress)
        if build_store:
            replaced = {maps_dir / p.name for p in staged}
            keep = [p for p in map_files(maps_dir) if p not in replaced]
            build(keep + staged, store_dir)
        written = []
        for p in staged:
            os.replace(p, maps_dir / p.name)
            written.append(maps_dir / p.name)
        return ImportReport(written=written, built=build_store)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _stage(files: list[Path], maps_dir: Path, scratch: Path, replace: bool, progress) -> list[Path]:
    problems: list[Problem] = []
    staged: list[Path] = []
    seen: dict[str, Path] = {}
    for i, path in enumerate(files, 1):
        slug = slugify(path.stem)
        if slug in seen:
            problems.append(
                Problem(str(path), None, None, "import-slug", f"same map name {slug!r} as {seen[slug]}")
            )
            continue
        seen[slug] = path
        if (maps_dir / f"{slug}.ttl").exists() and not replace:
            problems.append(
                Problem(
                    str(path),
                    None,
                    None,
                    "import-exists",
                    f"{maps_dir / (slug + '.ttl')} exists; pass --replace to overwrite it",
                )
            )
            continue
        try:
            target = scratch / f"{slug}.ttl"
            target.write_text(convert(path, slug), encoding="utf-8")
            found = check_map(load_map(target))
        except MapError as e:
            found = e.problems
        problems += [_blame(p, path) for p in found]
        staged.append(scratch / f"{slug}.ttl")
        if progress:
            progress("import", i, len(files))
    if problems:
        raise MapError(problems)
    return staged


def _blame(p: Problem, source: Path) -> Problem:
    """A problem of a converted map names the input file, not the scratch copy."""
    if p.file == str(source):
        return p
    return Problem(str(source), None, p.node, p.rule, f"converted map: {p.message}")
