"""Reading the site settings from mkdocs.yml: bounded, and every problem at its line.

Read with factdesk's own loader, so the core never imports MkDocs and a mistake in the
options is reported with its line like any record error. mkdocs.yml is contributor input
too (a pull request can change it), so it is scanned before anything is built from it.
"""

from __future__ import annotations

import os
import stat
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from pydantic import ValidationError

from factdesk import __version__
from factdesk.diagnostics import Diagnostic
from factdesk.load.listing import CONFIG_FILE as CONFIG_FILE
from factdesk.load.loader import MAX_BYTES, MAX_DEPTH, Loaded, Loc, Pos, load_bytes
from factdesk.load.model_errors import Wording, describe, dotted, found
from factdesk.records import migrations
from factdesk.records.fonts import font_problem
from factdesk.records.settings import MKDOCS_SETTINGS, Settings

try:
    from yaml import CSafeLoader as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

# mkdocs.yml may use anchors and aliases (real sites repeat nav or extension settings
# with them), so instead of refusing them the expanded size is bounded: a real site's
# settings are a few hundred values, a nav of thousands of pages some ten thousand.
MAX_EXPANDED = 100_000
# PyYAML's full loader, which MkDocs uses, builds any Python object from these tags (and
# `python/object/apply:os.system` runs a command). `!!python/name:` only names one, as
# Material's documented settings do, and stays allowed.
_YAML_TAGS = "tag:yaml.org,2002:"
_CONSTRUCTING_TAGS = (_YAML_TAGS + "python/object", _YAML_TAGS + "python/module")


def load_settings(root: Path) -> tuple[Settings, list[Diagnostic]]:
    """Settings from `root/mkdocs.yml`; defaults (and no diagnostics) when there is none.

    mkdocs.yml comes in pull requests like records do, and `factdesk build` hands it to
    MkDocs, whose loader expands aliases and builds Python objects from tags. So it is
    checked here, in bounded time and memory, before anything else reads it.
    """
    settings, loaded = read_settings(root)
    return settings, loaded.diagnostics


def read_settings(root: Path) -> tuple[Settings, Loaded]:
    """The settings and the file they came from, with positions and diagnostics (what
    `factdesk migrate` needs to rewrite one option in place)."""
    raw = Loaded(CONFIG_FILE)
    data = read_config(root / CONFIG_FILE, raw)
    if data is None:
        return Settings(), raw
    loaded = load_bytes(data, CONFIG_FILE, allow_tags=True, into=raw)
    _reword_file_problems(loaded)
    if loaded.data is None:
        return Settings(), loaded
    _check_inherited(root, loaded)
    options, base = factdesk_options(loaded)
    own = set(options)
    for key in MKDOCS_SETTINGS:
        if loaded.data.get(key) and key not in own:
            options[key] = loaded.data[key]
    try:
        settings = Settings.model_validate(options)
    except ValidationError as exc:
        _report(exc, base, own, loaded)
        return Settings(), loaded
    _check_schema_version(settings.schema_version, base, own, loaded)
    return settings, loaded


def _check_schema_version(declared: int, base: Loc, own: set[str], loaded: Loaded) -> None:
    """A desk whose records are written for an older schema version needs `factdesk
    migrate` (FD051); one written for a newer version needs a newer factdesk (FD052).
    Reported at the option's line, or at the plugin's when the desk states none."""
    latest = migrations.latest()
    stated = "schema_version" in own
    at: Pos = loaded.pos((*base, "schema_version") if stated else base, key=not stated)
    if declared > latest:
        loaded.error(
            "FD052",
            at,
            f"the records are written for schema version {declared}, and this factdesk "
            f"({__version__}) reads versions up to {latest}",
            "install the factdesk version this desk pins (`pip install -r requirements.txt`)"
            " or a newer one",
        )
    elif declared < latest:
        due = [step for step in migrations.STEPS if step.version > declared]
        changes = "; ".join(f"v{step.version}: {step.description}" for step in due)
        loaded.error(
            "FD051",
            at,
            f"the records are written for schema version {declared}, and this factdesk "
            f"writes version {latest} ({changes})",
            f"run `factdesk migrate --to {latest}` and commit what it changes",
        )


