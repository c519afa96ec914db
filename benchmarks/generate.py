"""Synthetic corpora shaped like real maps, for benchmarks and tests.

Each map has a source text, an author and reported speakers, one to three theses,
and under each a tree of inferences 3–5 deep with 1–3 linked premises (sometimes a
second, convergent inference), about a fifth of the statements attacked (rebuttals,
underminings, undercuts, and concessions answered by an undercut), every stated
premise anchored by a quote whose offsets point into the generated source text.

    python -m benchmarks.generate OUT_DIR --triples 100000 [--seed 1]

writes ``OUT_DIR/maps/*.ttl`` and ``OUT_DIR/sources/*.txt``; a map holds about
``--per-map`` (1,000) triples once loaded, so 1M triples is a corpus of 1,000 maps.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from ontology.vocab import map_iri, node_base

WORDS = [
    "regime",
    "nuclear",
    "talks",
    "summit",
    "sanctions",
    "economy",
    "growth",
    "people",
    "famine",
    "market",
    "missile",
    "deal",
    "leader",
    "power",
    "army",
    "border",
    "trade",
    "china",
    "south",
    "north",
    "policy",
    "risk",
    "peace",
    "war",
    "aid",
    "treaty",
    "rights",
    "report",
    "analyst",
    "expert",
    "data",
    "survey",
    "evidence",
    "claim",
    "cost",
    "benefit",
    "future",
    "past",
    "crisis",
    "reform",
]
KINDS = ["am:FactualStatement", "am:CausalStatement", "am:PredictiveStatement", "am:EvaluativeStatement"]
EVIDENCE = ["am:EventReport", "am:Statistic", "am:Quotation", "am:Example"]
SCHEMES = [
    "am:ArgumentFromConsequences",
    "am:ArgumentFromCauseToEffect",
    "am:ArgumentFromSign",
    "am:ArgumentFromExample",
    "am:ArgumentFromExpertOpinion",
    "am:ArgumentFromPositionToKnow",
    "am:ArgumentFromAnalogy",
]
PREFIXES = """@prefix : <%s> .
@prefix am: <https://w3id.org/argmap/ns#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
"""


class _Map:
    def __init__(self, slug: str, rng: random.Random, budget: int):
        self.slug, self.rng, self.budget = slug, rng, budget
        self.out: list[str] = []
        self.sentences: list[str] = []
        self.offset = 0
        self.count = 0
        self.used = 0

    def sentence(self) -> tuple[int, int, str]:
        words = [self.rng.choice(WORDS) for _ in range(self.rng.randint(12, 24))]
        words[0] = words[0].capitalize()
        quote = " ".join(words) + f" {self.count}"
        start = self.offset
        self.sentences.append(quote + ".")
        self.offset += len(quote) + 2  # ". " between sentences
        return start, start + len(quote), quote

    def statement(self, kind: str, extra: str = "") -> str:
        self.count += 1
        node = f":s{self.count}"
        speaker = ":author" if self.rng.random() < 0.85 else f":speaker{self.rng.randint(1, 3)}"
        if speaker != ":author":
            kind += ", am:ReportedSpeech"
        if self.rng.random() < 0.08 and "Thesis" not in kind:
            self.out.append(
                f'{node} a am:ImplicitStatement, {kind} ;\n    am:text "Implicit premise {self.count}." .\n'
            )
            self.used += 5
            return node
        start, end, quote = self.sentence()
        self.out.append(
            f'{node} a {kind} ;{extra}\n    am:text "{quote}" ;\n    am:assertedBy {speaker} ;\n'
            f"    am:anchor [ a oa:Annotation ; oa:hasTarget [ oa:hasSource :source ;\n"
            f'        oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact "{quote}" ] ,\n'
            f"                       [ a oa:TextPositionSelector ; oa:start {start} ; oa:end {end} ] ] ] .\n"
        )
        self.used += 15
        return node

    def node(self, kind: str, body: str) -> str:
        self.count += 1
        node = f":{kind.split(':')[1].lower()}{self.count}"
        self.out.append(f"{node} a {kind} ;\n    {body} .\n")
        self.used += body.count(";") + 3
        return node

    def maybe_attack(self, target: str) -> None:
        if self.rng.random() >= 0.2:
            return
        kind = self.rng.choice(["am:Rebuttal", "am:Undermining", "am:Concession"])
        attacker = self.statement(self.rng.choice(KINDS))
        conflict = self.node(kind, f"am:attacker {attacker} ;\n    am:target {target}")
        if kind == "am:Concession" or self.rng.random() < 0.3:
            answer = self.statement(self.rng.choice(KINDS))
            self.node("am:Undercut", f"am:attacker {answer} ;\n    am:target {conflict}")

    def tree(self, conclusion: str, depth: int) -> None:
        if depth == 0 or self.used >= self.budget:
            return
        for _ in range(1 if self.rng.random() < 0.75 else 2):
            premises = [
                self.statement(self.rng.choice(EVIDENCE if depth == 1 else KINDS))
                for _ in range(self.rng.choice([1, 1, 2, 3]))
            ]
            inference = self.node(
                "am:Inference",
                f"am:premise {', '.join(premises)} ;\n    am:conclusion {conclusion} ;\n"
                f"    am:scheme {self.rng.choice(SCHEMES)}",
            )
            if self.rng.random() < 0.05:
                self.node(
                    "am:Undercut",
                    f"am:attacker {self.statement(self.rng.choice(KINDS))} ;\n    am:target {inference}",
                )
            for p in premises:
                self.maybe_attack(p)
                self.tree(p, depth - 1)

    def render(self) -> tuple[str, str]:
        it = map_iri(self.slug)
        head = PREFIXES % node_base(self.slug) + (
            f'\n<{it}> a am:ArgumentMap ;\n    dcterms:title "Synthetic map {self.slug}" ;\n'
            "    am:source :source .\n"
            f':source a am:SourceDocument ;\n    dcterms:title "Source of {self.slug}" ;\n'
            f'    am:sourceFile "../sources/{self.slug}.txt" .\n'
            ':author a am:Author ; am:name "the author" .\n'
            + "".join(f':speaker{i} a am:Speaker ; am:name "speaker {i}" .\n' for i in (1, 2, 3))
        )
        return head + "\n".join(self.out), " ".join(self.sentences)


def generate_map(slug: str, seed: int, triples: int = 1000) -> tuple[str, str]:
    """One synthetic map of about ``triples`` triples: its Turtle and its source text."""
    m = _Map(slug, random.Random(seed), triples)
    while m.used < triples:
        thesis = m.statement("am:Thesis, " + m.rng.choice(KINDS), f"\n    am:thesisOf <{map_iri(slug)}> ;")
        m.maybe_attack(thesis)
        m.tree(thesis, m.rng.randint(3, 5))
    return m.render()


def generate_corpus(out: Path, triples: int, seed: int = 1, per_map: int = 1000) -> list[Path]:
    """Write a corpus of about ``triples`` triples under ``out``; return its map files."""
    out = Path(out)
    (out / "maps").mkdir(parents=True, exist_ok=True)
    (out / "sources").mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(max(1, triples // per_map)):
        slug = f"synthetic-{i:05d}"
        ttl, text = generate_map(slug, seed * 1_000_003 + i, min(per_map, triples))
        (out / "sources" / f"{slug}.txt").write_text(text, encoding="utf-8")
        path = out / "maps" / f"{slug}.ttl"
        path.write_text(ttl, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--triples", type=int, default=10_000)
    ap.add_argument("--per-map", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    paths = generate_corpus(a.out, a.triples, a.seed, a.per_map)
    print(f"wrote {len(paths)} maps under {a.out}")


if __name__ == "__main__":
    main()
