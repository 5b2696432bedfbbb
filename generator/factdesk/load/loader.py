"""Read one YAML record safely, keeping the line and column of every key and list item.

Scalars stay the text the contributor wrote (the models type them), so YAML's implicit
resolvers never turn `no` into False or `2023-13-01` into an error of the wrong kind.
Nodes are composed by libyaml, never constructed into Python objects by PyYAML.
Bad input never raises: it becomes diagnostics.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import yaml

from factdesk.diagnostics import Diagnostic

try:
    from yaml import CSafeLoader as _Loader

    # libyaml reports a reader error's offset in bytes of the UTF-8 it was given (its
    # marks count characters); PyYAML's pure-Python reader counts characters.
    _OFFSETS_IN_BYTES = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

    _OFFSETS_IN_BYTES = False

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


def _refused_characters() -> str:
    """The character class of what no record value may hold, even written as a YAML escape.

    C0 controls but TAB and LF (CR too: YAML turns every line break in a file into LF, so
    a CR in a value can only come from `\\r`, and it rewrites a terminal line), DEL, the
    C1 controls U+0080–U+009F (NEL, the terminal's CSI U+009B), surrogates (no UTF-8 for
    them), and the 66 non-characters (U+FDD0–U+FDEF and U+xxFFFE/U+xxFFFF, U+FFFE and
    U+FFFF among them). XML 1.0 cannot carry most of them, terminals obey some, and no
    fact-check text needs any. Listed in docs/diagnostics.md (FD002).
    """
    controls = "\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f"
    surrogates = "\\ud800-\\udfff"
    non_characters = "\\ufdd0-\\ufdef" + "".join(
        f"\\U{plane:04X}FFFE-\\U{plane:04X}FFFF" for plane in range(0x11)
    )
    return f"[{controls}{surrogates}{non_characters}]"


REFUSED = re.compile(_refused_characters())
# What the YAML reader lets through of REFUSED, and more (plane 2 and up): a quick screen.
_RAW_SUSPECTS = re.compile("[\x85\ufdd0-\ufdef\ufffe\uffff\U0001fffe-\U0010ffff]")


def _may_hold_refused(text: str) -> bool:
    """Whether any value of this text, which the reader accepted, may hold a refused
    character: only through an escape, or as one of the few the reader lets through.
    Almost every file has neither, and then no value is searched (searching each costs
    more than the rest of loading)."""
    if "\\" in text:
        return True
    return not text.isascii() and _RAW_SUSPECTS.search(text) is not None


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
    # Every value is ASCII: the file is ASCII and holds no backslash, so no escape can
    # write another character. Rules that look for non-ASCII characters skip such files.
    ascii_values: bool = False

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


class NotRegularFile(OSError):
    """The path is a FIFO, socket, device or folder: reading it could block or never end."""

    def __init__(self, kind: str) -> None:
        super().__init__(f"not a regular file: {kind}")
        self.kind = kind


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISLNK, "a symbolic link"),
)


def file_kind(mode: int) -> str | None:
    """What a file-system entry is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


