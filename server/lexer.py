"""A SPARQL tokenizer good enough to vet queries: strings, IRIs, comments and names
are recognised as such, so a word inside them is never mistaken for a keyword.

It never fails: a character it does not know becomes an ``other`` token and the
SPARQL parser reports it later with its position.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_PN_CHARS_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_PN_CHARS = _PN_CHARS_BASE + "_0-9\u00b7\u0300-\u036f\u203f-\u2040-"
_PN_PREFIX = f"[{_PN_CHARS_BASE}](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_PN_LOCAL = f"(?:[{_PN_CHARS_BASE}_:0-9]|{_PLX})(?:(?:[{_PN_CHARS}.:]|{_PLX})*(?:[{_PN_CHARS}:]|{_PLX}))?"

_TOKENS = [
    ("ws", r"\s+"),
    ("comment", r"#[^\r\n]*"),
    ("string", r"'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^\"\\]|\\.|\"(?!\"\"))*\"\"\""),
    ("string", r"'(?:[^'\\\r\n]|\\.)*'|\"(?:[^\"\\\r\n]|\\.)*\""),
    ("iri", r"<[^<>\"{}|^`\\\x00-\x20]*>"),
    ("var", f"[?$][{_PN_CHARS_BASE}_0-9][{_PN_CHARS_BASE}_0-9\u00b7\u0300-\u036f\u203f-\u2040]*"),
    ("pname", f"(?:{_PN_PREFIX})?:(?:{_PN_LOCAL})?"),
    ("bnode", f"_:[{_PN_CHARS_BASE}_0-9](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?"),
    ("lang", r"@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*"),
    ("number", r"[0-9]+\.?[0-9]*(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?"),
    ("word", r"[A-Za-z_][A-Za-z_0-9]*"),
    ("op", r"\^\^|&&|\|\||!=|<=|>=|[{}()\[\];,.*+\-/|^!?=<>]"),
    ("other", r"."),
]
_LEXER = re.compile("|".join(f"(?P<{k}{i}>{p})" for i, (k, p) in enumerate(_TOKENS)), re.DOTALL)
_SKIP = {"ws", "comment"}


@dataclass(frozen=True)
class Token:
    kind: str  # string, iri, var, pname, bnode, lang, number, word, op, other
    text: str
    offset: int  # character offset in the query

    @property
    def upper(self) -> str:
        return self.text.upper()


def tokenize(text: str) -> Iterator[Token]:
    """The tokens of ``text`` without whitespace and comments."""
    for m in _LEXER.finditer(text):
        kind = m.lastgroup.rstrip("0123456789")
        if kind not in _SKIP:
            yield Token(kind, m.group(), m.start())


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col
