"""A desk's claims as matching docs, read quickly on every `factdesk match`.

Parsing 10,000 YAML files takes seconds; a query must take a fraction of one. So each
claim file's doc is kept in `.cache/factdesk/match-docs.json` under the file's path, size
and modification time, and only files whose size or time changed are parsed again. The
cache is JSON (never code) and any problem reading it means parsing every file. The files
are listed without the record models (load/listing.py), which are imported only when a
file must be parsed.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factdesk.load.listing import claim_files
from factdesk.match.core import Doc

if TYPE_CHECKING:
    from factdesk.kb import KnowledgeBase
    from factdesk.records.models import Claim

DOCS_FILE = "match-docs.json"
DESK_CACHE_FORMAT = 1


def doc_of(claim: Claim) -> Doc:
    return Doc(claim.id, claim.claim, claim.title, claim.language, claim.rating_key)


def kb_docs(kb: KnowledgeBase) -> list[Doc]:
    """Every valid claim of a knowledge base, in id order."""
    return [doc_of(kb.claims[cid].record) for cid in sorted(kb.claims)]


def _parse(path: Path, rel: str, stem: str) -> Doc | None:
    from factdesk.load.loader import load_file
    from factdesk.records.models import Claim

    data = load_file(path, rel).data
    try:
        claim = Claim.model_validate(data)
    except Exception:  # an invalid claim is `validate`'s to report; matching skips it
        return None
    return doc_of(claim) if claim.id == stem else None


def _fields(doc: Doc) -> dict[str, str]:
    # What dataclasses.asdict gives, without its deep copy: 1 s less at 10,000 claims.
    return dict(vars(doc))


def _read(path: Path) -> dict[str, Any]:
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
        return saved["files"] if saved.get("format") == DESK_CACHE_FORMAT else {}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def _write(path: Path, files: dict[str, Any]) -> None:
    import tempfile  # only when writing: a warm query writes nothing

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            # dumps, not dump: json.dump to a file runs the pure-Python encoder, 5x slower.
            out.write(json.dumps({"format": DESK_CACHE_FORMAT, "files": files}, ensure_ascii=False))
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only desk: matching works, only slower next time


def _cached_doc(entry: Any, stamp: list[int]) -> tuple[bool, Doc | None]:
    """(found, doc): the cached doc when the stamp matches (None for an invalid claim)."""
    if not isinstance(entry, list) or len(entry) != 2 or entry[0] != stamp:
        return False, None
    try:
        return True, (Doc(**entry[1]) if entry[1] is not None else None)
    except TypeError:
        return False, None


Stamped = tuple[str, str, list[int]]  # (path under the root, path to open, [size, time])


def stamped_claims(root: Path) -> list[Stamped]:
    """Every claim file with its size and modification time, in the order validate reads
    them (files gone before they could be looked at are left out)."""
    stamped: list[Stamped] = []
    for rel, fspath in claim_files(root):
        try:
            st = os.stat(fspath)
        except OSError:
            continue
        stamped.append((rel, fspath, [st.st_size, st.st_mtime_ns]))
    return stamped


def desk_docs(
    root: Path, cache_dir: Path | None, stamped: list[Stamped] | None = None
) -> list[Doc]:
    """The desk's valid claims, first file wins for an id (as in validate), in file order.
    `stamped` is stamped_claims(root) when the caller has it already."""
    cache_path = cache_dir / DOCS_FILE if cache_dir is not None else None
    known = _read(cache_path) if cache_path is not None else {}
    fresh: dict[str, Any] = {}
    docs: dict[str, Doc] = {}
    for rel, fspath, stamp in stamped_claims(root) if stamped is None else stamped:
        found, doc = _cached_doc(known.get(rel), stamp)
        if not found:
            stem = rel.rsplit("/", 1)[-1][: -len(".yaml")]
            doc = _parse(Path(fspath), rel, stem)
        fresh[rel] = [stamp, _fields(doc) if doc is not None else None]
        if doc is not None:
            docs.setdefault(doc.id, doc)
    if cache_path is not None and fresh != known:
        _write(cache_path, fresh)
    return list(docs.values())


def earlier_checks(
    root: Path, cache_dir: Path | None, text: str, threshold: float, top: int = 3
) -> list[tuple[Doc, float]]:
    """The desk's claims that read like `text` (a claim not written yet), in any language,
    scoring at least `threshold`, best first: what `factdesk new --claim` warns about."""
    from factdesk.match.core import Matcher
    from factdesk.match.encoder import load_encoder
    from factdesk.records.models import Claim

    docs = desk_docs(root, cache_dir)
    if threshold >= 1 or not docs:
        return []
    language = str(Claim.model_fields["language"].default)  # the skeleton's language
    hits = Matcher(docs, load_encoder(cache_dir), cache_dir).search(text, top, language)
    return [(docs[h.index], h.score) for h in hits if h.score >= threshold]
