"""The records' closed vocabularies that other stages give meaning to, each defined once.

A row holds everything any stage needs of a value: the models take the allowed keys from
here (so the JSON Schema lists them), the checks take what a value means, the renderers
take what a reader and schema.org call it. Adding a value is one row; nothing can be
forgotten elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from factdesk.records.messages import N_


@dataclass(frozen=True)
class MediaCategoryTerm:
    """One MediaReview authenticity category."""

    key: str  # what a record writes
    label: str  # what a reader sees: plain words, not schema.org's
    explanation: str  # one sentence for readers, beside the picture
    schema_type: str  # schema.org's mediaAuthenticityCategory
    altered: bool  # the media itself was manipulated: contradicts "original" (FD035)


MEDIA_CATEGORIES: dict[str, MediaCategoryTerm] = {
    term.key: term
    for term in (
        MediaCategoryTerm(
            "original",
            N_("Not altered"),
            N_(
                "We found no sign that the picture or recording itself was changed; "
                "what it is said to show is a separate question."
            ),
            "OriginalMediaContent",
            altered=False,
        ),
        MediaCategoryTerm(
            "decontextualized",
            N_("Real, but out of context"),
            N_(
                "The picture or recording is real, but it is shared with a description of "
                "something it does not show."
            ),
            "DecontextualizedContent",
            altered=False,
        ),
        MediaCategoryTerm(
            "edited-or-cropped",
            N_("Edited or cropped"),
            N_(
                "Parts were cut out, rearranged or changed, and that changes what it seems to show."
            ),
            "EditedOrCroppedContent",
            altered=True,
        ),
        MediaCategoryTerm(
            "transformed",
            N_("Altered or generated"),
            N_(
                "It was substantially changed or made with software, so it shows something "
                "that did not happen that way."
            ),
            "TransformedContent",
            altered=True,
        ),
        MediaCategoryTerm(
            "staged",
            N_("Staged"),
            N_("What it shows was set up or acted out for the camera."),
            "StagedContent",
            altered=True,
        ),
        MediaCategoryTerm(
            "satire-or-parody",
            N_("Satire or parody"),
            N_("It was made as a joke or a parody, not as a record of real events."),
            "SatireOrParodyContent",
            altered=False,
        ),
    )
}

# How a source put a figure → the words around the number on the page, {value} where it
# goes (some languages put the qualifier after the figure; render/terms.py translates).
QUALIFIERS: dict[str, str] = {
    "exactly": N_("{value}"),
    "about": N_("about {value}"),
    "over": N_("over {value}"),
    "at-least": N_("at least {value}"),
    "under": N_("under {value}"),
    "close-to": N_("close to {value}"),
}

# The models' field types, made from the tables' keys in their order (the JSON Schema's
# enums keep that order). A type checker cannot read a Literal built at run time, so it
# sees plain text; pydantic sees the Literal and accepts exactly the keys.
if TYPE_CHECKING:
    MediaCategory = str
    Qualifier = str
else:
    MediaCategory = Literal[tuple(MEDIA_CATEGORIES)]
    Qualifier = Literal[tuple(QUALIFIERS)]
