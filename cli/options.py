"""Options shared by several subcommands."""

from __future__ import annotations

from pathlib import Path

import click

from claims.building import MAPS_DIR, map_files
from claims.errors import MapError
from claims.store import DEFAULT_STORE

store_option = click.option(
    "--store",
    "store_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=DEFAULT_STORE,
    show_default=True,
    help="Folder of the embedded store (env ARGMAP_STORE).",
)

maps_option = click.option(
    "--maps",
    "maps_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=MAPS_DIR,
    show_default=True,
    help="Folder of map files (*.ttl).",
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
