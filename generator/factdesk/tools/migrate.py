"""`factdesk migrate`: rewrite records written for an older schema version, comments kept.

The operations are data (records/migrations.py); this module applies them to each file
with ruamel.yaml's round trip, as `fmt` does. A migrated file is written only when
factdesk's loader, reading it back, finds every value of the original where the steps say
it goes; an operation that would drop a value is refused with FD053 and the file is left
as it is. The desk's declared version in mkdocs.yml is raised by editing that one line.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString
from ruamel.yaml.tokens import CommentToken

from factdesk.diagnostics import Diagnostic
from factdesk.load.discover import discover
from factdesk.load.loader import Loaded, Loc, load_bytes, load_file, read_capped
from factdesk.load.site_config import CONFIG_FILE, factdesk_options, read_settings
from factdesk.records import migrations
from factdesk.records.migrations import EVERY_ITEM, Move, Operation, Remove, Step, Wrap
from factdesk.records.models import BY_KIND, RecordKind
from factdesk.tools.fmt import UNSAFE_TO_REWRITE, reorder, round_trip_yaml


class Refused(Exception):
    """An operation that would lose a value: the file is left as it is."""

    def __init__(self, loc: Loc, message: str, hint: str) -> None:
        super().__init__(message)
        self.loc, self.message, self.hint = loc, message, hint


@dataclass
class FileMigration:
    rel: str
    changes: list[str] = field(default_factory=list)  # what moved, for the report
    text: str | None = None  # the migrated text, when it differs and is safe to write
    diagnostics: list[Diagnostic] = field(default_factory=list)


# ---- places in a ruamel document -------------------------------------------------------


def _places(node: Any, pattern: tuple[str, ...], loc: Loc = ()) -> list[tuple[Any, str, Loc]]:
    """(mapping, key, loc) of every place the path pattern names that exists."""
    head, rest = pattern[0], pattern[1:]
    if head == EVERY_ITEM:
        if not isinstance(node, CommentedSeq):
            return []
        found: list[tuple[Any, str, Loc]] = []
        for index, item in enumerate(node):
            found += _places(item, rest, (*loc, index)) if rest else []
        return found
    if not isinstance(node, CommentedMap) or head not in node:
        return []
    if not rest:
        return [(node, head, (*loc, head))]
    return _places(node[head], rest, (*loc, head))


def _parent_for(document: Any, target: Loc) -> CommentedMap:
    """The mapping that holds `target`'s last key, made where the path has none yet."""
    node = document
    for part in target[:-1]:
        if isinstance(part, int):
            if not isinstance(node, CommentedSeq) or part >= len(node):
                raise Refused(target, "the place it moves to is not in this record", _BY_HAND)
            node = node[part]
            continue
        if not isinstance(node, CommentedMap):
            raise Refused(target, f"'{part}' is not a mapping of fields here", _BY_HAND)
        if node.get(part) is None:
            node[part] = CommentedMap()
        node = node[part]
    if not isinstance(node, CommentedMap):
        raise Refused(target, "the place it moves to is not a mapping of fields", _BY_HAND)
    return node


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str | list | dict) and not value)


def _shift_comment(mapping: CommentedMap, key: str, by: int) -> None:
    """An end-of-line comment keeps its distance from a value whose key grew or shrank."""
    slot = mapping.ca.items.get(key)
    token = slot[2] if slot and len(slot) > 2 else None
    if token is not None and not token.value.startswith("\n"):
        token.column = max(0, token.column + by)


def _comment_lines(tokens: Any) -> list[str]:
    """The text of ruamel comment tokens, one comment per item, without the `#`."""
    found = tokens if isinstance(tokens, list) else [tokens]
    text = "".join(token.value for token in found if token is not None)
    lines = [line.strip() for line in text.splitlines()]
    return [line.removeprefix("#").removeprefix(" ") for line in lines if line]


def _drop(mapping: CommentedMap, key: str, column: int) -> None:
    """Delete a key, keeping the comments ruamel filed under it: those before it, its own
    end-of-line comment and the full-line comments after its value, which introduce the
    next key. They are put before the next key (or after the value now last)."""
    keys = list(mapping)
    slot = mapping.ca.items.pop(key, None) or [None, None, None, None]
    del mapping[key]
    lines = _comment_lines(slot[1]) + _comment_lines(slot[2])
    following = keys[keys.index(key) + 1 :]
    if lines and following:
        mapping.yaml_set_comment_before_after_key(following[0], "\n".join(lines), column)
    elif lines:
        _append_end_comment(mapping, lines, column)


