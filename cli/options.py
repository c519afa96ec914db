"""Options shared by several subcommands."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from claims.building import MAPS_DIR, map_files
from claims.errors import MapError
from claims.store import DEFAULT_STORE

store_option = click.option(
    "--store",
    "store_dir",
    default=str(DEFAULT_STORE),
    show_default=True,
    help="Folder of the embedded store (env ARGMAP_STORE), memory: for rdflib's in-process "
    "memory store, or the http(s) URL of a SPARQL 1.1 query endpoint.",
)


def maps_option(help: str = "Folder of map files (*.ttl).") -> Callable:
    """The ``--maps`` folder option, with a help text saying what the command does with it."""
    return click.option(
        "--maps",
        "maps_dir",
        type=click.Path(path_type=Path, file_okay=False),
        default=MAPS_DIR,
        show_default=True,
        help=help,
    )


checker_option = click.option(
    "--checker",
    type=click.Choice(["native", "shacl"]),
    default="native",
    show_default=True,
    help="SHACL checker: the shapes compiled to Python, or pyshacl (the slow reference).",
)


def resolve_maps(maps_dir: Path, files: tuple[Path, ...]) -> list[Path]:
    """The map files named on the command line, or every map under ``maps_dir``."""
    if files:
        return list(files)
    if not maps_dir.is_dir():
        raise click.UsageError(f"no maps folder {maps_dir}")
    paths = map_files(maps_dir)
    if not paths:
        raise click.UsageError(f"no map files (*.ttl) under {maps_dir}")
    return paths


def report_problems(error: MapError) -> None:
    """Print every problem of a failed check or build to stderr and exit 1."""
    for p in error.problems:
        click.echo(str(p), err=True)
    click.echo(f"{len(error.problems)} problem(s) found", err=True)
    raise SystemExit(1)


def open_or_fail(store_dir: Path):
    """Open the store's current build, or exit with a clear message if there is none."""
    from claims.store import StoreMissing, open_store

    try:
        return open_store(store_dir)
    except StoreMissing as e:
        raise click.ClickException(str(e)) from None
