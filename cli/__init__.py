"""The ``argmap`` command: one module per subcommand, registered on :data:`main`.

Subcommands are imported when they run (``argmap build`` does not load the web app or
pyshacl), which keeps a warm build of one map well under a second.
"""

from __future__ import annotations

import importlib

import click

#: Command name -> module holding its ``command``.
COMMANDS = {
    "check": "check",
    "build": "build",
    "import": "import_",
    "query": "query",
    "export": "export",
    "anchor": "anchor",
    "serve": "serve",
    "evaluate": "evaluate",
    "analyze": "analyze",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        return importlib.import_module(f"cli.{COMMANDS[name]}").command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="argmap")
def main() -> None:
    """argmap: argument maps as an RDF knowledge graph, with SPARQL and claim trees."""