def _carry(mapping: CommentedMap, key: str, parent: CommentedMap, new_key: str, depth: int) -> None:
    """A key moved to another mapping takes the comments that are about it: those before
    it and its end-of-line comment. The full-line comments after its value stay, since
    they introduce the key that followed it."""
    slot = mapping.ca.items.get(key)
    if slot is None:
        return
    before, slot[1] = _comment_lines(slot[1]), None
    token = slot[2]
    if token is not None and not token.value.startswith("\n"):
        own, _, rest = token.value.partition("\n")
        parent.yaml_add_eol_comment(own, new_key)
        token.value = "\n" + rest
    if before:
        parent.yaml_set_comment_before_after_key(new_key, "\n".join(before), 2 * depth)


def _append_end_comment(mapping: CommentedMap, lines: list[str], column: int) -> None:
    """Comments after the last key of a mapping: kept after the value now last."""
    last = list(mapping)[-1] if mapping else None
    if last is None or isinstance(mapping[last], CommentedMap | CommentedSeq):
        return  # no scalar to hang them on; the values are verified kept regardless
    text = "".join(f"{' ' * column}# {line}\n" for line in lines)
    slot = mapping.ca.items.setdefault(last, [None, None, None, None])
    earlier = slot[2].value if slot[2] is not None else "\n"
    slot[2] = CommentToken(earlier + text, column=0)


# ---- operations ------------------------------------------------------------------------


def _move(document: Any, op: Move, before: Loaded, changes: list[str]) -> None:
    for mapping, key, loc in _places(document, migrations.segments(op.path)):
        target = migrations.concrete(migrations.segments(op.to), migrations.indexes_of(loc))
        parent, new_key = _parent_for(document, target), str(target[-1])
        value = mapping[key]
        if new_key in parent and parent[new_key] != value:
            raise Refused(
                loc,
                f"'{key}' moves to {_dotted(target)}, which holds another value already",
                f"keep one of the two values by hand, then run migrate again; {_BY_HAND}",
            )
        if parent is mapping:
            position = list(mapping).index(key)
            slot = mapping.ca.items.pop(key, None)
            mapping.insert(position, new_key, value)
            if slot is not None:
                mapping.ca.items[new_key] = slot
                _shift_comment(mapping, new_key, len(new_key) - len(key))
            del mapping[key]
        else:
            parent[new_key] = value
            _carry(mapping, key, parent, new_key, len(target) - 1)
            _drop(mapping, key, before.pos(loc, key=True)[1] - 1)
        changes.append(f"{_dotted(loc)} → {_dotted(target)}")


def _remove(document: Any, op: Remove, before: Loaded, changes: list[str]) -> None:
    for mapping, key, loc in _places(document, migrations.segments(op.path)):
        value = mapping[key]
        if not _empty(value):
            if op.into is None:
                raise Refused(
                    loc,
                    f"'{key}' is no longer a field and this record has a value in it",
                    f"move its content where it belongs by hand, then run migrate again; "
                    f"{_BY_HAND}",
                )
            _merge(document, op.into, loc, value)
            changes.append(f"{_dotted(loc)} appended to {op.into}")
        else:
            changes.append(f"{_dotted(loc)} removed (empty)")
        _drop(mapping, key, before.pos(loc, key=True)[1] - 1)


def _merge(document: Any, into: str, loc: Loc, value: Any) -> None:
    target = migrations.concrete(migrations.segments(into), migrations.indexes_of(loc))
    parent, key = _parent_for(document, target), str(target[-1])
    old = parent.get(key)
    if not isinstance(value, str) or not (old is None or isinstance(old, str)):
        raise Refused(
            loc,
            f"'{loc[-1]}' goes into {_dotted(target)}, and only text can be appended to text",
            _BY_HAND,
        )
    text = value if _empty(old) else f"{str(old).rstrip()}\n\n{value}"
    parent[key] = LiteralScalarString(text) if "\n" in text else text


def _wrap(document: Any, op: Wrap, changes: list[str]) -> None:
    for mapping, key, loc in _places(document, migrations.segments(op.path)):
        if not isinstance(mapping[key], CommentedSeq) and not _empty(mapping[key]):
            mapping[key] = CommentedSeq([mapping[key]])
            changes.append(f"{_dotted(loc)} became a list")


def _apply(document: Any, op: Operation, before: Loaded, changes: list[str]) -> None:
    if isinstance(op, Move):
        _move(document, op, before, changes)
    elif isinstance(op, Remove):
        _remove(document, op, before, changes)
    else:
        _wrap(document, op, changes)


# ---- one record ------------------------------------------------------------------------


