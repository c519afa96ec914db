"""The ``argmap`` command: one module per subcommand, registered on :data:`main`."""

from __future__ import annotations

import click

from cli import analyze, anchor, build, check, evaluate, export, import_, query, serve


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="argmap")
def main() -> None:
    """argmap: argument maps as an RDF knowledge graph, with SPARQL and claim trees."""


for module in (check, build, import_, query, export, anchor, serve, evaluate, analyze):
    main.add_command(module.command)
