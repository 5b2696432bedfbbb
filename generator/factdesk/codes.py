"""The one table of diagnostic codes. Codes are stable: never renumber, only add."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Code:
    code: str
    severity: Severity
    title: str


_TABLE = [
    Code("FD000", "error", "internal error"),
    # Reading the file
    Code("FD001", "error", "file too large"),
    Code("FD002", "error", "not valid UTF-8 text"),
    Code("FD003", "error", "YAML syntax error"),
    Code("FD004", "error", "duplicate key"),
    Code("FD005", "error", "anchor or alias"),
    Code("FD006", "error", "YAML tag"),
    Code("FD007", "error", "more than one document"),
    Code("FD008", "error", "top level is not a mapping"),
    Code("FD009", "error", "nesting too deep"),
    Code("FD010", "error", "bad record file name"),
    # The shape of one record
    Code("FD011", "error", "unknown field"),
    Code("FD012", "error", "unknown source"),
    Code("FD013", "error", "unknown claim"),
    Code("FD014", "error", "wrong type of value"),
    Code("FD015", "error", "invalid date"),
    Code("FD016", "error", "invalid id"),
    Code("FD017", "error", "id does not match file name"),
    Code("FD018", "error", "duplicate id"),
    Code("FD019", "error", "unknown rating"),
    Code("FD020", "error", "invalid URL"),
    Code("FD021", "error", "value not in the allowed list"),
    Code("FD022", "error", "missing required field"),
    Code("FD023", "error", "invalid number"),
    Code("FD024", "error", "empty text"),
    # Rules across fields and records
    Code("FD030", "error", "dates out of order"),
    Code("FD031", "error", "date in the future"),
    Code("FD032", "error", "published claim without evidence"),
    Code("FD033", "error", "published claim without conclusion"),
    Code("FD034", "error", "published claim without publication date"),
    Code("FD035", "error", "contradictory media-review categories"),
    Code("FD036", "error", "unknown topic"),
    Code("FD037", "error", "more than one first appearance"),
    Code("FD038", "error", "invalid site settings"),
    Code("FD039", "error", "invalid language tag"),
    Code("FD040", "error", "published claim without rating"),
    Code("FD041", "error", "list too long"),
    Code("FD042", "error", "not a regular file"),
    Code("FD045", "error", "two claimants, one page address"),
    # Publishing in several languages
    Code("FD063", "error", "unknown language in settings"),
    Code("FD064", "error", "fact-check in a language the desk does not publish"),
    Code("FD065", "error", "language listed twice in settings"),
    Code("FD046", "error", "media file missing or unreadable"),
    Code("FD047", "error", "media file too large"),
    Code("FD048", "error", "picture without alt text"),
    Code("FD049", "error", "site address not set"),
    Code("FD050", "error", "placeholder repository address"),
    # Upgrading: the record schema version (factdesk migrate)
    Code("FD051", "error", "records need a migration"),
    Code("FD052", "error", "records need a newer factdesk"),
    Code("FD053", "error", "migration would lose a value"),
    # Changes to published fact-checks (factdesk review) and their second reading
    Code("FD054", "error", "verdict changed without a correction"),
    Code("FD055", "error", "published claim deleted"),
    Code("FD056", "error", "id used before"),
    Code("FD057", "error", "withdrawn claim without a note"),
    Code("FD058", "error", "published without a second reader"),
    # Translations of one fact-check
    Code("FD059", "error", "translation of itself"),
    Code("FD060", "error", "translation with another verdict"),
    Code("FD061", "error", "translation of a translation"),
    Code("FD062", "error", "two versions in one language"),
    # Share cards
    Code("FD066", "error", "card font unusable"),
    # Warnings: publishable, but an editor should look
    Code("FD101", "warning", "source not cited by any claim"),
    Code("FD102", "warning", "source without archive URL"),
    Code("FD103", "warning", "claim text too long"),
    Code("FD104", "warning", "same claim text twice"),
    Code("FD105", "warning", "claim relates to itself"),
    Code("FD106", "warning", "invisible or direction-changing characters"),
    Code("FD107", "warning", "byte-order mark"),
    Code("FD108", "warning", "mixed line endings"),
    Code("FD109", "warning", "file not read as a record"),
    Code("FD110", "warning", "old Mac line endings"),
    Code("FD111", "warning", "markup removed from Markdown"),
    Code("FD112", "warning", "placeholder left to fill in"),
    Code("FD113", "warning", "may have been checked before"),
    Code("FD115", "warning", "translation published, original not"),
    Code("FD116", "warning", "original claim in the fact-check's language"),
    Code("FD117", "warning", "published language without fact-checks"),
    # Importing ClaimReview
    Code("FD201", "error", "unreadable import file"),
    Code("FD202", "error", "no ClaimReview in the file"),
    Code("FD203", "error", "ClaimReview without a claim"),
    Code("FD204", "warning", "rating not mapped"),
    Code("FD205", "error", "record already exists"),
    Code("FD206", "warning", "value not imported"),
    Code("FD207", "warning", "broken JSON-LD block skipped"),
    # Checking links (factdesk check-links)
    Code("FD301", "error", "dead link"),
    Code("FD302", "warning", "redirected link"),
    Code("FD303", "warning", "unreachable link"),
    Code("FD304", "warning", "no archive copy"),
    # Archiving cited pages (factdesk archive)
    Code("FD114", "warning", "archive copy not made"),
]

CODES: dict[str, Code] = {c.code: c for c in _TABLE}


def severity_of(code: str) -> Severity:
    return CODES[code].severity
