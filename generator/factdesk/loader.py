"""Read one YAML record safely, keeping the line and column of every key and list item.

Scalars stay the text the contributor wrote (the models type them), so YAML's implicit
resolvers never turn `no` into False or `2023-13-01` into an error of the wrong kind.
Nodes are composed by libyaml, never constructed into Python objects by PyYAML.
Bad input never raises: it becomes diagnostics.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

import yaml

from factdesk.diagnostics import Diagnostic

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 32
MAX_ITEMS = 1000  # per list: bounds the work and the diagnostics one file can cause
MAX_VALUES = 20_000  # per file: bounds the memory one file can take (a record has ~200)
# Files with this many commas and lines get their values counted before composing.
_VALUES_SCAN_THRESHOLD = 5_000
# Above this many nesting openers a file gets an exact depth scan before composing:
# libyaml's composer recurses in C and crashes the interpreter on ~100,000 levels.
_NESTING_SCAN_THRESHOLD = 256

_Y = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_Y + t for t in ("str", "int", "float", "bool", "null", "timestamp", "merge")}
_SEQ, _MAP, _NULL, _STR = _Y + "seq", _Y + "map", _Y + "null", _Y + "str"
_FAST_TAGS = frozenset((_STR, _NULL))
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))


class _TextLoader(_Loader):
    """libyaml's composer with a resolver that only tells null from text.

    PyYAML's resolver runs a Python regex per scalar to find ints, floats, booleans and
    timestamps; factdesk keeps every scalar as text, so that work was a third of the
    parse time.
    """

    # Path-based resolvers are never registered; skip the per-node bookkeeping.
    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            return _NULL if implicit[0] and value in _NULLS else _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP


_DEEP_HINT = "records are at most a few levels deep; check the indentation and brackets"

Loc = tuple[str | int, ...]
Pos = tuple[int, int]
# key line, key column, value line, value column (the same for list items)
Place = tuple[int, int, int, int]


@dataclass
class Loaded:
    """One file's data (None when it could not be read) with positions and problems."""

    path: str
    data: dict[str, Any] | None = None
    positions: dict[Loc, Place] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def pos(self, loc: Loc, *, key: bool = False) -> Pos:
        """Where the value at `loc` starts (or its key, with key=True); if `loc` is not in
        the file, its nearest ancestor's key."""
        place = self.positions.get(tuple(loc))
        if place is not None:
            return (place[0], place[1]) if key else (place[2], place[3])
        loc = tuple(loc)[:-1]
        while loc:
            place = self.positions.get(loc)
            if place is not None:
                return (place[0], place[1])
            loc = loc[:-1]
        return (1, 1)

    def error(
        self, code: str, at: Loc | Pos, message: str, hint: str, *, key: bool = False
    ) -> None:
        pos = at if _is_pos(at) else self.pos(at, key=key)
        self.diagnostics.append(Diagnostic.make(code, self.path, pos, message, hint))  # type: ignore[arg-type]


def _is_pos(value: tuple[Any, ...]) -> bool:
    return len(value) == 2 and all(type(v) is int for v in value) and value[0] >= 1


def _mark(mark: Any) -> Pos:
    return (mark.line + 1, mark.column + 1)


def read_capped(path: str | os.PathLike[str]) -> bytes:
    """A file's bytes, never more than MAX_BYTES + 1 whatever its size (more than
    MAX_BYTES is refused whatever it holds). Raises OSError."""
    with open(path, "rb") as handle:
        return handle.read(MAX_BYTES + 1)


def load_file(path: str | os.PathLike[str], display: str, *, allow_tags: bool = False) -> Loaded:
    """Load a record file; `display` is the path shown in diagnostics."""
    out = Loaded(display)
    try:
        raw = read_capped(path)
    except OSError as exc:
        out.error("FD001", (1, 1), f"cannot read the file: {exc.strerror}", "check permissions")
        return out
    return load_bytes(raw, display, allow_tags=allow_tags, into=out)


