"""``argmap export``: a map in RDF, AIF JSON, Argdown, DOT or GraphML."""

from __future__ import annotations

import json

import click

from claims.backends import BackendError, open_backend
from claims.exporters.aif import export_aif
from claims.exporters.argdown import export_argdown
from claims.exporters.dot import export_dot
from claims.exporters.graphml import export_graphml
from claims.exporters.rdf import RDF_FORMATS, export_rdf
from claims.querying import select_rows
from claims.store import StoreMissing
from cli.options import store_option
from ontology.vocab import slug_of

TEXT_FORMATS = {"argdown": export_argdown, "dot": export_dot, "graphml": export_graphml}
FORMATS = sorted(RDF_FORMATS) + ["aif"] + sorted(TEXT_FORMATS)


@click.command("export")
@store_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="turtle", show_default=True)
@click.option("--map", "slug", help="Map to export (default: the only map in the store).")
@click.option("--inferred", is_flag=True, help="Include inferred triples (RDF formats).")
def command(store_dir: str, fmt: str, slug: str | None, inferred: bool) -> None:
    """Write a map to stdout in FORMAT."""
    store = open_backend(store_dir)
    try:
        found = select_rows(store, "SELECT DISTINCT ?m { ?m a am:ArgumentMap }")
    except (StoreMissing, BackendError) as e:
        raise click.ClickException(str(e)) from None
    slugs = sorted(slug_of(r["m"].value) for r in found)
    if slug is None:
        if len(slugs) != 1:
            raise click.UsageError(f"choose a map with --map: {', '.join(slugs) or '(none)'}")
        slug = slugs[0]
    elif slug not in slugs:
        raise click.UsageError(f"no map {slug!r} in the store; maps: {', '.join(slugs)}")
    if fmt == "aif":
        click.echo(json.dumps(export_aif(store, slug), indent=2, ensure_ascii=False))
    elif fmt in TEXT_FORMATS:
        click.echo(TEXT_FORMATS[fmt](store, slug), nl=False)
    else:
        click.echo(export_rdf(store, slug, fmt, inferred).decode())
