"""Bytes to text without mangling Polish.

Order of decisions, and why:

1. A byte order mark is authoritative (UTF-32, UTF-8, UTF-16), so it is honoured first; UTF-16
   text is full of NUL bytes and must not reach the binary test.
2. NUL bytes in the first KiB of anything else mean a binary file (or BOM-less UTF-16, which we
   do not guess at).
3. Strict UTF-8. Legacy 8-bit text almost never forms valid multi-byte UTF-8 sequences, so a
   clean UTF-8 decode is a safe verdict.
4. Otherwise the text is taken to be Polish in one of its two legacy code pages, cp1250
   (Windows) or ISO-8859-2. They agree on every byte except the ones for ą ś ź Ą Ś Ź, so the
   choice only matters when those bytes occur. charset-normalizer, restricted to these two, is
   asked first; measured on short Polish sentences it sometimes finds no match at all or picks
   the wrong page of the two (e.g. ISO-8859-2 text with "Źle … Śnieg … źrebię" came back as
   cp1250). So its pick is checked with a score that is exact for these two pages: the right
   decoding yields Polish letters where the wrong one yields C1 control characters (cp1250
   bytes read as ISO-8859-2) or symbols such as ± ¶ ¬ ¦ ˇ (ISO-8859-2 bytes read as cp1250).
   When the score prefers the other page, the score wins; on a tie charset-normalizer's pick
   stands.
5. Text that still decodes to many control characters is binary data, whatever the code page.
"""

from __future__ import annotations

import codecs
import re

from kronika.errors import InputError

#: How much of the start of a file is checked for NUL bytes.
BINARY_PROBE_BYTES = 1024

#: Share of control characters above which decoded "text" is taken to be binary data. Real text,
#: even with stray form feeds or terminal escapes, stays far below this.
MAX_CONTROL_SHARE = 0.01

BINARY_MESSAGE = (
    "looks like a binary file, not text; pass plain text (UTF-8, cp1250 or ISO-8859-2, "
    "or UTF-16 with a byte order mark) or JSONL"
)

#: Byte order marks, longest first: the UTF-32 LE mark begins with the UTF-16 LE mark.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: The two legacy code pages Polish text comes in, in the order preferred when both decode to
#: the same text (cp1250 is by far the more common one in the wild).
LEGACY_ENCODINGS: tuple[str, ...] = ("cp1250", "iso8859_2")

_POLISH_LETTERS = frozenset("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")

#: What the six disputed letters become under the wrong code page, besides C1 controls:
#: ISO-8859-2 bytes read as cp1250 give ± ¶ Ľ ˇ ¦ ¬; cp1250 bytes read as ISO-8859-2, š Ľ.
_WRONG_PAGE_SIGNS = frozenset("±¶ˇ¦¬šĽ")

_C1_CONTROLS = frozenset(map(chr, range(0x80, 0xA0)))
#: Control characters that do not occur in text: C0 except tab, newline, vertical tab, form
#: feed and carriage return; DEL; C1.
_BINARY_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def bom_encoding(data: bytes) -> str | None:
    """The codec named by a byte order mark at the start of ``data``, or None."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def looks_binary(head: bytes) -> bool:
    """True if the start of a file without a UTF-16/32 byte order mark holds NUL bytes."""
    return b"\x00" in head[:BINARY_PROBE_BYTES]


def polish_score(text: str) -> int:
    """How much ``text`` looks like correctly decoded Polish: letters minus wrong-page signs."""
    # str.count per character runs in C; a Python loop over every character of a large file
    # would dominate the time of reading it.
    letters = sum(text.count(ch) for ch in _POLISH_LETTERS)
    wrong = sum(text.count(ch) for ch in _WRONG_PAGE_SIGNS | _C1_CONTROLS)
    return letters - wrong


def decode(data: bytes, *, source: str) -> str:
    """Decode ``data`` (a whole file) to text; raise InputError if it is not text.

    A leading byte order mark is removed. Newlines and Unicode normalization are left alone;
    that is the readers' job.
    """
    encoding = bom_encoding(data)
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            raise InputError(BINARY_MESSAGE, source=source) from None
    elif looks_binary(data):
        raise InputError(BINARY_MESSAGE, source=source)
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_legacy(data)
    if _is_mostly_controls(text):
        raise InputError(BINARY_MESSAGE, source=source)
    return text


def _decode_legacy(data: bytes) -> str:
    """Decode non-UTF-8 bytes as the Polish legacy code page that fits them best."""
    candidates: dict[str, str] = {}
    for encoding in LEGACY_ENCODINGS:
        try:
            candidates[encoding] = data.decode(encoding)
        except UnicodeDecodeError:
            # cp1250 leaves five bytes undefined; ISO-8859-2 decodes every byte, so at least
            # one candidate always remains.
            continue
    texts = list(candidates.values())
    if len(candidates) == 1 or all(text == texts[0] for text in texts):
        return texts[0]

    import charset_normalizer  # only legacy text needs it; keeps `kronika --help` fast

    guess = charset_normalizer.from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    guessed = guess.encoding if guess is not None and guess.encoding in candidates else None
    ranked = sorted(
        candidates,
        # Highest score first; among equals charset-normalizer's pick, then the listed order.
        key=lambda enc: (-polish_score(candidates[enc]), enc != guessed),
    )
    return candidates[ranked[0]]


def _is_mostly_controls(text: str) -> bool:
    if not text:
        return False
    return len(_BINARY_CONTROLS.findall(text)) > MAX_CONTROL_SHARE * len(text)
