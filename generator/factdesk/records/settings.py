"""Site settings: the factdesk plugin's options in mkdocs.yml (publisher, rating scale,
topics, search), as a model. `load/site_config.py` reads them from the file."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from factdesk.records.fields import Id, Language, Text, Url, check_text, check_url, fail
from factdesk.records.languages import known_language
from factdesk.records.messages import N_

# From this many published claims, Material's single search index grows past what a
# reader should download before the first result; Pagefind loads only what a query needs.
PAGEFIND_FROM = 1000
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
# One address, no spaces, quotes or angle brackets (it goes into an href).
_EMAIL = re.compile(r"^[^\s@<>\"'`]+@[^\s@<>\"'`]+\.[^\s@<>\"'`]+$")


class RatingWords(BaseModel):
    """A rating's words in one more language of the site (its label, its definition)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    label: Text | None = Field(None, description="The verdict badge's label in this language.")
    definition: Text | None = Field(None, description="What the rating means, in this language.")


class RatingDef(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    key: Id = Field(description="What records write in `rating:`.")
    label: Text = Field(description="What readers see on the verdict badge.")
    definition: Text = Field(description="What the rating means, for the methodology page.")
    color: str = Field(description="Badge colour as #rrggbb.")
    value: int | None = Field(
        None, ge=1, description="Ordinal position, 1 = least true; absent for non-ordinal ratings."
    )
    translations: dict[Language, RatingWords] = Field(
        default_factory=dict,
        description="The label and definition in the site's other languages, by language "
        "tag (ko, ar, pt-BR). The default scale's words are translated by factdesk's "
        "interface catalogs; a desk's own labels say here what they are in each language.",
    )

    @field_validator("color")
    @classmethod
    def _hex(cls, value: str) -> str:
        if not _COLOR.match(value):
            raise fail("FD038", f"colour '{value}' is not #rrggbb", "write a colour like #2e7d32")
        return value.lower()


DEFAULT_RATINGS: tuple[RatingDef, ...] = tuple(
    RatingDef(key=k, label=label, definition=d, color=c, value=v)
    for k, label, d, c, v in [
        (
            "true",
            N_("True"),
            N_("The claim is accurate and nothing significant is missing."),
            "#2e7d32",
            5,
        ),
        (
            "mostly-true",
            N_("Mostly true"),
            N_("The claim is accurate but needs clarification or additional information."),
            "#689f38",
            4,
        ),
        (
            "half-true",
            N_("Half true"),
            N_(
                "The claim is partially accurate but leaves out important details or takes "
                "things out of context."
            ),
            "#f9a825",
            3,
        ),
        (
            "mostly-false",
            N_("Mostly false"),
            N_(
                "The claim contains an element of truth but ignores facts that would give a "
                "different impression."
            ),
            "#ef6c00",
            2,
        ),
        ("false", N_("False"), N_("The claim is not accurate."), "#c62828", 1),
        (
            "misleading",
            N_("Misleading"),
            N_(
                "The claim uses accurate facts, images or figures in a way that leads to a "
                "false conclusion."
            ),
            "#8e24aa",
            None,
        ),
        (
            "missing-context",
            N_("Missing context"),
            N_("The claim may mislead without information that it leaves out."),
            "#5e35b1",
            None,
        ),
        (
            "unproven",
            N_("Unproven"),
            N_("The evidence available does not establish whether the claim is true or false."),
            "#616161",
            None,
        ),
        (
            "satire",
            N_("Satire"),
            N_(
                "The content is satire or parody, not a statement of fact, but may be taken as one."
            ),
            "#00838f",
            None,
        ),
    ]
)


class TopicDef(BaseModel):
    """A topic: its slug stays the id records write; readers see the label."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: Id = Field(description="What records write in `topics:`, e.g. north-korea.")
    label: Text | None = Field(None, description="What readers see, e.g. North Korea.")
    description: Text | None = Field(None, description="A sentence on the topic's page.")

    @property
    def name(self) -> str:
        return self.label or self.key


class Publisher(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Text = Field(description="The organisation that publishes the fact-checks.")
    url: Url | None = Field(None, description="Its home page.")
    logo: Url | None = Field(None, description="Its logo (for ClaimReview and the site's header).")
    contact: str | None = Field(
        None,
        description="How readers reach the desk: an email address or a web address (a "
        "contact page); the site's footer shows it.",
    )

    @field_validator("contact", mode="before")
    @classmethod
    def _contact(cls, value: object) -> str:
        text = check_text(value)
        if _EMAIL.match(text.strip()):
            return text.strip()
        try:
            return check_url(text)
        except PydanticCustomError:
            raise fail(
                "FD038",
                f"contact '{text}' is neither an email address nor a web address",
                "write an address like desk@example.org or https://example.org/contact/",
            ) from None

    @property
    def contact_href(self) -> str | None:
        """The contact as a link: mailto: for an email address."""
        if self.contact is None:
            return None
        return self.contact if "://" in self.contact else f"mailto:{self.contact}"


# MkDocs' own settings that factdesk reads too (top-level keys of mkdocs.yml); every
# other field of Settings is an option of the factdesk plugin.
MKDOCS_SETTINGS = ("site_name", "site_url", "repo_url", "docs_dir")


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    publisher: Publisher = Publisher(name="factdesk")
    ratings: tuple[RatingDef, ...] = DEFAULT_RATINGS
    topics: tuple[TopicDef, ...] | None = Field(
        None,
        description="The topics: each a slug, or {key, label, description}. Claims may "
        "use only these; leave out to allow any.",
    )
    rating_aliases: dict[str, str] = Field(
        default_factory=dict,
        description="Other publishers' rating labels → this site's keys, for import.",
    )
    search: Literal["auto", "material", "pagefind"] = Field(
        "auto",
        description="Site search: Material's built-in index, Pagefind, or auto (Pagefind "
        "from 1,000 published claims on).",
    )
    license: Url | None = Field(
        None,
        description="Address of the licence the fact-checks are published under (e.g. "
        "https://creativecommons.org/licenses/by/4.0/); the ClaimReview DataFeed and every "
        "ClaimReview name it as `license`.",
    )
    card_fonts: tuple[str, ...] = Field(
        (),
        description="Font files (paths from the desk's folder, TrueType or OpenType) for "
        "share-card text that Pillow's built-in font cannot draw, tried in this order "
        "before the fonts found on the machine; `factdesk build` reports a file it cannot "
        "use (FD066).",
    )
    require_review: bool = Field(
        False,
        description="A published claim needs a `review` by someone who is not among its "
        "authors (the second reading of the IFCN code); `validate` reports FD058 otherwise.",
    )
    languages: tuple[Language, ...] = Field(
        ("en",),
        min_length=1,
        description="The languages the site publishes, as BCP 47 tags, the first the "
        "default: one language keeps every page at the site's root; with several, each "
        "language's pages are under its own prefix (/en/, /ko/…).",
    )
    site_name: str = "factdesk"
    site_url: Url | None = None
    repo_url: Url | None = None
    match_threshold: float = Field(
        0.55,
        ge=0,
        le=1,
        description="How alike two claims must score (0–1) for `validate` to warn that one "
        "may have been checked before (FD113); 1 turns the warning off.",
    )
    edit_branch: str = Field("main", description="Branch that 'edit this record' opens.")
    templates: str = Field("templates", description="Folder whose templates override factdesk's.")
    schema_version: int = Field(
        1,
        ge=1,
        description="The record schema version the desk's records are written for; "
        "`factdesk migrate` raises it. A desk that states none is at version 1.",
    )
    docs_dir: str = "docs"

    @field_validator("topics", mode="before")
    @classmethod
    def _plain_topics(cls, value: object) -> object:
        # The plain form, a list of slugs, is a list of topics with only a key.
        if isinstance(value, list | tuple):
            return [{"key": item} if isinstance(item, str) else item for item in value]
        return value

    @field_validator("languages")
    @classmethod
    def _known_languages(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for tag in value:
            if not known_language(tag):
                raise fail(
                    "FD063",
                    f"'{tag}' is not a language factdesk knows (no CLDR data for it)",
                    "use a BCP 47 tag such as en, ko, ar or pt-BR",
                )
        repeated = sorted({t for t in value if value.count(t) > 1})
        if repeated:
            raise fail(
                "FD065",
                f"languages repeat: {', '.join(repeated)}",
                "list each language once; the first is the default",
            )
        return value

    @model_validator(mode="after")
    def _unique_keys(self) -> Settings:
        keys = [r.key for r in self.ratings]
        dupes = sorted({k for k in keys if keys.count(k) > 1})
        if dupes:
            raise fail(
                "FD038", f"rating keys repeat: {', '.join(dupes)}", "give each rating its own key"
            )
        # A topic's key is its page's address: two topics with one key would share a page.
        topics = [t.key for t in self.topics or ()]
        repeated = sorted({k for k in topics if topics.count(k) > 1})
        if repeated:
            raise fail(
                "FD038",
                f"topic keys repeat: {', '.join(repeated)}",
                "give each topic its own key, or merge the two topics into one",
            )
        return self

    @property
    def topic_keys(self) -> tuple[str, ...] | None:
        """The allowed topic slugs, or None when any slug is allowed."""
        return None if self.topics is None else tuple(t.key for t in self.topics)

    def topic(self, key: str) -> TopicDef:
        """A topic's label and description; a slug the settings do not describe is its
        own label."""
        return next((t for t in self.topics or () if t.key == key), None) or TopicDef(key=key)

    @property
    def default_language(self) -> str:
        return self.languages[0]

    @property
    def multilingual(self) -> bool:
        return len(self.languages) > 1

    def site_language(self, tag: str) -> str | None:
        """The published language whose pages a fact-check written in `tag` goes to: the
        same tag (any case), else the same language without its region or script
        (`en-GB` goes to `en`); None when the desk publishes no such language. A desk
        with one language publishes every fact-check at its root, whatever it is in."""
        if not self.multilingual:
            return self.default_language
        wanted = tag.casefold()
        for language in self.languages:
            if language.casefold() == wanted:
                return language
        base = wanted.split("-")[0]
        return next((lang for lang in self.languages if lang.casefold() == base), None)

    def search_engine(self, published: int) -> str:
        if self.search != "auto":
            return self.search
        return "pagefind" if published >= PAGEFIND_FROM else "material"

    @property
    def rating_keys(self) -> list[str]:
        return [r.key for r in self.ratings]

    def rating(self, key: str) -> RatingDef | None:
        return next((r for r in self.ratings if r.key == key), None)

    @property
    def ordinal_range(self) -> tuple[int, int] | None:
        values = [r.value for r in self.ratings if r.value is not None]
        return (min(values), max(values)) if values else None

    def rating_label(self, key: str) -> str:
        """What readers call a rating: its label, or the key when the scale lacks it."""
        rating = self.rating(key)
        return rating.label if rating else key


def plugin_options() -> list[str]:
    """The factdesk plugin's option names, in the order Settings declares them: what the
    MkDocs adapter accepts, derived here so the two lists cannot drift."""
    return [name for name in Settings.model_fields if name not in MKDOCS_SETTINGS]
