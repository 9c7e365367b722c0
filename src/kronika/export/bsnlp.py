"""The BSNLP shared task's system-response format: per document a file whose first line is the
document id, then one line per distinct form: form, lemma, type, cross-document entity id.

Types: person → PER, organization → ORG, country and place → LOC, event → EVT, other → PRO.
Words derived from names ("białoruskiej") and offices standing for their holders ("prezydent
Rosji") are left out: the task annotates names. The cross-document id is kronika's entity id
(stable across documents); a mention linked to no entity gets one made of its type and lemma.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from kronika.export.annotation import file_stem
from kronika.export.common import COARSE_TYPES
from kronika.model import Analysis


def response_lines(analysis: Analysis) -> Iterator[str]:
    yield analysis.external_id or analysis.id
    seen: set[str] = set()
    # the task annotates the names of the title too
    for mention in (*analysis.title_mentions, *analysis.mentions):
        if mention.derived or mention.description or mention.text in seen:
            continue
        seen.add(mention.text)
        coarse = COARSE_TYPES.get(mention.type, "PRO")
        ident = mention.entity or f"{coarse}-{mention.lemma.replace(' ', '-')}"
        form, lemma = (" ".join(s.split()) for s in (mention.text, mention.lemma))
        yield f"{form}\t{lemma}\t{coarse}\t{ident}"


def write(analyses: Iterable[Analysis], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for analysis in analyses:
        lines = "".join(line + "\n" for line in response_lines(analysis))
        (out / f"{file_stem(analysis)}.out").write_text(lines, encoding="utf-8")
