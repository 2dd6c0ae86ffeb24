"""Turn the bytes of an input into text, or say clearly why not.

UTF-8 (with or without BOM) and BOM-marked UTF-16/32 are decoded directly.  Anything else
goes to charset-normalizer.  When it proposes a single-byte Latin code page, Windows-1252 is
preferred if it decodes the bytes: our inputs are English news, and charset-normalizer
otherwise picks cp1250 for cp1252 text with curly quotes ("à" would become "ŕ").
"""

from __future__ import annotations

import codecs

import charset_normalizer

from backchannel.errors import InputError

__all__ = ["decode_bytes", "refuse_binary", "refuse_magic"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX)"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0", "an OLE document (DOC/XLS)"),
)
_LATIN_SINGLE_BYTE = ("cp125", "iso8859", "latin", "mac_", "cp437", "cp850")
_ALLOWED_CONTROLS = frozenset("\t\n\r\x0b\x0c")
_MAX_CONTROL_RATIO = 0.01


def refuse_binary(text: str, origin: str) -> None:
    """Raise ``InputError`` if decoded ``text`` looks like binary data (NUL bytes, many control characters)."""
    if "\x00" in text:
        raise InputError(origin, "binary data (contains NUL bytes), not text")
    sample = text[:100_000]
    controls = sum(1 for ch in sample if ch < " " and ch not in _ALLOWED_CONTROLS)
    if sample and controls / len(sample) > _MAX_CONTROL_RATIO:
        raise InputError(origin, f"binary data ({controls} control characters in the first {len(sample)}), not text")


def _detect(data: bytes, origin: str) -> str:
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(origin, "not text: no character encoding decodes it (binary data or an unknown encoding)")
    encoding = best.encoding
    if encoding.startswith(_LATIN_SINGLE_BYTE) and encoding != "cp1252":
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    return str(best)


def refuse_magic(head: bytes, origin: str) -> None:
    """Raise ``InputError`` if ``head`` (the first bytes of an input) is a known binary or archive format.

    Compressed inputs (gzip, ZIP) are refused, never decompressed: no decompression bomb can fill memory.
    """
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise InputError(origin, f"binary file ({what}), not text")


def decode_bytes(data: bytes, origin: str) -> str:
    """Decode ``data`` read from ``origin``; raise ``InputError`` for binary or undecodable input."""
    refuse_magic(data[:8], origin)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(
                    origin, f"starts with a {encoding} byte-order mark but does not decode: {exc}"
                ) from exc
            refuse_binary(text, origin)
            return text
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _detect(data, origin)
    else:
        if "\x00" in text:
            # Valid UTF-8 with NULs: UTF-16/32 without a byte-order mark, or binary; let the detector decide.
            text = _detect(data, origin)
    refuse_binary(text, origin)
    return text
