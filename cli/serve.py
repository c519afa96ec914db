"""``argmap serve``: the web app over the store (built first if there is none), under waitress."""

from __future__ import annotations

import signal
from pathlib import Path

import click

from claims.building import build, map_files
from claims.errors import MapError
from claims.store import StoreMissing, current_build, needs_rebuild
from cli.options import maps_option, report_problems, store_option
from server import QUERIES_DIR, create_app


@click.command("serve")
@maps_option("Folder of map files to build from when the store has no build yet.")
@store_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8080, show_default=True, type=int, help="Port (0 picks a free one).")
@click.option(
    "--queries",
    "queries_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=QUERIES_DIR,
    show_default=True,
    help="Folder of competency queries (*.rq) offered on the query page.",
)
@click.option(
    "--threads",
    default=8,
    show_default=True,
    type=int,
    help="Request threads (keep above ARGMAP_QUERY_MAX_LONG so pages answer while long queries run).",
)
def command(maps_dir: Path, store_dir: Path, host: str, port: int, queries_dir: Path, threads: int) -> None:
    """Serve the maps over HTTP: SPARQL endpoint, claim trees, statements, article, diagram, queries."""
    import waitress

    ensure_store(maps_dir, store_dir)
    app = create_app({"ARGMAP_STORE": store_dir, "ARGMAP_QUERIES": queries_dir})
    server = waitress.create_server(app, host=host, port=port, threads=threads)
    shown = f"[{host}]" if ":" in host else host
    click.echo(
        f"argmap serving http://{shown}:{server.effective_port}/ (SPARQL at /sparql); Ctrl-C stops", err=True
    )
    signal.signal(signal.SIGTERM, _stop)
    try:
        server.run()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.close()
        app.extensions["argmap-queries"].close()


def _stop(signum, frame) -> None:
    raise SystemExit(0)


def ensure_store(maps_dir: Path, store_dir: Path) -> None:
    """Build the store from ``maps_dir`` if it has no build yet, or one of an older layout."""
    try:
        current_build(store_dir)
        if not needs_rebuild(store_dir):
            return
        why = "the store predates the default graph's copy of the maps"
    except StoreMissing:
        why = f"no store at {store_dir}"
    paths = map_files(maps_dir) if Path(maps_dir).is_dir() else []
    if not paths:
        raise click.ClickException(f"no map files (*.ttl) under {maps_dir}")
    click.echo(f"{why}: building it from {len(paths)} map(s)…", err=True)
    try:
        report = build(paths, store_dir)
    except MapError as e:
        report_problems(e)
    click.echo(f"built {', '.join(report.maps)} into {store_dir}", err=True)
