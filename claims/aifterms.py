"""How AIF JSON's node types and edge roles map onto argmap terms: one table for import and export."""

from __future__ import annotations

from ontology.vocab import AM

#: AIF node type -> argmap class.
CLASSES = {
    "I": AM.Statement,
    "RA": AM.Inference,
    "CA": AM.Conflict,
    "MA": AM.Rephrase,
    "PA": AM.Preference,
    "L": AM.Locution,
    "YA": AM.Illocution,
    "TA": AM.Transition,
}

#: Per scheme-node type: (property from the S-node to the node an edge comes from,
#: property from the S-node to the node an edge goes to).
ROLES = {
    "RA": (AM.premise, AM.conclusion),
    "CA": (AM.attacker, AM.target),
    "MA": (AM.original, AM.reformulation),
    "PA": (AM.preferred, AM.dispreferred),
    "YA": (AM.illocutionOf, AM.illocutionContent),
    "TA": (AM.startLocution, AM.endLocution),
}