# Owners that only ever stand in for a real one in examples and templates. Material
# shows a repository's stars and forks by asking the host's API, so a repo_url on such an
# owner makes every reader's browser ask about a repository that does not exist.
_PLACEHOLDER_OWNERS = {"example", "owner", "your-org", "your-organisation", "username", "user"}
_REPO_HOSTS = ("github.com", "gitlab.com")


def _placeholder_repository(url: str) -> bool:
    parts = urlsplit(url)
    owner = parts.path.strip("/").split("/")[0].lower()
    return parts.hostname in _REPO_HOSTS and owner in _PLACEHOLDER_OWNERS


def publishing_problems(root: Path) -> list[Diagnostic]:
    """What a published site cannot have, at its line in mkdocs.yml: no site_url (every
    ClaimReview URL, Atom id and sitemap entry would be relative, which consumers reject;
    FD049) and a repo_url on a placeholder owner (FD050). `factdesk build` stops on them;
    `serve`, a preview on this computer, only warns."""
    settings, loaded = read_settings(root)
    if loaded.data is None:
        return []
    out = Loaded(CONFIG_FILE)
    out.positions = loaded.positions
    if not settings.site_url:
        out.error(
            "FD049",
            ("site_url",),
            "site_url is not set: ClaimReview URLs, the feed's ids and the sitemap would be "
            "relative, and consumers reject them",
            "add `site_url: https://…/` (the address the site is published at) to mkdocs.yml",
        )
    if settings.repo_url and _placeholder_repository(settings.repo_url):
        out.error(
            "FD050",
            ("repo_url",),
            f"repo_url {settings.repo_url} names a placeholder owner: every page would ask "
            "the host's API about a repository that does not exist",
            "set repo_url to this knowledge base's repository, or remove the line",
        )
    _check_card_fonts(root, settings, factdesk_options(loaded)[1], out)
    return out.diagnostics


def _check_card_fonts(root: Path, settings: Settings, base: Loc, out: Loaded) -> None:
    """A card font the desk names but the build cannot use (FD066): its cards would be
    drawn without it, so the text it was named for would be left off."""
    for index, written in enumerate(settings.card_fonts):
        problem = font_problem(root, written)
        if problem is None:
            continue
        out.error(
            "FD066",
            (*base, "card_fonts", index),
            f"card font {written!r} cannot be used: {problem}",
            "name a .ttf, .otf or .ttc file inside the knowledge base, as a path from "
            "mkdocs.yml's folder (e.g. fonts/NotoSansKR-Regular.otf), or remove the line",
        )


def read_config(path: Path, out: Loaded) -> bytes | None:
    """The bytes of a YAML config file that is safe to load, or None (missing, or refused
    with diagnostics in `out`)."""
    raw = _read_regular(path, out)
    if raw is None or len(raw) > MAX_BYTES:
        return raw  # the loader reports an oversized file with FD001
    return raw if scan_config(raw, out) else None


