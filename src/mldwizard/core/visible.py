"""The one rule for characters a reader must see, in every output: the terminal (``show``,
``status``, ``check``, messages), JSON, the generated Markdown and the TOML file itself.

* Control characters but newline and tab (C0, DEL, C1; 0x9b alone is a CSI) would be run
  by a terminal: shown as ``\\xNN``.
* Invisible characters that change what a reader sees without being seen ("Trojan Source",
  CVE-2021-42574): the bidirectional embeddings, overrides and isolates (U+202A-U+202E,
  U+2066-U+2069), the zero-width space, word joiner and
  zero-width no-break space (U+200B, U+2060, U+FEFF), and the line and paragraph separators
  (U+2028, U+2029, line breaks to some programs and not to others): shown as ``\\uNNNN``.

Zero-width (non-)joiners (U+200C, U+200D) stay: Persian, the Indic scripts and emoji need
them, and they move no text. So do the right-to-left, left-to-right and Arabic letter marks
(U+200F, U+200E, U+061C): Hebrew and Arabic authors use them to place a full stop or a
bracket, and a mark is only a weak character: it cannot reorder strong text as an embedding,
override or isolate does. In JSON and TOML the same characters are written as ``\\u``
escapes: still valid, the same value once read, and nothing invisible in the file.
"""

from __future__ import annotations

import re

_INVISIBLE = "\u200b\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff"
# Control characters but tab and newline: C0, DEL and C1 (0x9b is a CSI on its own).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
UNSEEN = re.compile(rf"[\x00-\x08\x0b-\x1f\x7f-\x9f{_INVISIBLE}]")
# What json.dumps(ensure_ascii=False) and tomli_w leave raw (both escape C0 themselves).
_RAW_IN_JSON = re.compile(rf"[\x7f-\x9f{_INVISIBLE}]")
_RAW_IN_TOML = re.compile(rf"[\x80-\x9f{_INVISIBLE}]")


def shown_char(char: str) -> str:
    """One character the rule covers, as it is shown: ``\\xNN`` or ``\\uNNNN``."""
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible_controls(text: str) -> str:
    """``text`` with every character the rule covers shown as ``\\xNN`` or ``\\uNNNN``: it
    can be printed or ``cat`` without the terminal acting on it, and reads the same to
    everyone."""
    return UNSEEN.sub(lambda m: shown_char(m.group()), text)


def visible_control_chars(text: str) -> str:
    """``text`` with its control characters (not the other invisible ones) as ``\\xNN``:
    what a text editor in the full-screen wizard holds for an answer that has some."""
    return CONTROL.sub(lambda m: shown_char(m.group()), text)


def escape_json(text: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``) with those characters as
    ``\\u`` escapes: still valid JSON, the same value."""
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def escape_toml(text: str) -> str:
    """TOML text from tomli_w with those characters as ``\\u`` escapes. They can only be in
    (basic) strings, where an escape keeps the same text: the file stays faithful."""
    return _RAW_IN_TOML.sub(lambda m: f"\\u{ord(m.group()):04X}", text)
