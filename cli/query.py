"""``argmap query``: SPARQL over asserted + inferred triples."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from claims.querying import FORMATS, format_result, run
from claims.store import StoreMissing, open_store
from cli.options import store_option


@click.command("query")
@store_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.argument("sparql")
def command(store_dir: Path, fmt: str, sparql: str) -> None:
    """Run SPARQL (a query, a .rq file, or - for stdin) over the store."""
    if sparql == "-":
        sparql = sys.stdin.read()
    elif sparql.endswith(".rq") and Path(sparql).is_file():
        sparql = Path(sparql).read_text(encoding="utf-8")
    try:
        store = open_store(store_dir)
    except StoreMissing as e:
        raise click.ClickException(str(e)) from None
    try:
        result = run(store, sparql)
    except SyntaxError as e:
        raise click.ClickException(f"SPARQL syntax error: {e}") from None
    out = format_result(result, fmt)
    click.echo(out, nl=not out.endswith("\n"))