def migrate_record(raw: bytes, kind: RecordKind, rel: str, steps: list[Step]) -> FileMigration:
    """The record's text after `steps`, with what changed; refused (FD053) when a value
    would be lost or the file cannot be rewritten exactly."""
    result = FileMigration(rel)
    before = load_bytes(raw, rel)
    if before.data is None or any(d.code in UNSAFE_TO_REWRITE for d in before.diagnostics):
        result.diagnostics = [d for d in before.diagnostics if d.is_error]
        return result
    ops = [(step, op) for step in steps for op in step.operations if op.kind == kind]
    if not any(_places_in(before.data, op) for _, op in ops):
        return result  # nothing to do: the file is not even parsed for a round trip
    yaml = round_trip_yaml()
    document = yaml.load(raw.decode("utf-8-sig"))
    for step, op in ops:
        try:
            _apply(document, op, before, result.changes)
        except Refused as refused:
            result.changes = []
            result.diagnostics.append(_refusal(before, refused, step))
            return result
    model = BY_KIND[kind].model
    reorder(document, model, model, ())  # moved keys take their place, as `fmt` writes them
    buffer = io.StringIO()
    yaml.dump(document, buffer)
    lost = _lost(before.data, load_bytes(buffer.getvalue().encode(), rel).data, kind, steps)
    if lost is not None:
        result.changes = []
        kept = Refused(lost, "the rewritten record would not keep this value", _BY_HAND)
        result.diagnostics.append(_refusal(before, kept, steps[-1]))
        return result
    if buffer.getvalue().encode("utf-8") != raw:
        result.text = buffer.getvalue()
    return result


def _places_in(data: dict[str, Any], op: Operation) -> bool:
    """Whether the operation's path exists in the loader's data (plain dicts and lists)."""
    pattern = migrations.segments(op.path)

    def walk(node: Any, rest: tuple[str, ...]) -> bool:
        if not rest:
            return True
        head = rest[0]
        if head == EVERY_ITEM:
            return isinstance(node, list) and any(walk(item, rest[1:]) for item in node)
        return isinstance(node, dict) and head in node and walk(node[head], rest[1:])

    return walk(data, pattern)


def leaves(node: Any, loc: Loc = ()) -> list[tuple[Loc, Any]]:
    """Every scalar of a record's data with its place (None for an empty value)."""
    if isinstance(node, dict):
        return [leaf for key, value in node.items() for leaf in leaves(value, (*loc, key))]
    if isinstance(node, list):
        return [leaf for index, item in enumerate(node) for leaf in leaves(item, (*loc, index))]
    return [(loc, node)]


def value_at(data: Any, loc: Loc) -> Any:
    node = data
    for part in loc:
        if isinstance(part, int):
            if not isinstance(node, list) or part >= len(node):
                return None
        elif not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def _lost(before: Any, after: Any, kind: RecordKind, steps: list[Step]) -> Loc | None:
    """The first value of `before` that is not where the steps say it goes in `after`."""
    merged = {
        place
        for loc, _ in leaves(before)
        for place, into in [migrations.new_place(kind, loc, steps)]
        if into
    }
    for loc, value in leaves(before):
        place, _ = migrations.new_place(kind, loc, steps)
        if place is None:
            if not _empty(value):
                return loc
            continue
        now = value_at(after, place)
        kept = now == value or (
            place in merged and isinstance(now, str) and str(value or "") in now
        )
        if not kept:
            return loc
    return None


def _refusal(before: Loaded, refused: Refused, step: Step) -> Diagnostic:
    where = _dotted(refused.loc[:-1])
    return Diagnostic.make(
        "FD053",
        before.path,
        before.pos(refused.loc, key=True),
        f"{where + ': ' if where else ''}{refused.message}; the file was left as it is "
        f"(schema version {step.version}: {step.description})",
        refused.hint,
    )


def migrate_file(path: Path, kind: RecordKind, rel: str, steps: list[Step]) -> FileMigration:
    try:
        raw = read_capped(path)
    except OSError:
        return FileMigration(rel, diagnostics=load_file(path, rel).diagnostics)
    return migrate_record(raw, kind, rel, steps)


