"""``argmap build``: check, infer, and write a new store build."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from claims.backends import BackendError
from claims.building import build
from claims.errors import MapError
from cli.options import checker_option, maps_option, report_problems, resolve_maps, store_option
from ontology.reasoning import REASONERS


@click.command("build")
@maps_option()
@store_option
@click.option(
    "--reasoner",
    type=click.Choice(sorted(REASONERS)),
    default="fast",
    show_default=True,
    help="Inference engine; owlrl is the slow reference.",
)
@checker_option
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, exists=True, dir_okay=False))
def command(maps_dir: Path, store_dir: str, reasoner: str, checker: str, files: tuple[Path, ...]) -> None:
    """Build the store from every map (or FILES). A failed or interrupted build leaves the last good store."""
    paths = resolve_maps(maps_dir, files)
    with Bars(enabled=sys.stderr.isatty()) as bars:
        try:
            report = build(paths, store_dir, reasoner, progress=bars.update, checker=checker)
        except MapError as e:
            bars.close()
            report_problems(e)
        except BackendError as e:
            raise click.ClickException(str(e)) from None
        except KeyboardInterrupt:
            bars.close()
            click.echo("interrupted: the store is unchanged", err=True)
            raise SystemExit(130) from None
    click.echo(
        f"built {len(report.maps)} map(s) into {store_dir}: "
        f"{report.asserted} asserted + {report.inferred} inferred triples"
    )


class Bars:
    """One tqdm bar per build stage on a terminal; nothing when stderr is piped."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.bar = None
        self.stage = None

    def update(self, stage: str, done: int, total: int) -> None:
        if not self.enabled or total < 2:
            return
        if stage != self.stage:
            self.close()
            from tqdm import tqdm

            self.stage = stage
            self.bar = tqdm(total=total, desc=stage, unit="map", leave=False)
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None
            self.stage = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
