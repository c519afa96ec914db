"""``argmap check``: validate maps (SHACL shapes and quote anchoring)."""

from __future__ import annotations

from pathlib import Path

import click

from claims.building import load_and_check
from claims.errors import MapError
from cli.options import checker_option, maps_option, report_problems, resolve_maps


@click.command("check")
@maps_option()
@checker_option
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, exists=True, dir_okay=False))
def command(maps_dir: Path, checker: str, files: tuple[Path, ...]) -> None:
    """Validate map files; exit 1 with file:line, node and rule for each problem."""
    paths = resolve_maps(maps_dir, files)
    try:
        maps = load_and_check(paths, checker=checker)
    except MapError as e:
        report_problems(e)
    for m in maps:
        click.echo(f"ok {m.path} ({len(m.graph)} triples)")
