"""What every importer shares: slugs, the imported map's header, schemes, speakers, Turtle out."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import quote

from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef

from claims.anchoring import find_anchor
from ontology import load_ontology
from ontology.vocab import AM, DCTERMS, OA, PREFIXES, map_iri, node_base


def slugify(name: str) -> str:
    """A lower-case ASCII slug: letters, digits and single hyphens."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug or "map"


def local_iri(slug: str, kind: str, key: str) -> URIRef:
    """The IRI of a node of map ``slug``: ``kind-key`` with ``key`` percent-encoded."""
    return URIRef(node_base(slug) + f"{kind}-" + quote(str(key), safe="-_.~"))


def new_map_graph(slug: str, title: str, file_name: str, fmt: str) -> Graph:
    """A graph holding just the header of an imported map."""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    g.bind("", node_base(slug))
    m = map_iri(slug)
    g.add((m, RDF.type, AM.ImportedMap))
    g.add((m, DCTERMS.title, Literal(title)))
    g.add((m, AM.importedFrom, Literal(file_name)))
    g.add((m, AM.importFormat, Literal(fmt)))
    return g


@lru_cache(maxsize=1)
def _known_schemes() -> dict[str, URIRef]:
    onto = load_ontology()
    known: dict[str, URIRef] = {}
    for prop in (RDFS.label, AM.aifdbName):
        for scheme, name in onto.subject_objects(prop):
            if (scheme, RDF.type, AM.ArgumentationScheme) in onto:
                known[str(name).lower()] = scheme
    return known


def scheme_for(g: Graph, slug: str, name: str, aifdb: bool = True) -> URIRef:
    """The ontology's scheme AIFdb calls ``name``, or a new scheme individual of the map
    (whose ``am:aifdbName`` is ``name`` when the name comes from AIFdb)."""
    known = _known_schemes().get(name.strip().lower())
    if known is not None:
        return known
    scheme = local_iri(slug, "scheme", slugify(name))
    g.add((scheme, RDF.type, AM.ArgumentationScheme))
    g.add((scheme, RDFS.label, Literal(name.strip())))
    if aifdb:
        g.add((scheme, AM.aifdbName, Literal(name.strip())))
    return scheme


def speaker_for(g: Graph, slug: str, name: str) -> URIRef:
    """The speaker called ``name`` in map ``slug`` (added on first use)."""
    speaker = local_iri(slug, "speaker", slugify(name))
    g.add((speaker, RDF.type, AM.Speaker))
    g.add((speaker, AM.name, Literal(name)))
    return speaker


def add_source(g: Graph, slug: str, title: str, text: str) -> URIRef:
    """Give the map a source document whose full text is written into the map itself."""
    doc = local_iri(slug, "source", "text")
    g.add((map_iri(slug), AM.source, doc))
    g.add((doc, RDF.type, AM.SourceDocument))
    g.add((doc, DCTERMS.title, Literal(title)))
    g.add((doc, AM.fullText, Literal(text)))
    return doc


def anchor_if_verbatim(g: Graph, statement: URIRef, doc: URIRef, text: str, quote_text: str) -> bool:
    """Anchor ``statement`` at the first verbatim occurrence of ``quote_text`` in ``text``."""
    if not quote_text.strip():
        return False
    try:
        a = find_anchor(text, quote_text)
    except ValueError:
        return False
    annotation, target, by_quote, by_position = BNode(), BNode(), BNode(), BNode()
    g.add((statement, AM.anchor, annotation))
    g.add((annotation, RDF.type, OA.Annotation))
    g.add((annotation, OA.hasTarget, target))
    g.add((target, OA.hasSource, doc))
    g.add((target, OA.hasSelector, by_quote))
    g.add((target, OA.hasSelector, by_position))
    g.add((by_quote, RDF.type, OA.TextQuoteSelector))
    g.add((by_quote, OA.exact, Literal(a.exact)))
    g.add((by_quote, OA.prefix, Literal(a.prefix)))
    g.add((by_quote, OA.suffix, Literal(a.suffix)))
    g.add((by_position, RDF.type, OA.TextPositionSelector))
    g.add((by_position, OA.start, Literal(a.start)))
    g.add((by_position, OA.end, Literal(a.end)))
    return True


def to_turtle(g: Graph, header: str) -> str:
    """The map as Turtle text, with a comment header saying where it came from."""
    body = g.serialize(format="turtle")
    lines = "".join(f"# {line}\n" for line in header.splitlines())
    return lines + "\n" + body
