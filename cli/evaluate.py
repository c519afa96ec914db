"""``argmap evaluate``: which statements, inferences and conflicts stand, and why."""

from __future__ import annotations

import json
from pathlib import Path

import click

from claims.evaluation import evaluate, map_slugs
from claims.querying import _table
from cli.options import open_or_fail, store_option

SEMANTICS = ("grounded", "preferred", "stable")


def select_maps(store, slug: str | None) -> list[str]:
    """The map named by ``--map``, or every map in the store; a clear error for an unknown one."""
    slugs = map_slugs(store)
    if slug is None:
        return slugs
    if slug not in slugs:
        known = ", ".join(slugs) or "none"
        raise click.BadParameter(f"no map {slug!r} in the store (maps: {known})", param_hint="--map")
    return [slug]


@click.command("evaluate")
@store_option
@click.option("--map", "slug", help="Slug of one map (default: every map).")
@click.option("--format", "fmt", type=click.Choice(("table", "json")), default="table", show_default=True)
@click.option("--semantics", type=click.Choice(SEMANTICS), default="grounded", show_default=True)
def command(store_dir: Path, slug: str | None, fmt: str, semantics: str) -> None:
    """Label every node in, out or undecided, with the reason."""
    store = open_or_fail(store_dir)
    records = []
    for s in select_maps(store, slug):
        for label in evaluate(store, s, semantics).values():
            records.append(
                {
                    "map": s,
                    "id": label.node,
                    "kind": label.kind,
                    "text": label.text,
                    "status": label.status,
                    "explanation": label.explanation,
                    "defeated_by": list(label.defeated_by),
                    "lost_support": list(label.lost_support),
                }
            )
    if fmt == "json":
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    names = ["map", "node", "kind", "status", "text", "explanation"]
    rows = [
        [r["map"], r["id"].rsplit("/", 1)[-1], r["kind"], r["status"], r["text"], r["explanation"]]
        for r in records
    ]
    click.echo(_table(names, rows))
