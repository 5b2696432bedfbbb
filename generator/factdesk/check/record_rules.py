"""Rules within one record: what a file says about itself, whatever the other files say.

Their results depend on nothing but the file's bytes (and the settings), which is what
lets `factdesk validate` keep them in its cache. Rules that need other records or today's
date live in cross_checks.py. Each check is isolated: a bug in one is reported as FD000 at
the file and the others still run.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from factdesk.bugs import rule_crashed
from factdesk.check.facts import normal_text
from factdesk.diagnostics import Diagnostic
from factdesk.load.loader import Loaded, Loc, Pos
from factdesk.records.dates import PartialDate
from factdesk.records.markup import INLINE_HTML_TAGS, removed_markup
from factdesk.records.models import Claim, Record, Source
from factdesk.records.vocab import MEDIA_CATEGORIES

CLAIM_TEXT_LIMIT = 75
Check = Callable[[Any, Loaded], Iterator[Diagnostic]]


def _at(loaded: Loaded, code: str, loc: Loc, message: str, hint: str) -> Diagnostic:
    return Diagnostic.make(code, loaded.path, loaded.pos(loc), message, hint)


def _order(
    loaded: Loaded,
    earlier: tuple[str, PartialDate | None],
    later: tuple[str, PartialDate | None],
    loc: Loc,
) -> Iterator[Diagnostic]:
    (a_name, a), (b_name, b) = earlier, later
    if a is not None and b is not None and a.certainly_after(b):
        yield _at(
            loaded,
            "FD030",
            loc,
            f"{a_name} {a} is after {b_name} {b}",
            f"{a_name} must not be later than {b_name}; check both dates",
        )


def check_claim_dates(c: Claim, loaded: Loaded) -> Iterator[Diagnostic]:
    yield from _order(
        loaded, ("claim_date", c.claim_date), ("published", c.published), ("published",)
    )
    yield from _order(loaded, ("published", c.published), ("updated", c.updated), ("updated",))
    for i, fix in enumerate(c.corrections):
        yield from _order(
            loaded,
            ("published", c.published),
            ("the correction date", fix.date),
            ("corrections", i, "date"),
        )


def check_source_dates(s: Source, loaded: Loaded) -> Iterator[Diagnostic]:
    yield from _order(loaded, ("published", s.published), ("accessed", s.accessed), ("accessed",))
    yield from _order(loaded, ("published", s.published), ("archived", s.archived), ("archived",))


def check_published_complete(c: Claim, loaded: Loaded) -> Iterator[Diagnostic]:
    if c.status != "published":
        return
    draft = "or set `status: draft` until it is ready"
    missing = [
        (not c.evidence, "FD032", "evidence", "add `evidence:` with at least one source"),
        (
            not c.conclusion,
            "FD033",
            "a conclusion",
            "add `conclusion:` explaining the verdict in a sentence or two",
        ),
        (c.rating is None, "FD040", "a rating", "add `rating:` with a key of the site's scale"),
        (c.published is None, "FD034", "a `published` date", "add `published: YYYY-MM-DD`"),
    ]
    for absent, code, what, fix in missing:
        if absent:
            yield _at(
                loaded, code, ("status",), f"a published claim needs {what}", f"{fix}, {draft}"
            )


def check_withdrawal(c: Claim, loaded: Loaded) -> Iterator[Diagnostic]:
    # A withdrawn fact-check keeps its page so old links still lead somewhere; the page
    # must tell readers why the verdict was taken back.
    if c.status == "withdrawn" and c.withdrawal is None:
        yield _at(
            loaded,
            "FD057",
            ("status",),
            "a withdrawn claim needs a `withdrawal` note",
            "add `withdrawal: <why it was withdrawn>`; readers see it on the page",
        )


_ALTERED = {key for key, term in MEDIA_CATEGORIES.items() if term.altered}


def check_media_review(c: Claim, loaded: Loaded) -> Iterator[Diagnostic]:
    review = c.media_review
    if review and "original" in review.categories and _ALTERED & set(review.categories):
        clash = ", ".join(sorted(_ALTERED & set(review.categories)))
        yield _at(
            loaded,
            "FD035",
            ("media_review", "categories"),
            f"media review says 'original' and also {clash}",
            "'original' means unaltered; keep either it or the manipulation categories",
        )


def check_first_appearance(c: Claim, loaded: Loaded) -> Iterator[Diagnostic]:
    firsts = [i for i, a in enumerate(c.appearances) if a.first]
    for i in firsts[1:]:
        yield _at(
            loaded,
            "FD037",
            ("appearances", i, "first"),
            f"appearances {firsts[0]} and {i} are both marked first",
            "mark only the earliest known appearance with `first: true`",
        )


def check_claim_length(c: Claim, loaded: Loaded) -> Iterator[Diagnostic]:
    # A draft is not shown to readers; its text is shortened before it is published, and
    # the warning comes then (an import writes a long claimReviewed as a draft).
    if c.status == "published" and len(c.claim) > CLAIM_TEXT_LIMIT:
        yield _at(
            loaded,
            "FD103",
            ("claim",),
            f"claim text is {len(c.claim)} characters; the limit is {CLAIM_TEXT_LIMIT}",
            "shorten it to the checkable core; search results and ClaimReview show it "
            "whole, and the analysis can quote it in full",
        )


def check_translation_of_itself(c: Claim, loaded: Loaded) -> Iterator[Diagnostic]:
    if c.translation_of == c.id:
        yield _at(
            loaded,
            "FD059",
            ("translation_of",),
            f"the claim says it is a translation of itself ('{c.id}')",
            "name the fact-check this one translates, or remove `translation_of` if this "
            "is the original",
        )


def same_language(a: str, b: str) -> bool:
    """BCP 47 tags are case-insensitive: en-GB and en-gb are one language."""
    return a.casefold() == b.casefold()


def check_original_claim(c: Claim, loaded: Loaded) -> Iterator[Diagnostic]:
    # `original_claim` is for words made in another language; in the fact-check's own
    # language `claim` is already the words as made, so two texts mean one is wrong.
    original = c.original_claim
    if original is None or not same_language(original.language, c.language):
        return
    if normal_text(original.text) == normal_text(c.claim):
        message = f"`original_claim` repeats `claim` in the fact-check's language ({c.language})"
        hint = "remove `original_claim`: it is for claims made in another language"
    else:
        message = (
            f"`original_claim` is in the fact-check's language ({c.language}) "
            "but its words differ from `claim`"
        )
        hint = (
            f"if the claim was made in {c.language}, put its words in `claim` and remove "
            "`original_claim`; if it was made in another language, correct "
            "`original_claim.language`"
        )
    yield _at(loaded, "FD116", ("original_claim", "language"), message, hint)


def check_archive_copy(s: Source, loaded: Loaded) -> Iterator[Diagnostic]:
    # Another publisher's fact-check (a source with its `rating_label`) is the record its
    # publisher keeps and corrects in place, not evidence that may vanish. A source whose
    # `archive_gap` says why it has no copy yet has been looked at: readers see the reason
    # on its page and the stats page still counts it as not archived.
    if s.url and not s.archive_url and s.rating_label is None and s.archive_gap is None:
        yield _at(
            loaded,
            "FD102",
            ("url",),
            "the source has a URL but no archive copy",
            "save it at web.archive.org or archive.today and add `archive_url:`, or say "
            "why there is none yet in `archive_gap:`",
        )


# Characters that change how text reads without being seen: bidirectional overrides and
# isolates (the "Trojan Source" trick) and zero-width characters.
_INVISIBLE = re.compile("[\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def _strings(value: object, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*loc, index))


def check_invisible_text(_: object, loaded: Loaded) -> Iterator[Diagnostic]:
    """Runs on the raw data of every file that parsed, valid record or not. Every
    character it looks for is outside ASCII, so a file whose values are all ASCII is not
    searched (walking every value was a tenth of checking a file)."""
    if loaded.ascii_values:
        return
    for loc, text in _strings(loaded.data, ()):
        found = _INVISIBLE.search(text)
        if found:
            code = f"U+{ord(found.group()):04X}"
            yield _at(
                loaded,
                "FD106",
                loc,
                f"{'.'.join(map(str, loc))} contains an invisible or direction-changing "
                f"character ({code}): the text may read differently from what it says",
                "delete it, unless the language needs it (a zero-width joiner in Persian, "
                "Indic scripts or emoji)",
            )


def position_in_text(loaded: Loaded, loc: Loc, text: str, offset: int) -> Pos:
    """Where character `offset` of the text value at `loc` stands in the file.

    A value ending in a line break is a block scalar (`|` or `>`; `factdesk new` writes
    `analysis: |`): its text starts on the line after the key, a line of the file per line
    of text for `|`, indented (as `factdesk fmt` writes it) two columns past the key. Any
    other value starts where the loader saw it; a quoted value's own line breaks are
    folded, so lines after its first are the nearest the value itself can tell."""
    line, column = loaded.pos(loc)
    before = text[:offset]
    breaks = before.count("\n")
    in_line = offset - (before.rfind("\n") + 1)
    if text.endswith("\n"):
        return (line + 1 + breaks, loaded.pos(loc, key=True)[1] + 2 + in_line)
    return (line + breaks, (column if breaks == 0 else 1) + in_line)


def _find(text: str, needles: tuple[str, ...]) -> int:
    for needle in needles:
        at = text.find(needle)
        if at >= 0:
            return at
    return 0


def check_markup_kept(c: Claim, loaded: Loaded) -> Iterator[Diagnostic]:
    """The analysis sanitiser removes only what could run or mislead; say what it was."""
    if not c.analysis:
        return
    for removal in removed_markup(c.analysis):
        at = position_in_text(loaded, ("analysis",), c.analysis, _find(c.analysis, removal.needles))
        yield Diagnostic.make(
            "FD111",
            loaded.path,
            at,
            f"the site will not show {removal.what} from the analysis: the sanitiser removes it",
            "links may be http, https or mailto; HTML only "
            f"{', '.join(f'<{t}>' for t in INLINE_HTML_TAGS)} (docs/records.md); "
            "an image is not shown: link to it",
        )


CLAIM_CHECKS: tuple[Check, ...] = (
    check_claim_dates,
    check_published_complete,
    check_withdrawal,
    check_media_review,
    check_first_appearance,
    check_claim_length,
    check_markup_kept,
    check_translation_of_itself,
    check_original_claim,
)
SOURCE_CHECKS: tuple[Check, ...] = (check_source_dates, check_archive_copy)
DATA_CHECKS: tuple[Check, ...] = (check_invisible_text,)


def checks_for(record: Record | None) -> tuple[Check, ...]:
    if isinstance(record, Claim):
        return CLAIM_CHECKS + DATA_CHECKS
    if isinstance(record, Source):
        return SOURCE_CHECKS + DATA_CHECKS
    return DATA_CHECKS


def run_record_checks(
    record: Record | None, loaded: Loaded, checks: tuple[Check, ...] | None = None
) -> list[Diagnostic]:
    """Every rule for this record (or only the raw-data rules when it is not valid)."""
    found: list[Diagnostic] = []
    if loaded.data is None:
        return found
    for check in checks_for(record) if checks is None else checks:
        try:
            found.extend(check(record, loaded))
        except Exception as exc:
            found.append(rule_crashed(loaded.path, check.__name__, exc, after="; other checks ran"))
    return found
