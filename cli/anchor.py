"""``argmap anchor``: the Turtle anchor block for a quote of a source text (for map authors)."""

from __future__ import annotations

from pathlib import Path

import click

from claims.anchoring import anchor_turtle, find_anchor


@click.command("anchor")
@click.option("--occurrence", default=1, show_default=True, type=int, help="Which occurrence of the quote.")
@click.option(
    "--source", "source_node", default=":source", show_default=True, help="The source document node."
)
@click.argument("source", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.argument("quote")
def command(occurrence: int, source_node: str, source: Path, quote: str) -> None:
    """Print the am:anchor block that anchors QUOTE in the text file SOURCE."""
    text = source.read_text(encoding="utf-8")
    try:
        anchor = find_anchor(text, quote, occurrence)
    except ValueError as e:
        raise click.ClickException(f"{source}: {e}") from None
    click.echo(anchor_turtle(anchor, source_node))