# Opening a FIFO for reading blocks until a writer comes; non-blocking, it returns at once
# and fstat then tells what it is.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def read_capped(path: str | os.PathLike[str]) -> bytes:
    """A regular file's bytes, never more than MAX_BYTES + 1 whatever its size (more than
    MAX_BYTES is refused whatever it holds). Raises NotRegularFile for anything else, and
    OSError."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError:
        kind = file_kind(os.stat(path).st_mode)  # a socket cannot be opened at all
        if kind is not None:
            raise NotRegularFile(kind) from None
        raise
    with os.fdopen(fd, "rb") as handle:
        kind = file_kind(os.fstat(fd).st_mode)
        if kind is not None:
            raise NotRegularFile(kind)
        return handle.read(MAX_BYTES + 1)


def load_file(path: str | os.PathLike[str], display: str, *, allow_tags: bool = False) -> Loaded:
    """Load a record file; `display` is the path shown in diagnostics."""
    out = Loaded(display)
    try:
        raw = read_capped(path)
    except NotRegularFile as exc:
        out.error("FD042", (1, 1), not_regular_message(exc.kind), NOT_REGULAR_HINT)
        return out
    except OSError as exc:
        out.error("FD001", (1, 1), f"cannot read the file: {exc.strerror}", "check permissions")
        return out
    return load_bytes(raw, display, allow_tags=allow_tags, into=out)


NOT_REGULAR_HINT = (
    "a record is an ordinary text file: replace it with one, or move it out of claims/ and sources/"
)


def not_regular_message(kind: str) -> str:
    return f"this is {kind}, not a regular file, so it is not read as a record"


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
    out.ascii_values = text.isascii() and "\\" not in text
    out.data = _Converter(out, allow_tags, _may_hold_refused(text)).mapping(node, ())
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
        # Everything before the bad byte is valid UTF-8: count its characters, not bytes.
        before = raw[: exc.start].decode("utf-8")
        out.error(
            "FD002",
            _offset_pos(before, len(before)),
            f"byte 0x{raw[exc.start]:02x} is not valid UTF-8; records must be UTF-8 text",
            "re-save the file as UTF-8 in your editor; a binary file does not belong in claims/ "
            "or sources/",
        )
        return None


def _check_line_endings(text: str, out: Loaded) -> None:
    """Mixed or old-Mac line endings make editors and YAML count lines differently."""
    crlf = text.count("\r\n")
    lone_cr = text.count("\r") - crlf
    if lone_cr and "\n" not in text:
        # Every line ends in CR alone: consistent, but only old Mac OS wrote files so, and
        # tools that count LF see one long line.
        out.error(
            "FD110",
            (1, 1),
            "the file ends its lines with CR alone (old Mac OS line endings)",
            "set your editor to LF line endings and re-save the file",
        )
    elif lone_cr or (crlf and text.count("\n") != crlf):
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
    """Walk the event stream (iterative, never expands aliases): anchors, aliases, depth,
    the number of values. False (with the diagnostic) at the first limit crossed."""
    counts = _Counts()
    try:
        for event in yaml.parse(text, Loader=_Loader):
            refusal = _refusal(event, counts, allow_anchors=allow_anchors)
            if refusal is not None:
                out.error(refusal[0], _mark(event.start_mark), refusal[1], refusal[2])
                return False
    except yaml.YAMLError:
        pass  # composing reports syntax errors with their position
    return True


@dataclass
class _Counts:
    depth: int = 0
    values: int = 0


def _refusal(
    event: yaml.Event, counts: _Counts, *, allow_anchors: bool
) -> tuple[str, str, str] | None:
    """(code, message, hint) when this event crosses a limit; counts what it opens."""
    anchor = getattr(event, "anchor", None)
    if not allow_anchors and (isinstance(event, yaml.AliasEvent) or anchor):
        return (
            "FD005",
            f"anchors and aliases (&{anchor or ''} / *{anchor or ''}) are not allowed in records",
            "write the value out in full where it is needed; a record must read the "
            "same to a person as to the machine",
        )
    if isinstance(event, yaml.ScalarEvent):
        counts.values += 1
        if counts.values > MAX_VALUES:
            return (
                "FD041",
                f"the file holds more than {MAX_VALUES:,} values",
                "a record holds a few hundred values at most; split the material up",
            )
    elif isinstance(event, yaml.CollectionStartEvent):
        counts.depth += 1
        if counts.depth > MAX_DEPTH:
            return ("FD009", f"the data is nested more than {MAX_DEPTH} levels deep", _DEEP_HINT)
    elif isinstance(event, yaml.CollectionEndEvent):
        counts.depth -= 1
    return None


def _compose(text: str, out: Loaded) -> yaml.Node | None:
    try:
        # PyYAML's pure-Python reader checks every character when it is made.
        loader = _TextLoader(text)
    except yaml.YAMLError as exc:
        _syntax_error(exc, text, out)
        return None
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
            _offset_pos(text, _char_offset(text, exc.position)),
            f"{_describe(_character(exc.character))} is not allowed in YAML text",
            "remove control characters; paste plain text",
        )
        return
    if "invalid Unicode character escape" in str(problem):
        # libyaml refuses `\ud800`-style escapes itself: a surrogate is not a character.
        out.error(
            "FD002",
            pos,
            "a \\u escape writes half of a UTF-16 surrogate pair, which is not a character",
            "write the character itself, or its \\U00XXXXXX escape, instead of two \\u halves",
        )
        return
    out.error("FD003", pos, f"YAML syntax error: {problem}", _syntax_hint(str(problem)))


def _describe(character: str) -> str:
    """`U+0007 (a control character)`: the code point and what kind of character it is."""
    number = ord(character)
    if 0xD800 <= number <= 0xDFFF:
        kind = "half of a UTF-16 surrogate pair, not a character"
    elif unicodedata.category(character) == "Cc":
        kind = "a control character"
    else:
        kind = "a Unicode non-character"
    return f"{_codepoint(character)} ({kind})"


def _character(character: int | str) -> str:
    return chr(character) if isinstance(character, int) else character


def _codepoint(character: int | str) -> str:
    number = character if isinstance(character, int) else ord(character)
    return f"U+{number:04X}"


def _char_offset(text: str, offset: int | None) -> int | None:
    """A reader error's offset in characters of `text`."""
    if offset is None or not _OFFSETS_IN_BYTES:
        return offset
    return len(text.encode("utf-8")[:offset].decode("utf-8", errors="ignore"))


# What YAML counts as a line break, so that positions agree with libyaml's marks.
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _offset_pos(text: str, offset: int | None) -> Pos:
    """(line, column) of a character offset, both counted in characters from 1."""
    if offset is None:
        return (1, 1)
    breaks = list(_BREAK.finditer(text, 0, offset))
    start = breaks[-1].end() if breaks else 0
    return (len(breaks) + 1, offset - start + 1)


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

    def __init__(self, out: Loaded, allow_tags: bool, screen: bool = True) -> None:
        self.out = out
        self.allow_tags = allow_tags
        self.screen = screen  # whether scalars may hold refused characters

    def text(self, node: yaml.ScalarNode, what: str) -> str:
        """The scalar's text; a refused character in it is FD002 at the scalar and is
        replaced by U+FFFD, so nothing after the loader (a message echoing the value, a
        page, the feed) ever holds it, while the rest of the record is still checked."""
        value: str = node.value
        if not self.screen:
            return value
        found = REFUSED.search(value)
        if found is None:
            return value
        self.out.error(
            "FD002",
            _mark(node.start_mark),
            f"the {what} holds {_describe(found.group())}, which records cannot hold "
            "(written as a YAML escape or pasted)",
            "delete it; an escape such as \\a, \\e, \\0 or \\x01 in double quotes writes "
            "such a character; use \\t or \\n for a tab or a new line",
        )
        return REFUSED.sub("\ufffd", value)

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
            return None if node.tag == _NULL and not node.style else self.text(node, "value")
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
            key = self.text(key_node, "key") if self.screen else key_node.value
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
                if plain_null:
                    result[key] = None
                elif self.screen:
                    result[key] = self.text(value_node, "value")
                else:
                    result[key] = value_node.value
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