def _read_regular(path: Path, out: Loaded) -> bytes | None:
    """At most MAX_BYTES + 1 bytes of a regular file. Opened without blocking and checked
    on the open descriptor: a FIFO named mkdocs.yml would otherwise hang the read."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        if os.path.lexists(path):
            out.error("FD038", (1, 1), f"{out.path} is a broken link", _NOT_A_FILE_HINT)
        return None
    except OSError as exc:
        out.error("FD001", (1, 1), f"cannot read {out.path}: {exc.strerror}", _NOT_A_FILE_HINT)
        return None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        out.error("FD038", (1, 1), f"{out.path} is not a regular file", _NOT_A_FILE_HINT)
        return None
    with os.fdopen(fd, "rb") as handle:
        return handle.read(MAX_BYTES + 1)


def scan_config(raw: bytes, out: Loaded) -> bool:
    """Walk the YAML events once, never expanding an alias: refuse aliases that would
    expand to more than MAX_EXPANDED nodes, nesting deeper than MAX_DEPTH, and tags that
    make MkDocs' loader build Python objects. Syntax errors are left to the loader.

    Each event costs O(1) (an alias adds the size its anchor was recorded with), so the
    work is bounded by the file's size however the aliases nest.
    """
    sizes: dict[str, int] = {}
    # One frame per open collection: [anchor, nodes it expands to so far].
    frames: list[tuple[str | None, list[int]]] = [(None, [0])]
    try:
        for event in yaml.parse(raw, Loader=_Parser):
            if isinstance(event, yaml.CollectionStartEvent):
                if not _tag_allowed(event, out) or not _depth_allowed(event, len(frames), out):
                    return False
                frames.append((event.anchor, [1]))
                continue
            if isinstance(event, yaml.CollectionEndEvent):
                anchor, (size,) = frames.pop()
            elif isinstance(event, yaml.AliasEvent):
                if not _alias_allowed(event, frames, out):
                    return False
                anchor, size = None, sizes.get(event.anchor or "", 1)
            elif isinstance(event, yaml.ScalarEvent):
                if not _tag_allowed(event, out):
                    return False
                anchor, size = event.anchor, 1
            else:
                continue
            if anchor:
                sizes[anchor] = size
            total = frames[-1][1]
            total[0] += size
            if total[0] > MAX_EXPANDED:
                out.error(
                    "FD005",
                    _mark(event.start_mark),
                    f"the aliases in {out.path} expand to more than {MAX_EXPANDED:,} values",
                    "anchors and aliases are fine for a few repeated settings; write the "
                    "values out instead of aliases of aliases",
                )
                return False
    except yaml.YAMLError:
        pass  # the loader reports syntax errors with their position
    return True


def _alias_allowed(
    event: yaml.AliasEvent, frames: list[tuple[str | None, list[int]]], out: Loaded
) -> bool:
    """An alias inside the collection it names makes a cycle: walking it never ends (and
    with several such aliases, the walk grows exponentially until the depth limit)."""
    if all(anchor != event.anchor for anchor, _ in frames):
        return True
    out.error(
        "FD005",
        _mark(event.start_mark),
        f"alias *{event.anchor} is inside the collection it refers to, a cycle",
        "an alias can only repeat a value that is complete; write the value out",
    )
    return False


def _tag_allowed(event: yaml.NodeEvent, out: Loaded) -> bool:
    tag = getattr(event, "tag", None) or ""
    if not tag.startswith(_CONSTRUCTING_TAGS):
        return True
    out.error(
        "FD006",
        _mark(event.start_mark),
        f"YAML tag '{tag.replace(_YAML_TAGS, '!!')}' would make MkDocs build a Python "
        f"object (run code) when it reads {out.path}",
        "remove the tag; site settings may use !ENV, !relative and !!python/name: only",
    )
    return False


def _depth_allowed(event: yaml.NodeEvent, depth: int, out: Loaded) -> bool:
    if depth <= MAX_DEPTH:
        return True
    out.error("FD009", _mark(event.start_mark), *_REWORDED["FD009"])
    return False


def _mark(mark: Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


def _reword_file_problems(loaded: Loaded) -> None:
    """The loader's words for an oversized or non-mapping file speak of records."""
    for index, diag in enumerate(loaded.diagnostics):
        if diag.code in _REWORDED:
            message, hint = _REWORDED[diag.code]
            loaded.diagnostics[index] = replace(diag, message=message, hint=hint)


def _check_inherited(root: Path, loaded: Loaded) -> None:
    """MkDocs reads the file that `INHERIT:` names first: it gets the same scan. It must
    be inside the knowledge base, so a pull request cannot point the build elsewhere."""
    seen = {(root / CONFIG_FILE).resolve()}
    current: Loaded | None = loaded
    base = root
    while current is not None and current.data is not None:
        parent = current.data.get("INHERIT")
        if not isinstance(parent, str):
            return
        target = (base / parent).resolve()
        if not target.is_relative_to(root.resolve()) or target in seen:
            why = "names a file outside the knowledge base" if target not in seen else "loops"
            loaded.error("FD038", _pos_in(current, "INHERIT"), f"INHERIT {why}", _INHERIT_HINT)
            return
        seen.add(target)
        current = _load_inherited(target, root, loaded)
        base = target.parent


def _pos_in(loaded: Loaded, key: str) -> tuple[int, int]:
    place = loaded.positions.get((key,))
    return (place[2], place[3]) if place else (1, 1)


