"""Our graph out: each exporter turns the store's asserted triples of a map into one format."""
