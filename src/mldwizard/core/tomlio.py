"""Reading and writing TOML with errors that point at a file, a line or a field."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import stat
import tomllib
from pathlib import Path
from typing import Any

import tomli_w
from pydantic import ValidationError

from .errors import MldwizardError
from .files import SpecialFile, kind_of, open_regular
from .names import shown_name, shown_repr
from .tomlscan import MAX_DEPTH, Scan, end_spot, scan
from .visible import escape_toml

_AT_LINE = re.compile(r"\(at line (\d+), column (\d+)\)")
_AT_END = "(at end of document)"


def read_toml(path: Path, error: type[MldwizardError], noun: str = "file") -> dict[str, Any]:
    """Read a TOML file; any problem becomes ``error`` naming the file (and line, column)."""
    return parse_toml(read_bytes(path, error, noun), path, error)


def read_bytes(path: Path, error: type[MldwizardError], noun: str = "file") -> bytes:
    """The bytes of the regular file at ``path``; anything else (missing, a folder, a FIFO
    or a device, which would block or never end) is ``error`` saying what it is."""
    problem = regular_file_problem(path, noun)
    if problem:
        raise error(problem)
    try:
        with os.fdopen(open_regular(path), "rb") as file:  # a FIFO swapped in never hangs
            return file.read()
    except SpecialFile:
        raise error(regular_file_problem(path, noun) or f"{path}: changed while read") from None
    except (FileNotFoundError, NotADirectoryError):
        raise error(_missing(path, noun)) from None
    except OSError as exc:
        raise error(f"{path}: cannot read: {exc.strerror or exc}") from None


def regular_file_problem(path: Path, noun: str) -> str | None:
    """Why ``path`` cannot be read as a ``noun`` (None: it is a regular file). Looks with
    ``stat`` only, so a FIFO or a device is never opened."""
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return _missing(path, noun)
    except OSError as exc:  # a symlink loop, a folder we may not enter
        return f"{path}: cannot read: {exc.strerror or exc}"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return f"{path}: is a folder, not a {noun}"
    kind = kind_of(mode)
    if noun == "file":
        return f"{path}: is a {kind}, not a regular file; only regular files are read"
    article = "an" if noun[0] in "aeiou" else "a"
    return f"{path}: is a {kind}, not a regular file; {article} {noun} must be a regular file"


def _missing(path: Path, noun: str) -> str:
    if path.is_symlink():
        return f"{path}: no such {noun}: it is a symbolic link to a missing file"
    folder = path.parent
    if not folder.exists():
        return f"{path}: no such {noun}: the folder {folder} does not exist"
    if not folder.is_dir():
        return f"{path}: no such {noun}: {folder} is not a folder"
    return f"{path}: no such {noun}"


def parse_toml(data: bytes, path: Path, error: type[MldwizardError]) -> dict[str, Any]:
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line, what = not_utf8(data, exc)
        raise error(f"{path}:{line}: {what}") from None
    exported = _export_of(text, path)
    if exported is not None:
        raise error(exported)
    found = scan(text)
    if found.too_deep is not None:
        at = found.too_deep
        raise error(
            f"{path}:{at.line}:{at.column}: {at.field or '(top level)'}: nested too deeply: "
            f"more than {MAX_DEPTH} levels of tables, keys and lists (a document needs 6)"
        )
    try:
        parsed = tomllib.loads(text)
    except RecursionError:  # not expected after the scan: a last resort
        raise error(f"{path}: invalid TOML: nested too deeply") from None
    except tomllib.TOMLDecodeError as exc:
        raise error(_conflict(text, path) or _syntax_error(str(exc), text, path, found)) from None
    except ValueError:  # Python reads no integer of more than 4,300 digits
        at = found.long_number or end_spot(text)
        raise error(
            f"{path}:{at.line}:{at.column}: {at.field or '(top level)'}: a number of more than "
            "4,300 digits; TOML integers are 64-bit (at most 19 digits)"
        ) from None
    problem = _out_of_range(parsed, "")
    if problem:
        raise error(f"{path}: {problem}")
    return parsed


_CONFLICT = re.compile(r"^(<{7}|\|{7}|>{7})(?: |$)", re.MULTILINE)
"""A line git writes into a file it could not merge (asked only of a file that does not parse:
an answer's text may hold such a line)."""


def _conflict(text: str, path: Path) -> str | None:
    """What to say of a file git left with an unresolved merge conflict (None: no marker)."""
    conflict = _CONFLICT.search(text)
    if conflict is None:
        return None
    line = text.count("\n", 0, conflict.start()) + 1
    return (
        f"{path}:{line}: an unresolved merge conflict (git's {conflict[1]} marker): keep what "
        "both sides wrote (both sides' changelog entries, in date order), delete the marker "
        "lines, then run `mldwizard check` and `mldwizard export` to write the Markdown again"
    )


_GENERATED = re.compile(
    r"\A(?:<!DOCTYPE html>\s*)?<!-- Generated by mldwizard from (.*?)(?: next to it)?; edit that"
)


def _export_of(text: str, path: Path) -> str | None:
    """What to say when ``path`` is a Markdown or HTML export (its first line says so),
    given where a document was expected: the TOML it was made from, by name."""
    found = _GENERATED.match(text[:1000].lstrip())
    if found is None:
        return None
    source = found[1]
    if source.startswith("the .toml file") or source.startswith("a design document"):
        source = path.with_suffix(".toml").name
    return (
        f"{path}: this is a file mldwizard generated from a document, not the document: "
        f"give the .toml file instead ({source})"
    )


def _syntax_error(message: str, text: str, path: Path, found: Scan) -> str:
    """tomllib's message with the file, line and column first; at the end of the file, the
    line where what is still open starts (a string, an array), or else the last line."""
    at = _AT_LINE.search(message)
    if at:
        return f"{path}:{at[1]}:{at[2]}: invalid TOML: {_AT_LINE.sub('', message).strip()}"
    if _AT_END in message:
        message = message.replace(_AT_END, "").strip()
        if found.open_at_end is not None:
            where, what = found.open_at_end
            field = f" ({where.field})" if where.field else ""
            return (
                f"{path}:{where.line}:{where.column}: invalid TOML: {message}: the file ends "
                f"before the {what} that starts here{field} is closed"
            )
        where = end_spot(text)
        return f"{path}:{where.line}:{where.column}: invalid TOML: {message} at the end of the file"
    return f"{path}: invalid TOML: {message}"


def not_utf8(data: bytes, exc: UnicodeDecodeError) -> tuple[int, str]:
    """The line of the first byte that is not UTF-8, and what to say about it: the byte's
    value, its column on that line (in characters) and its offset in the file."""
    start = exc.start
    line_start = data.rfind(b"\n", 0, start) + 1
    column = len(data[line_start:start].decode("utf-8", errors="replace")) + 1
    line = data.count(b"\n", 0, start) + 1
    return line, (
        f"not valid UTF-8: byte 0x{data[start]:02X} at column {column} (byte offset {start})"
    )


_PLAIN_MESSAGES = {
    "extra_forbidden": "unknown field",
    "missing": "required field is missing",
    "model_type": "expected a table",
    "model_attributes_type": "expected a table",
    "dict_type": "expected a table",
    "list_type": "expected a list",
    "string_type": "expected text",
    "int_type": "expected a whole number",
    "int_from_float": "expected a whole number",
    "float_type": "expected a number",
    "bool_type": "expected true or false",
    "date_type": "expected a date (YYYY-MM-DD)",
    "datetime_type": "expected a date-time such as 2026-01-31T09:00:00Z",
    "timezone_aware": "a date-time needs a time zone, such as 2026-01-31T09:00:00Z",
}


# Errors about a value's type: the message says what was found, as TOML writes it.
_TYPE_ERRORS = frozenset(
    {
        "model_type",
        "model_attributes_type",
        "dict_type",
        "list_type",
        "string_type",
        "int_type",
        "int_from_float",
        "float_type",
        "bool_type",
        "date_type",
        "datetime_type",
    }
)


def toml_shown(value: Any, limit: int = 40) -> str:
    """A value as TOML would write it (``true``, ``"90"``, ``1.0``), for a message."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        text = json.dumps(value if len(value) <= limit else value[:limit] + "…", ensure_ascii=False)
        return f"text {text}"
    if isinstance(value, dt.datetime):
        return f"the date-time {value.isoformat()}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list | tuple):
        return "a list"
    return type(value).__name__


INT64 = (-(2**63), 2**63 - 1)


def _out_of_range(value: Any, where: str) -> str | None:
    """TOML integers are 64-bit; Python reads larger ones that other tools reject."""
    if isinstance(value, int) and not isinstance(value, bool):
        if not INT64[0] <= value <= INT64[1]:
            shown = shown_name(str(value))
            return f"{where or 'a value'}: {shown} is outside TOML's 64-bit integer range"
    elif isinstance(value, dict):
        for key, item in value.items():
            found = _out_of_range(item, f"{where}.{shown_name(key)}" if where else shown_name(key))
            if found:
                return found
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found = _out_of_range(item, f"{where}[{i}]")
            if found:
                return found
    return None


def validation_messages(exc: ValidationError, prefix: str = "") -> list[str]:
    """One ``field.path: message`` line per pydantic error."""
    lines = []
    for err in exc.errors(include_url=False):
        loc = ""
        for part in err["loc"]:
            if isinstance(part, int):
                loc += f"[{part}]"
            elif not part.startswith("function-"):
                loc += f".{shown_name(part)}" if loc else shown_name(part)
        loc = f"{prefix}.{loc}" if prefix and loc else (prefix or loc)
        msg = _PLAIN_MESSAGES.get(err["type"], err["msg"])
        if err["type"] in _TYPE_ERRORS:
            msg += f", got {toml_shown(err['input'])}"
            if err["type"] in ("date_type", "datetime_type") and isinstance(err["input"], str):
                msg += " (TOML writes dates without quotes)"
        if err["type"] == "string_pattern_mismatch" and err.get("ctx", {}).get("pattern") == r"\S":
            msg = "must not be blank"
        elif err["type"] == "string_pattern_mismatch" and loc.endswith("handle"):
            msg = (
                f"{shown_repr(err['input'])} is not a valid handle: use ASCII letters, digits, "
                "'.', '_' and '-', starting with a letter or digit (e.g. ana or j.smith)"
            )
        if msg.startswith("Value error, "):
            msg = msg[len("Value error, ") :]
        lines.append(f"{loc or '(top level)'}: {msg}")
    return lines


def dumps(data: dict[str, Any]) -> str:
    """Serialise to TOML text; refuses text TOML cannot hold, naming the field."""
    _check_encodable(data, "")
    # tomli_w escapes C0 controls and DEL but writes C1 controls (0x9b is a CSI) and
    # bidirectional controls raw: escaped, the file stays faithful, safe to `cat`, and
    # its diffs read the same to every reviewer.
    return escape_toml(tomli_w.dumps(data, multiline_strings=True))


def _check_encodable(value: Any, where: str) -> None:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise MldwizardError(
                f"{where or 'a value'}: contains a character that cannot be saved "
                f"(code point U+{ord(value[exc.start]):04X} at position {exc.start}); "
                "nothing was written"
            ) from None
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_encodable(key, where)
            _check_encodable(item, f"{where}.{shown_name(key)}" if where else shown_name(key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _check_encodable(item, f"{where}[{i}]")
    elif isinstance(value, int) and _out_of_range(value, where):
        raise MldwizardError(str(_out_of_range(value, where)))
    elif isinstance(value, float) and value != value:  # NaN never reaches a document
        raise MldwizardError(f"{where}: not a number (NaN) cannot be saved")
    elif isinstance(value, dt.datetime) and value.tzinfo is None:
        raise MldwizardError(f"{where}: a date-time without a time zone cannot be saved")
