"""``argmap import``: AIF JSON and Argdown files (or folders of them) as map files, then rebuild."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from claims.errors import MapError
from claims.importing import import_files
from cli.options import maps_option, report_problems, store_option


@click.command("import")
@maps_option("Folder the map files are written to.")
@store_option
@click.option("--no-build", is_flag=True, help="Write the maps but do not rebuild the store.")
@click.option("--replace", is_flag=True, help="Overwrite map files of the same name.")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True))
def command(maps_dir: Path, store_dir: Path, no_build: bool, replace: bool, inputs: tuple[Path, ...]) -> None:
    """Import FILE.json (AIF), FILE.argdown or FOLDERs of them into MAPS; all or nothing."""
    bar = None
    if sys.stderr.isatty():
        bar = click.progressbar(length=1, label="importing", file=sys.stderr)

    def progress(stage: str, done: int, total: int) -> None:
        if bar is not None:
            bar.length = total
            bar.update(done - bar.pos)

    try:
        report = import_files(
            inputs, maps_dir, store_dir, build_store=not no_build, replace=replace, progress=progress
        )
    except MapError as e:
        if bar is not None:
            bar.render_finish()
        report_problems(e)
    if bar is not None:
        bar.render_finish()
    for path in report.written:
        click.echo(f"wrote {path}")
    click.echo(
        f"imported {len(report.written)} map(s)" + (f"; store rebuilt at {store_dir}" if report.built else "")
    )
