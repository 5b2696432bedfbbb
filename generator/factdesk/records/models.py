"""The record models: the contract with contributors.

Modelled on schema.org ClaimReview / Claim / Rating / MediaReview and Wikipedia's cite-web.
Every field has a description; they flow into the JSON Schema editors use for completion.
The field order here is the canonical key order `factdesk fmt` writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, model_validator

from factdesk.records.dates import Day, PartialDate
from factdesk.records.fields import Id, Language, Number, Text, Url, check_text, fail
from factdesk.records.media import MAX_MEDIA_BYTES, MAX_SIDE, MEDIA_PATTERN, media_path_problem
from factdesk.records.vocab import MediaCategory, Qualifier

SourceKind = Literal[
    "article",
    "report",
    "dataset",
    "social-post",
    "social-profile",
    "video",
    "image",
    "audio",
    "official-document",
    "court-record",
    "statement",
    "testimony",
    "book",
    "website",
    "other",
]
ClaimantKind = Literal[
    "person", "organisation", "media", "government", "social-account", "group", "unknown"
]
Stance = Literal["supports", "refutes", "context"]
CorrectionKind = Literal["correction", "clarification", "update"]
Confidence = Literal["verified", "probable", "unverified"]
# withdrawn: once published, now taken back; its page and address stay, with the reason.
Status = Literal["published", "draft", "withdrawn"]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Record):
    """A cited source (cite-web style): `sources/<id>.yaml`."""

    model_config = ConfigDict(title="factdesk source")

    id: Id = Field(description="Unique id, equal to the file name without .yaml.")
    title: Text = Field(description="Title of the article, report, post or document.")
    kind: SourceKind = Field(description="What sort of source it is.")
    url: Url | None = Field(None, description="Address of the original, if it is known.")
    publisher: Text | None = Field(None, description="Who published it (outlet, body, platform).")
    authors: list[Text] = Field(default_factory=list, description="Authors, as credited.")
    published: PartialDate | None = Field(
        None, description="Publication date: YYYY-MM-DD, or YYYY-MM / YYYY when only that is known."
    )
    accessed: Day | None = Field(None, description="When a checker last read it (YYYY-MM-DD).")
    archive_url: Url | None = Field(
        None, description="A permanent archive copy (Wayback, archive.today)."
    )
    archived: Day | None = Field(None, description="When the archive copy was made.")
    archive_gap: Text | None = Field(
        None,
        description="Why there is no archive copy yet, shown to readers (e.g. none found). "
        "A source that says why gets no FD102 warning; remove it once `archive_url` is set.",
    )
    rating_label: Text | None = Field(
        None,
        description="When the source is another publisher's fact-check: its rating, as that "
        "publisher wrote it (kept by `factdesk import`). Such a source asks for no archive copy.",
    )
    language: Language | None = Field(None, description="BCP 47 language tag, e.g. en, ko.")
    confidence: Confidence | None = Field(
        None,
        description="How sure the desk is of the title, date, authors and URL: verified (each "
        "seen in a copy of the source or its listing), probable (inferred from several "
        "consistent reports, or seen only at a mirror or short link) or unverified (the "
        "source itself was not found, only reports of it). Say which parts in `notes`.",
    )
    notes: Text | None = Field(None, description="Anything a reader should know about this source.")


class Claimant(Record):
    """Who made the claim."""

    name: Text = Field(description="Name of the person, organisation or account.")
    kind: ClaimantKind = Field("unknown", description="What sort of claimant this is.")
    platform: Text | None = Field(None, description="Platform of the account, e.g. TikTok.")
    handle: Text | None = Field(None, description="Account handle, e.g. @northkoreanlife.")
    url: Url | None = Field(None, description="Profile page (becomes schema.org sameAs).")
    same_as: list[Url] = Field(
        default_factory=list, description="Other profile pages of the claimant."
    )
    description: Text | None = Field(None, description="One line on who they are.")


class Appearance(Record):
    """A place the claim was seen: a URL, or a source record."""

    url: Url | None = Field(None, description="Where the claim appeared.")
    source: Id | None = Field(None, description="Id of a source record where it appeared.")
    platform: Text | None = Field(None, description="Platform, e.g. TikTok, X.")
    date: PartialDate | None = Field(None, description="When it appeared.")
    archive_url: Url | None = Field(None, description="Archive copy of the appearance.")
    first: bool = Field(False, description="True for the earliest known appearance.")
    note: Text | None = Field(None, description="What this appearance shows.")

    @model_validator(mode="after")
    def _needs_a_place(self) -> Appearance:
        if self.url is None and self.source is None:
            raise fail(
                "FD022",
                "an appearance needs a `url` or a `source`",
                "add `url: https://…` or `source: <source-id>`",
            )
        return self


class Evidence(Record):
    """One piece of evidence from a source."""

    source: Id = Field(description="Id of the source record.")
    stance: Stance = Field(description="Does it support or refute the claim, or give context?")
    quote: Text | None = Field(
        None,
        description="The relevant words, quoted exactly, in the language they were written in.",
    )
    quote_language: Language | None = Field(
        None,
        description="BCP 47 language of the quote, when it is not the fact-check's own "
        "(e.g. an English quote in a Korean fact-check): readers' browsers and screen "
        "readers then read it in the right language.",
    )
    quote_translation: Text | None = Field(
        None,
        description="The quote in the fact-check's language, shown beside the original "
        "words; the quote itself stays as written.",
    )
    locator: Text | None = Field(None, description="Where in the source: page, section, timestamp.")
    note: Text | None = Field(None, description="What this evidence shows, in the checker's words.")

    @model_validator(mode="after")
    def _translates_a_quote(self) -> Evidence:
        # A language or a translation describes the quote; without one they describe nothing.
        given = [f for f in ("quote_language", "quote_translation") if getattr(self, f)]
        if given and self.quote is None:
            raise fail(
                "FD022",
                f"`{given[0]}` describes a quote, and this evidence has no `quote`",
                "add `quote:` with the words as written, or remove " + ", ".join(given),
            )
        return self


class OriginalClaim(Record):
    """The claim in the words and language it was made in, when the fact-check is written
    in another language (or translates one that is)."""

    text: Text = Field(
        description="The claim exactly as made, in its own language and script (quoted "
        "from the post, speech or article)."
    )
    language: Language = Field(description="BCP 47 language of those words, e.g. ko, en, ar.")


class Observation(Record):
    """A dated figure (followers, views, a rank) that changes over time."""

    subject: Text = Field(description="What is measured, e.g. TikTok account @northkoreanlife.")
    metric: Text = Field(description="The measure, e.g. followers, likes, rank.")
    value: Number = Field(description="The figure as a plain number, e.g. 286000.")
    qualifier: Qualifier = Field("exactly", description="How the source put it: over, about, …")
    unit: Text | None = Field(None, description="Unit or scale, e.g. 'of 180 countries'.")
    as_of: PartialDate = Field(
        description="When the figure was true (YYYY-MM-DD, YYYY-MM or YYYY)."
    )
    source: Id = Field(description="Id of the source that reports the figure.")
    note: Text | None = Field(None, description="Context for this figure.")


class MediaReview(Record):
    """Assessment of an image, video or audio (schema.org MediaReview)."""

    media_type: Literal["image", "video", "audio"] = Field(description="What kind of media.")
    categories: list[MediaCategory] = Field(
        min_length=1, description="MediaReview authenticity categories that apply."
    )
    media_url: Url | None = Field(None, description="Where the reviewed media was seen.")
    original_context: Text | None = Field(None, description="What the media really shows.")
    original_media_url: Url | None = Field(None, description="The original, unaltered media.")
    timestamps: list[Text] = Field(
        default_factory=list, description="Relevant moments, e.g. 0:12-0:20."
    )
    note: Text | None = Field(None, description="How the media was assessed.")


def check_media_path(value: Any) -> str:
    text = check_text(value)
    problem = media_path_problem(text)
    if problem:
        raise fail(
            "FD046",
            f"'{text}' is not a media file: {problem}",
            "write the path from the desk's root, e.g. media/map.jpg",
        )
    return text


MediaPath = Annotated[
    str,
    BeforeValidator(check_media_path),
    WithJsonSchema({"type": "string", "pattern": MEDIA_PATTERN, "examples": ["media/map.jpg"]}),
]


class Media(Record):
    """A picture of the claim as readers met it: the image itself, a screenshot of the
    post, or a still of the video. The file lives in the desk's media/ folder."""

    # `alt` is required; it is optional to pydantic only so that leaving it out is
    # reported as FD048 with its own hint rather than as a generic missing field.
    model_config = ConfigDict(json_schema_extra={"required": ["file", "alt"]})

    file: MediaPath = Field(
        description=f"The picture, e.g. media/map.jpg: JPEG, PNG, WebP or GIF, at most "
        f"{MAX_MEDIA_BYTES // (1024 * 1024)} MiB and {MAX_SIDE:,} pixels a side."
    )
    alt: Text | None = Field(
        None,
        description="Required: what the picture shows, in words, for readers who cannot "
        "see it (text in it, who or what is in it).",
    )
    kind: Literal["image", "screenshot", "video-still"] = Field(
        "image", description="The image itself, a screenshot of the post, or a video still."
    )
    caption: Text | None = Field(None, description="A line under the picture.")
    credit: Text | None = Field(None, description="Who made or holds the picture.")

    @model_validator(mode="after")
    def _needs_alt(self) -> Media:
        if self.alt is None:
            raise fail(
                "FD048",
                f"the picture {self.file} has no `alt` text",
                "add `alt:` saying what the picture shows, including any words in it",
            )
        return self


