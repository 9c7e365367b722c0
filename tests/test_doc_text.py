"""No code reads spaCy's ``Doc.text`` but ``lang.components.doc_text``: spaCy joins every token's
text again on each access, so one read per mention or per sentence makes a long document
quadratic (a legal-form test did: 300,000 characters took 218 s instead of 30)."""

from __future__ import annotations

import ast
from pathlib import Path

import kronika

SOURCE = Path(kronika.__file__).parent
ALLOWED = {SOURCE / "lang" / "components.py"}  # doc_text itself, which reads it once per Doc


def _reads_of_doc_text(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and node.attr == "text"
        and (
            (isinstance(node.value, ast.Name) and node.value.id == "doc")
            or (isinstance(node.value, ast.Attribute) and node.value.attr == "doc")
        )
    ]


def test_the_document_text_is_read_through_doc_text() -> None:
    found = {
        str(path.relative_to(SOURCE)): lines
        for path in sorted(SOURCE.rglob("*.py"))
        if path not in ALLOWED and (lines := _reads_of_doc_text(path))
    }
    assert found == {}


def test_the_check_finds_a_read(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text("def f(span, doc):\n    return span.doc.text, doc.text, span.text\n", "utf-8")
    assert _reads_of_doc_text(probe) == [2, 2]