def _dotted(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


_BY_HAND = "see Upgrading in the factdesk manual"


# ---- the desk's declared version -------------------------------------------------------

_VERSION_VALUE = re.compile(r"""(["']?)\d+\1""")
_VERSION_COMMENT = "# The record schema version the records are written for (factdesk migrate)."


def declare_version(text: str, version: int) -> str | None:
    """mkdocs.yml's text with the factdesk plugin's `schema_version` set to `version`,
    edited in place so every other byte (comments, layout, tags) stays; None when the
    file has no factdesk plugin in a shape that can be edited safely."""
    loaded = load_bytes(text.encode("utf-8"), CONFIG_FILE, allow_tags=True)
    if loaded.data is None:
        return None
    options, base = factdesk_options(loaded)
    if not base:
        return None
    lines = text.splitlines(keepends=True)
    if "schema_version" in options:
        line, column = loaded.pos((*base, "schema_version"))
        row = lines[line - 1]
        found = _VERSION_VALUE.match(row, column - 1)
        if found is None:
            return None
        lines[line - 1] = row[: found.start()] + str(version) + row[found.end() :]
    elif options:
        line, column = loaded.pos((*base, next(iter(options))), key=True)
        if line == loaded.pos(base, key=True)[0]:
            return None  # options written on the plugin's own line (flow style)
        indent = " " * (column - 1)
        lines[line - 1 : line - 1] = [
            f"{indent}{_VERSION_COMMENT}\n",
            f"{indent}schema_version: {version}\n",
        ]
    else:
        line, column = loaded.pos(base, key=isinstance(base[-1], str))
        row = lines[line - 1].rstrip("\r\n")
        if isinstance(base[-1], int):  # `- factdesk`, a name without options
            end = column - 1 + len("factdesk")
            row = f"{row[:end]}:{row[end:]}"
        indent = " " * (column + 1)
        lines[line - 1] = f"{row}\n{indent}schema_version: {version}\n"
    return "".join(lines)


def _declared_in(text: str) -> tuple[Any, dict[str, Any] | None]:
    loaded = load_bytes(text.encode("utf-8"), CONFIG_FILE, allow_tags=True)
    if loaded.data is None:
        return None, None
    options, _ = factdesk_options(loaded)
    rest = {k: v for k, v in loaded.data.items() if k != "plugins"}
    return options.get("schema_version"), rest


def checked_declaration(text: str, version: int) -> str | None:
    """`declare_version`, kept only if reading the result gives exactly that version and
    every setting outside the plugins as before."""
    edited = declare_version(text, version)
    if edited is None:
        return None
    declared, rest = _declared_in(edited)
    if str(declared).strip("\"'") != str(version) or rest != _declared_in(text)[1]:
        return None
    return edited


# ---- the whole desk --------------------------------------------------------------------


@dataclass
class Migration:
    declared: int
    target: int
    files: list[FileMigration] = field(default_factory=list)
    config_text: str | None = None  # mkdocs.yml with the new version, when it changes
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return any(d.is_error for d in self.diagnostics) or any(
            d.is_error for f in self.files for d in f.diagnostics
        )

    @property
    def due(self) -> bool:
        """Whether anything would change: a record, or the declared version."""
        return self.declared < self.target or any(f.text is not None for f in self.files)


def plan(root: Path, target: int, wanted: set[str]) -> Migration:
    """What migrating the desk to `target` changes, written nowhere yet. With `wanted`
    (files or folders), only those records; the declared version is raised only when
    every record was migrated without a refusal."""
    settings, loaded = read_settings(root)
    blocking = [d for d in loaded.diagnostics if d.is_error and d.code != "FD051"]
    result = Migration(settings.schema_version, target, diagnostics=blocking)
    if blocking:
        return result
    steps = migrations.steps_up_to(target)
    files, problems = discover(root)
    result.diagnostics += [d for d in problems if d.is_error]
    for item in files:
        if wanted and not any(
            item.rel == w or item.rel.startswith(w.rstrip("/") + "/") for w in wanted
        ):
            continue
        result.files.append(migrate_file(item.path, item.kind, item.rel, steps))
    if target > settings.schema_version and not wanted and not result.refused:
        result.config_text = _new_config(root, target, result)
    return result


def _new_config(root: Path, target: int, result: Migration) -> str | None:
    path = root / CONFIG_FILE
    text = path.read_text(encoding="utf-8") if path.is_file() else None
    edited = checked_declaration(text, target) if text is not None else None
    if edited is None:
        result.diagnostics.append(
            Diagnostic.make(
                "FD051",
                CONFIG_FILE,
                (1, 1),
                f"the records were migrated, but {CONFIG_FILE} could not be updated to say so",
                f"add `schema_version: {target}` to the factdesk plugin's options by hand",
            )
        )
    return edited


def write(root: Path, migration: Migration) -> None:
    for item in migration.files:
        if item.text is not None:
            (root / item.rel).write_text(item.text, encoding="utf-8", newline="")
    if migration.config_text is not None:
        (root / CONFIG_FILE).write_text(migration.config_text, encoding="utf-8", newline="")
