"""``argmap build``: check, infer, and write a new store build."""

from __future__ import annotations

from pathlib import Path

import click

from claims.building import build
from claims.errors import MapError
from cli.options import maps_option, report_problems, resolve_maps, store_option
from ontology.reasoning import REASONERS


@click.command("build")
@maps_option
@store_option
@click.option(
    "--reasoner",
    type=click.Choice(sorted(REASONERS)),
    default="fast",
    show_default=True,
    help="Inference engine; owlrl is the slow reference.",
)
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, exists=True, dir_okay=False))
def command(maps_dir: Path, store_dir: Path, reasoner: str, files: tuple[Path, ...]) -> None:
    """Build the store from every map (or FILES). A failed build leaves the last good store."""
    paths = resolve_maps(maps_dir, files)
    try:
        report = build(paths, store_dir, reasoner)
    except MapError as e:
        report_problems(e)
    click.echo(
        f"built {len(report.maps)} map(s) into {store_dir}: "
        f"{report.asserted} asserted + {report.inferred} inferred triples"
    )