class Correction(Record):
    """A change to a published fact-check, shown to readers."""

    date: Day = Field(description="When the correction was made (YYYY-MM-DD).")
    kind: CorrectionKind = Field(description="correction (an error), clarification or update.")
    note: Text = Field(description="What changed and why.")


class Review(Record):
    """A second reading: who checked the fact-check before it was published, and when."""

    by: Text = Field(description="Who reviewed it (not one of its authors).")
    date: Day = Field(description="When it was reviewed (YYYY-MM-DD).")


class Claim(Record):
    """A fact-check of one claim: `claims/<id>.yaml`."""

    model_config = ConfigDict(title="factdesk claim")

    id: Id = Field(description="Unique id, equal to the file name without .yaml.")
    title: Text = Field(description="Headline of the fact-check.")
    claim: Text = Field(
        description="The claim, short and without the verdict, in the fact-check's language "
        "(`language`): as made, or translated when it was made in another language."
    )
    original_claim: OriginalClaim | None = Field(
        None,
        description="When the claim was made in another language than the fact-check's: "
        "`{text: <the words as made>, language: <their BCP 47 tag>}`. Search engines and "
        "readers get both.",
    )
    claimant: Claimant = Field(description="Who made the claim.")
    claim_date: PartialDate | None = Field(
        None, description="When the claim entered public discourse."
    )
    appearances: list[Appearance] = Field(
        default_factory=list, description="Where the claim was seen."
    )
    rating: Text | None = Field(
        None,
        description="Key of a rating in the site's scale, e.g. false. A draft may leave it "
        "out until an editor decides; a published claim needs one.",
    )
    conclusion: Text | None = Field(
        None, description="The verdict explained in one or two sentences."
    )
    analysis: Text | None = Field(None, description="The full analysis (Markdown).")
    evidence: list[Evidence] = Field(
        default_factory=list, description="Evidence, each from a source."
    )
    observations: list[Observation] = Field(
        default_factory=list, description="Dated figures; different dates are kept side by side."
    )
    media_review: MediaReview | None = Field(
        None, description="For claims carried by images or video."
    )
    image: Media | None = Field(
        None, description="A picture of the claim (the image, a screenshot or a video still)."
    )
    topics: list[Id] = Field(default_factory=list, description="Topic slugs, e.g. north-korea.")
    related: list[Id] = Field(default_factory=list, description="Ids of related claims.")
    not_same_as: list[Id] = Field(
        default_factory=list,
        description="Ids of claims an editor has checked are not the same claim as this one, "
        "though they read alike: silences the warning that this claim may have been checked "
        "before (FD113).",
    )
    authors: list[Text] = Field(default_factory=list, description="Who wrote the fact-check.")
    editor: Text | None = Field(None, description="Who edited the fact-check.")
    published: Day | None = Field(None, description="When the fact-check was published.")
    updated: Day | None = Field(None, description="When it was last changed in substance.")
    corrections: list[Correction] = Field(
        default_factory=list, description="Corrections, oldest first."
    )
    review: list[Review] = Field(
        default_factory=list,
        description="Second readings: `review: {by: Name, date: YYYY-MM-DD}`, or a list of them.",
    )
    language: Language = Field("en", description="BCP 47 language of the fact-check.")
    translation_of: Id | None = Field(
        None,
        description="Id of the fact-check this one translates; a translation shares its "
        "verdict and is linked from it in the language switcher.",
    )
    translator: Text | None = Field(None, description="Who translated the fact-check.")
    status: Status = Field(
        description="published, draft (validated but not published), or withdrawn (taken "
        "back after publication: the page stays, with `withdrawal` saying why)."
    )
    withdrawal: Text | None = Field(
        None, description="Why a withdrawn fact-check was withdrawn; shown on its page."
    )

    @model_validator(mode="before")
    @classmethod
    def _one_review_or_a_list(cls, data: object) -> object:
        # `review: {by: …, date: …}` is the common case: accept it as a list of one.
        if isinstance(data, dict) and isinstance(data.get("review"), dict):
            return {**data, "review": [data["review"]]}
        return data

    @property
    def second_readers(self) -> list[str]:
        """Reviewers who are not among the authors: the second reading IFCN asks for."""
        authors = {a.casefold() for a in self.authors}
        return [r.by for r in self.review if r.by.casefold() not in authors]

    @property
    def rating_key(self) -> str:
        """The rating, or '' for a draft that has none yet (published claims always do)."""
        return self.rating or ""


# The word for one record, as in `factdesk new claim` and `claim.schema.json`.
RecordKind = Literal["claim", "source"]


@dataclass(frozen=True)
class RecordType:
    """A type of record: its kind, the folder its files live in, and its model."""

    kind: RecordKind  # "claim"
    folder: str  # "claims": claims/<id>.yaml, sub-folders allowed
    model: type[Record]

    @property
    def schema_file(self) -> str:
        """The JSON Schema's file name in schemas/, as editors' settings point at it."""
        return f"{self.kind}.schema.json"


# The one place that pairs each kind with its folder and model; everything else looks
# them up here, so "claims" never stands for the kind nor "claim" for the folder.
RECORD_TYPES = (RecordType("claim", "claims", Claim), RecordType("source", "sources", Source))
BY_KIND: dict[str, RecordType] = {t.kind: t for t in RECORD_TYPES}
BY_FOLDER: dict[str, RecordType] = {t.folder: t for t in RECORD_TYPES}