def _load_inherited(target: Path, root: Path, into: Loaded) -> Loaded | None:
    rel = target.relative_to(root.resolve()).as_posix()
    parent = Loaded(rel)
    raw = read_config(target, parent)
    loaded = load_bytes(raw, rel, allow_tags=True, into=parent) if raw is not None else None
    into.diagnostics += parent.diagnostics
    return loaded


PluginEntry = tuple[Loc, str, Any]


def _plugin_entries(loaded: Loaded) -> list[PluginEntry]:
    """(where the options are, plugin name, options) for each plugin, in both of MkDocs'
    forms: a list of names and `name: options` mappings, or one mapping."""
    plugins = (loaded.data or {}).get("plugins")
    if plugins is None:
        return []
    if isinstance(plugins, dict):
        return [(("plugins", name), name, options) for name, options in plugins.items()]
    if not isinstance(plugins, list):
        loaded.error(
            "FD038",
            ("plugins",),
            f"plugins: expected a list of plugins, found {found(plugins)}",
            "write each plugin on its own line under `plugins:`, e.g. `  - factdesk`",
        )
        return []
    entries: list[PluginEntry] = []
    for index, entry in enumerate(plugins):
        if isinstance(entry, str):
            entries.append((("plugins", index), entry, None))
        elif isinstance(entry, dict):
            entries += [(("plugins", index, name), name, opts) for name, opts in entry.items()]
    return entries


def factdesk_options(loaded: Loaded) -> tuple[dict[str, Any], Loc]:
    """The factdesk plugin's options and where they are; {} when it has none."""
    for loc, name, options in _plugin_entries(loaded):
        if name != "factdesk":
            continue
        if options is None:
            return {}, loc
        if isinstance(options, dict):
            return dict(options), loc
        loaded.error(
            "FD038",
            loc,
            "the factdesk plugin's options must be a mapping of option: value, found "
            f"{found(options)}",
            "indent the options under `- factdesk:`, one `option: value` per line (e.g. "
            "`search: pagefind`), or write `- factdesk` for the defaults",
        )
        return {}, loc
    return {}, ()


# Settings problems with a code of their own; every other one is FD038.
_OWN_CODES = ("FD063", "FD065")


def _report(exc: ValidationError, base: Loc, own: set[str], loaded: Loaded) -> None:
    """Each pydantic error as FD038 (or its own code) at the option it is about, worded
    for options."""
    for err in exc.errors(include_url=False):
        loc: Loc = tuple(err["loc"])
        top = bool(loc) and loc[0] in MKDOCS_SETTINGS and loc[0] not in own
        code, message, hint = describe(err, loc, Settings, _OPTIONS)
        unknown = code == "FD011"  # named in the message: label where it sits
        where = loc[:-1] if unknown else loc
        label = (dotted(where) if where else "mkdocs.yml") if top else _option_label(where)
        loaded.error(
            code if code in _OWN_CODES else "FD038",
            loc if top else (*base, *loc),
            f"{label}: {message}",
            hint,
            key=unknown,
        )


def _option_label(loc: Loc) -> str:
    return f"factdesk option {dotted(loc)}" if loc else "factdesk options"


# Whoever edits mkdocs.yml runs a desk, which has no copy of the tool's manual: point at the
# published one (manual/mkdocs.yml's site_url; tests/test_doc_sites.py checks the page).
_CONFIGURATION_PAGE = "https://example.org/factdesk/manual/configuration/"
_SEE_DOCS = f"see Configuration in the factdesk manual: {_CONFIGURATION_PAGE}"
_OPTIONS = Wording("option", _SEE_DOCS)
_NOT_A_FILE_HINT = "make it a plain YAML file inside the knowledge base"
_INHERIT_HINT = "INHERIT may name only another YAML file inside the knowledge base, once"
_REWORDED = {
    "FD001": (
        f"the settings file is over {MAX_BYTES:,} bytes",
        "site settings take a few kilobytes; move long text into pages under docs/",
    ),
    "FD009": (
        f"the settings are nested more than {MAX_DEPTH} levels deep",
        "check the indentation and brackets",
    ),
    "FD008": (
        "the settings file must be a mapping of setting: value",
        f"start with `site_name: …` at the left margin; {_SEE_DOCS}",
    ),
}
