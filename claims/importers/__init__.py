"""Other tools' files in: each importer turns one file into an argmap map graph (see README.md)."""
