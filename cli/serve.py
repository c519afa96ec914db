"""``argmap serve``: the web app over the store (built first if there is none)."""

from __future__ import annotations

from pathlib import Path

import click

from cli.options import maps_option, store_option


@click.command("serve")
@maps_option
@store_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8080, show_default=True, type=int)
def command(maps_dir: Path, store_dir: Path, host: str, port: int) -> None:
    """Serve the maps over HTTP (SPARQL endpoint and claim trees)."""
    raise click.ClickException("argmap serve is not built yet")