def load_bytes(
    raw: bytes, display: str, *, allow_tags: bool = False, into: Loaded | None = None
) -> Loaded:
    out = into or Loaded(display)
    if len(raw) > MAX_BYTES:
        out.error(
            "FD001",
            (1, 1),
            f"file is over {MAX_BYTES:,} bytes (1 MiB)",
            "shorten the analysis, or link to a source instead of pasting it",
        )
        return out
    text = _decode(raw, out)
    if text is None:
        return out
    _check_line_endings(text, out)
    if _needs_event_scan(text) and not _scan_events(text, out, allow_anchors=allow_tags):
        return out
    node = _compose(text, out)
    if node is None:
        return out
    if not isinstance(node, yaml.MappingNode):
        kind = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
        out.error(
            "FD008",
            _mark(node.start_mark),
            f"the top level of a record must be a mapping of field: value, found {kind}",
            "start the file with `id: <record-id>` and put every field at the left margin",
        )
        return out
    out.positions[()] = (1, 1, 1, 1)
    out.data = _Converter(out, allow_tags).mapping(node, ())
    return out


def _decode(raw: bytes, out: Loaded) -> str | None:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        out.error(
            "FD107",
            (1, 1),
            "the file starts with a byte-order mark (an invisible character)",
            "re-save the file as UTF-8 without BOM; `factdesk fmt` writes files without it",
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        out.error(
            "FD002",
            (line, col),
            f"byte 0x{raw[exc.start]:02x} is not valid UTF-8; records must be UTF-8 text",
            "re-save the file as UTF-8 in your editor; a binary file does not belong in claims/ "
            "or sources/",
        )
        return None


def _check_line_endings(text: str, out: Loaded) -> None:
    """Mixed or old-Mac line endings make editors and YAML count lines differently."""
    crlf = text.count("\r\n")
    lone_cr = text.count("\r") - crlf
    if lone_cr or (crlf and text.count("\n") != crlf):
        at = text.find("\r")
        out.error(
            "FD108",
            (text.count("\n", 0, at) + 1, 1),
            "the file mixes line endings (CR, LF and CR LF)",
            "set your editor to LF line endings and re-save the file",
        )


def _needs_event_scan(text: str) -> bool:
    if "&" in text or "*" in text:
        return True
    openers = text.count("[") + text.count("{") + text.count("- ")
    separators = text.count(",") + text.count("\n")
    return openers > _NESTING_SCAN_THRESHOLD or separators > _VALUES_SCAN_THRESHOLD


def _scan_events(text: str, out: Loaded, *, allow_anchors: bool) -> bool:
    """Walk the event stream (iterative, never expands aliases): anchors, aliases, depth."""
    depth = values = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            alias = isinstance(event, yaml.AliasEvent)
            if not allow_anchors and (alias or getattr(event, "anchor", None)):
                name = getattr(event, "anchor", "")
                out.error(
                    "FD005",
                    _mark(event.start_mark),
                    f"anchors and aliases (&{name} / *{name}) are not allowed in records",
                    "write the value out in full where it is needed; a record must read the "
                    "same to a person as to the machine",
                )
                return False
            if isinstance(event, yaml.ScalarEvent):
                values += 1
                if values > MAX_VALUES:
                    out.error(
                        "FD041",
                        _mark(event.start_mark),
                        f"the file holds more than {MAX_VALUES:,} values",
                        "a record holds a few hundred values at most; split the material up",
                    )
                    return False
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    out.error(
                        "FD009",
                        _mark(event.start_mark),
                        f"the data is nested more than {MAX_DEPTH} levels deep",
                        _DEEP_HINT,
                    )
                    return False
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        pass  # composing reports syntax errors with their position
    return True


def _compose(text: str, out: Loaded) -> yaml.Node | None:
    loader = _TextLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as exc:
        _syntax_error(exc, text, out)
        return None
    except RecursionError:
        out.error("FD009", (1, 1), "the data is nested too deeply to read", _DEEP_HINT)
        return None
    finally:
        loader.dispose()
    if node is None:
        out.error(
            "FD008",
            (1, 1),
            "the file is empty",
            "a record needs at least `id:`; `factdesk new claim ID` writes a skeleton",
        )
    return node


def _syntax_error(exc: yaml.YAMLError, text: str, out: Loaded) -> None:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    pos = _mark(mark) if mark is not None else (1, 1)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    if isinstance(exc, yaml.composer.ComposerError) and "single document" in str(exc):
        out.error(
            "FD007",
            pos,
            "the file holds more than one YAML document (a second `---`)",
            "put each record in its own file; remove the `---` line",
        )
        return
    if "maximum nesting depth" in str(problem):
        # libyaml 0.2.6 (PyYAML 6.0.3+) stops at 1,000 nested collections itself.
        out.error("FD009", pos, "the data is nested too deeply to read", _DEEP_HINT)
        return
    if isinstance(exc, yaml.reader.ReaderError):
        out.error(
            "FD002",
            _offset_pos(text, exc.position),
            f"character {_codepoint(exc.character)} is not allowed in YAML text",
            "remove control characters; paste plain text",
        )
        return
    out.error("FD003", pos, f"YAML syntax error: {problem}", _syntax_hint(str(problem)))


def _codepoint(character: int | str) -> str:
    number = character if isinstance(character, int) else ord(character)
    return f"U+{number:04X}"


def _offset_pos(text: str, offset: int | None) -> Pos:
    if offset is None:
        return (1, 1)
    line = text.count("\n", 0, offset) + 1
    return (line, offset - (text.rfind("\n", 0, offset) + 1) + 1)


def _syntax_hint(problem: str) -> str:
    if "mapping values are not allowed" in problem:
        return "text that contains ': ' must be quoted: put the whole value in double quotes"
    if "tab" in problem:
        return "indent with spaces, not tabs"
    if "could not find expected ':'" in problem:
        return "each line of a mapping needs `field: value`; long text can use `>-` blocks"
    if "found character '@'" in problem or "found character '`'" in problem:
        return "a value starting with @ or ` must be quoted"
    return "check the indentation and quoting on this line and the one above"


class _Converter:
    """Node tree → plain dicts, lists and str, recording positions and node problems."""

    def __init__(self, out: Loaded, allow_tags: bool) -> None:
        self.out = out
        self.allow_tags = allow_tags

    def node(self, node: yaml.Node, loc: Loc, depth: int = 0) -> Any:
        if depth > MAX_DEPTH:
            self.out.error(
                "FD009",
                _mark(node.start_mark),
                f"the data is nested more than {MAX_DEPTH} levels deep",
                _DEEP_HINT,
            )
            return None
        if isinstance(node, yaml.ScalarNode):
            self._check_tag(node, _PLAIN_TAGS)
            return None if node.tag == _NULL and not node.style else node.value
        if isinstance(node, yaml.SequenceNode):
            self._check_tag(node, {_SEQ})
            if len(node.value) > MAX_ITEMS:
                self.out.error(
                    "FD041",
                    _mark(node.start_mark),
                    f"the list has {len(node.value):,} items; the limit is {MAX_ITEMS:,}",
                    "a record cites at most a few dozen things; split the material up",
                )
                return None
            items = []
            for index, child in enumerate(node.value):
                self.out.positions[(*loc, index)] = _mark(child.start_mark) * 2
                items.append(self.node(child, (*loc, index), depth + 1))
            return items
        self._check_tag(node, {_MAP})
        assert isinstance(node, yaml.MappingNode)
        return self.mapping(node, loc, depth)

    def mapping(self, node: yaml.MappingNode, loc: Loc, depth: int = 0) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, Pos] = {}
        positions = self.out.positions
        for key_node, value_node in node.value:
            key_pos = _mark(key_node.start_mark)
            if not isinstance(key_node, yaml.ScalarNode):
                self.out.error(
                    "FD014", key_pos, "a key must be a plain name", "write `name: value`"
                )
                continue
            key = key_node.value
            if key in first_seen:
                line = first_seen[key][0]
                self.out.error(
                    "FD004",
                    key_pos,
                    f"duplicate key '{key}' (first at line {line}); YAML would silently keep "
                    "only the last one",
                    f"merge the two '{key}' entries into one, or remove one of them",
                )
                continue
            first_seen[key] = key_pos
            child_loc = (*loc, key)
            if type(value_node) is yaml.ScalarNode and value_node.tag in _FAST_TAGS:
                # The common case, inlined: a plain text value.
                mark = value_node.start_mark
                positions[child_loc] = (*key_pos, mark.line + 1, mark.column + 1)
                plain_null = value_node.tag == _NULL and not value_node.style
                result[key] = None if plain_null else value_node.value
                continue
            positions[child_loc] = key_pos + key_pos
            result[key] = self.node(value_node, child_loc, depth + 1)
        return result

    def _check_tag(self, node: yaml.Node, allowed: set[str]) -> None:
        if self.allow_tags or node.tag in allowed:
            return
        self.out.error(
            "FD006",
            _mark(node.start_mark),
            f"YAML tag '{node.tag}' is not allowed; records hold plain text, lists and mappings",
            "remove the `!tag` before the value; quote the value if it starts with `!`",
        )
