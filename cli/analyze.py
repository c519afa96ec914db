"""``argmap analyze``: the analysis findings of each map, each from a SPARQL file users can read."""

from __future__ import annotations

import json
from pathlib import Path

import click

from claims.evaluation import findings
from claims.evaluation.analysis import run_finding
from claims.querying import _table
from cli.evaluate import select_maps
from cli.options import open_or_fail, store_option


@click.command("analyze")
@store_option
@click.option("--map", "slug", help="Slug of one map (default: every map).")
@click.option("--format", "fmt", type=click.Choice(("table", "json")), default="table", show_default=True)
def command(store_dir: Path, slug: str | None, fmt: str) -> None:
    """List unsupported claims, unanswered objections, evidence, schemes, what-ifs and more."""
    store = open_or_fail(store_dir)
    out: dict = {}
    for s in select_maps(store, slug):
        out[s] = {
            f.name: {"question": f.question, "query": str(f.path), "rows": run_finding(store, s, f.name)}
            for f in findings()
        }
    if fmt == "json":
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    for s, found in out.items():
        for name, f in found.items():
            click.echo(f"== {s}: {name}\n{f['question']}\n(query: {f['query']})")
            rows = [{k: v for k, v in r.items() if k != "map"} for r in f["rows"]]
            cols = list(dict.fromkeys(k for r in rows for k in r))
            click.echo(_table(cols, [[r.get(c, "") for c in cols] for r in rows]) if rows else "(none)")
            click.echo()
