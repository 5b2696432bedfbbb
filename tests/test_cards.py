"""Share cards: one 1200 x 630 PNG per published claim and one for the site, the same bytes
on every build, drawn once per content (the cache), and never a crash on text the fonts
cannot draw."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import io
import os
from pathlib import Path

import pytest
from PIL import Image, ImageFont

from factdesk.check.cache import CACHE_DIR
from factdesk.check.pipeline import validate_root
from factdesk.kb import KnowledgeBase
from factdesk.load.site_config import publishing_problems
from factdesk.records.settings import Settings
from factdesk.render import cards as cards_module
from factdesk.render import render_binaries, urls
from factdesk.render.cards import (
    CACHE_FOLDER,
    PNG_SIGNATURE,
    TALL,
    WIDTH,
    Card,
    CardCache,
    Drawing,
    cache_for,
    card_fonts,
    claim_card,
    draw_card,
    drawable,
    icon_polygon,
    machine_fonts,
    render_cards,
    render_cards_later,
    runs,
    text_length,
    verdict_of,
    wrap,
)
from factdesk.render.verdict import ICONS

from conftest import REPO, MakeKB
from kbfactory import BASE_CLAIM, claim_with

TODAY = dt.date(2026, 1, 1)
C = "claims/claim-a.yaml"


def _kb(make_kb: MakeKB, files: dict[str, str | bytes | None] | None = None) -> KnowledgeBase:
    return validate_root(make_kb(files or {}), TODAY).kb


def _image(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


def test_every_published_claim_and_the_site_get_a_card_of_the_open_graph_size(
    make_kb: MakeKB,
) -> None:
    draft = BASE_CLAIM.replace("claim-a", "claim-b").replace("published\n", "draft\n")
    kb = _kb(make_kb, {"claims/claim-b.yaml": draft})
    cards = render_cards(kb, CardCache(None))
    assert sorted(cards) == [urls.SITE_CARD, urls.card("claim-a")]
    for data in cards.values():
        assert data.startswith(PNG_SIGNATURE)
        assert _image(data).size == (WIDTH, TALL) == (1200, 630)


def test_the_binaries_hold_the_cards(make_kb: MakeKB) -> None:
    kb = _kb(make_kb)
    binaries = render_binaries(kb, cards=CardCache(None))
    assert urls.card("claim-a") in binaries and urls.SITE_CARD in binaries
    assert list(binaries) == sorted(binaries)


def test_claims_that_show_the_same_share_one_drawing(make_kb: MakeKB) -> None:
    kb = _kb(make_kb, {"claims/claim-b.yaml": BASE_CLAIM.replace("claim-a", "claim-b")})
    cache = cache_for(kb)
    cards = render_cards(kb, cache)
    assert cards[urls.card("claim-a")] == cards[urls.card("claim-b")]
    assert cache.drawn == 2


def test_two_builds_give_byte_identical_cards() -> None:
    kb = validate_root(REPO).kb
    first = render_cards(kb, CardCache(None))
    second = render_cards(validate_root(REPO).kb, CardCache(None))
    assert len(first) == len(kb.published) + 1
    assert first == second


def test_cards_drawn_on_several_cores_are_the_cards_drawn_on_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    kb = validate_root(REPO).kb
    one = render_cards(kb, CardCache(None))
    monkeypatch.setattr(cards_module, "PARALLEL_CARDS_FROM", 2)
    monkeypatch.setattr(cards_module, "CARDS_PER_CHUNK", 3)
    drawn_here: list[int] = []
    draw = cards_module.draw_card

    def counted(card: Card) -> bytes:
        drawn_here.append(os.getpid())
        return draw(card)

    monkeypatch.setattr(cards_module, "draw_card", counted)
    several = render_cards(kb, CardCache(None), parallel=True)
    assert several == one
    assert list(several) == list(one)
    # This process drew only its share (the forked workers' calls are not counted here).
    assert 0 < len(drawn_here) < len(one)


def test_the_card_shows_the_verdict_in_its_colour_and_differs_by_rating() -> None:
    settings = Settings()
    claim = validate_root(REPO).kb.published[0]
    base = claim_card(settings, claim)
    drawn = {}
    for key in settings.rating_keys:
        card = dataclasses.replace(base, verdict=verdict_of(settings, key))
        image = _image(draw_card(card)).convert("RGB")
        colour = tuple(int(card.verdict.color[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[union-attr]
        assert image.getpixel((5, 300)) == pytest.approx(colour, abs=8), "the colour band"
        # Without the colour band the drawings still differ: shape, position and label.
        drawn[key] = image.crop((30, 0, WIDTH, TALL)).convert("L").tobytes()
    assert len(set(drawn.values())) == len(drawn)


def test_the_palette_keeps_the_paper_white_and_the_band_its_colour() -> None:
    # A palette entry near white once tinted the whole card's paper.
    settings = Settings()
    claim = validate_root(REPO).kb.published[0]
    for key in settings.rating_keys:
        card = dataclasses.replace(claim_card(settings, claim), verdict=verdict_of(settings, key))
        image = _image(draw_card(card)).convert("RGB")
        assert image.getpixel((WIDTH - 10, TALL - 10)) == (255, 255, 255)
        band = tuple(int(card.verdict.color[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[union-attr]
        # Pillow maps through buckets of a few levels: the band is the colour to within them.
        assert image.getpixel((5, 5)) == pytest.approx(band, abs=4)


def test_an_unchanged_claim_is_never_drawn_again(make_kb: MakeKB) -> None:
    other = BASE_CLAIM.replace("claim-a", "claim-b").replace("sky is green", "grass is blue")
    root = make_kb({"claims/claim-b.yaml": other})
    kb = validate_root(root, TODAY).kb
    cold = cache_for(kb)
    first = render_cards(kb, cold)
    assert cold.drawn == 3  # two claims and the site's card
    warm = cache_for(validate_root(root, TODAY).kb)
    assert render_cards(validate_root(root, TODAY).kb, warm) == first
    assert warm.drawn == 0
    (root / C).write_text(claim_with("The sky is green", "The sea is red"), encoding="utf-8")
    edited = cache_for(kb)
    after = render_cards(validate_root(root, TODAY).kb, edited)
    assert edited.drawn == 1, "only the edited claim's card is drawn"
    assert after[urls.card("claim-a")] != first[urls.card("claim-a")]
    assert after[urls.card("claim-b")] == first[urls.card("claim-b")]


def test_a_damaged_cached_card_is_drawn_again(make_kb: MakeKB) -> None:
    kb = _kb(make_kb)
    cache = cache_for(kb)
    good = render_cards(kb, cache)
    for path in (kb.root / CACHE_FOLDER).glob("*.png"):  # type: ignore[operator]
        path.write_bytes(b"not a picture")
    again = cache_for(kb)
    assert render_cards(kb, again) == good
    assert again.drawn == 2


def test_a_cache_that_cannot_be_written_only_costs_time(make_kb: MakeKB) -> None:
    kb = _kb(make_kb)
    assert kb.root is not None
    (kb.root / ".cache").write_text("a file where the folder should be")
    cache = cache_for(kb)
    assert urls.card("claim-a") in render_cards(kb, cache)
    assert cache.drawn == 2


def test_the_cards_cache_is_under_the_desks_cache_folder() -> None:
    assert CACHE_FOLDER.startswith(CACHE_DIR + "/")


def test_the_key_changes_with_anything_the_card_shows() -> None:
    kb = validate_root(REPO).kb
    card = claim_card(kb.settings, kb.published[0])
    changed = [
        dataclasses.replace(card, site="Other desk"),
        dataclasses.replace(card, claim=card.claim + "!"),
        dataclasses.replace(card, claimant="Someone else"),
        dataclasses.replace(card, verdict=verdict_of(kb.settings, "satire")),
    ]
    keys = {card.key(), *(c.key() for c in changed)}
    assert len(keys) == 5


@pytest.mark.parametrize("text", ["Pyongyang", "Пхеньян", "بيونغ يانغ", "평양", "平壤"])
def test_text_in_any_script_gives_a_card_never_a_crash(text: str) -> None:
    card = Card("Desk", text, text, "xx", verdict_of(Settings(), "false"))
    assert _image(draw_card(card)).size == (WIDTH, TALL)


def test_pillows_own_font_draws_latin_and_text_it_cannot_draw_is_left_off() -> None:
    assert drawable("Pyongyang “nightlife”", ())
    # Hangul is not in Pillow's own font: with no other font it is left off the card, not
    # drawn as boxes.
    assert not drawable("평양", ())
    korean = Card("Desk", "평양", "평양", "ko", verdict_of(Settings(), "false"), ())
    words = _image(draw_card(korean)).convert("L").crop((30, 110, WIDTH, 420))
    assert words.getextrema()[0] > 240, "nothing (no empty boxes) where the words go"


def test_long_text_is_wrapped_and_ended_with_an_ellipsis() -> None:
    measure = functools.partial(text_length, size=50, fonts=())
    lines = wrap("word " * 200, measure, 600, 3)
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert all(measure(line) <= 600 for line in lines)
    one_word = wrap("x" * 500, measure, 600, 2)
    assert len(one_word) == 2 and all(measure(line) <= 600 for line in one_word)


# The CI machine installs Debian's fonts-nanum (`make fonts`); Noto CJK covers Hangul too.
HANGUL_FONTS = (
    "/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
)


def _hangul_font() -> str:
    found = [p for p in HANGUL_FONTS if Path(p).is_file()]
    assert found, "no Hangul font: install Debian's fonts-nanum (`make fonts`)"
    return found[0]


def _words(card: Card) -> Image.Image:
    """Where a card's claim and claimant go (grey levels)."""
    return _image(draw_card(card)).convert("L").crop((MARGIN_X, 110, WIDTH, 420))


MARGIN_X = 30


def test_korean_claims_and_claimants_are_drawn_in_a_hangul_font() -> None:
    hangul = _hangul_font()
    assert hangul in machine_fonts()
    false = verdict_of(Settings(), "false")
    # Two texts of the same length in different syllables: drawn as empty boxes (a
    # font's missing glyph) or left off, their cards would be alike.
    one = Card("Desk", "평양의 밤문화는 세계 최고다", "김철수", "ko", false)
    other = Card("Desk", "서울의 지하철은 무료이다요", "박영희", "ko", false)
    first, second = _words(one), _words(other)
    assert first.getextrema()[0] < 80, "ink where the Korean words go"
    assert first.tobytes() != second.tobytes()
    # Each syllable has a glyph of its own in the font it is drawn with.
    font = ImageFont.truetype(hangul, 40)
    boxes = {bytes(font.getmask(ch)) for ch in "평양의밤문화는세계최고다"}
    assert len(boxes) == len(set("평양의밤문화는세계최고다"))
    assert bytes(font.getmask("\U0010fffd")) not in boxes


def test_each_character_is_drawn_with_the_first_font_that_has_it() -> None:
    hangul = _hangul_font()
    fonts = machine_fonts()
    assert runs("Kim 김철수 said", fonts) == [("", "Kim "), (hangul, "김철수"), ("", " said")]
    # A character no font has is left out; the rest of the text is still drawn.
    assert runs("a\U0010fffdb", fonts) == [("", "ab")]


def test_the_desks_own_font_comes_first_and_is_in_the_cards_key(make_kb: MakeKB) -> None:
    settings = "site_name: t\nplugins:\n  - factdesk:\n      card_fonts: [fonts/hangul.ttf]\n"
    font = Path(_hangul_font()).read_bytes()
    root = make_kb({"mkdocs.yml": settings, "fonts/hangul.ttf": font})
    kb = validate_root(root, TODAY).kb
    assert card_fonts(kb) == (str(root / "fonts/hangul.ttf"), *machine_fonts())
    card = claim_card(kb.settings, kb.published[0], card_fonts(kb))
    assert card.key() != claim_card(kb.settings, kb.published[0]).key()
    # The same file at the same path with other content (an updated font): a new key.
    before = card.key()
    (root / "fonts/hangul.ttf").write_bytes(font[:-4] + b"\0\0\0\1")
    assert card.key() != before


@pytest.mark.parametrize(
    ("written", "files", "why"),
    [
        ("fonts/missing.otf", {}, "there is no such file"),
        ("fonts/notes.ttf", {"fonts/notes.ttf": "not a font"}, "not a font FreeType can read"),
        ("fonts", {"fonts/a.txt": "x"}, "not a regular file"),
        ("../outside.ttf", {}, "outside the knowledge base"),
    ],
)
def test_a_named_font_the_build_cannot_use_is_fd066_at_its_line(
    make_kb: MakeKB, written: str, files: dict[str, str | bytes | None], why: str
) -> None:
    settings = (
        "site_name: t\nsite_url: https://example.org/t/\nplugins:\n  - factdesk:\n"
        f"      card_fonts:\n        - fonts/fine.ttf\n        - {written}\n"
    )
    fine = Path(_hangul_font()).read_bytes()
    root = make_kb({"mkdocs.yml": settings, "fonts/fine.ttf": fine, **files})
    (root.parent / "outside.ttf").write_bytes(fine)
    problems = publishing_problems(root)
    assert [(d.code, d.line) for d in problems] == [("FD066", 7)]
    assert why in problems[0].message
    # The cards are still drawn, with the fonts that can be used.
    kb = validate_root(root, TODAY).kb
    assert card_fonts(kb) == (str(root / "fonts/fine.ttf"), *machine_fonts())
    assert urls.card("claim-a") in render_cards(kb, CardCache(None))


@pytest.mark.parametrize("icon", ICONS, ids=lambda i: i.name)
def test_each_icon_is_redrawn_from_its_svg_outline(icon: object) -> None:
    points = icon_polygon(icon)  # type: ignore[arg-type]
    if icon.name == "circle":  # type: ignore[attr-defined]
        assert points is None
        return
    assert points is not None and len(points) >= 3
    assert all(0 <= x <= 26 and 0 <= y <= 26 for x, y in points)


def test_a_desk_without_a_folder_draws_every_card(tmp_path: Path) -> None:
    cache = CardCache(None)
    card = Card("Desk", "Claim", "Someone", "en", None)
    assert cache.png(card) == cache.png(card)
    assert cache.drawn == 2
    assert not any(tmp_path.iterdir())


def test_a_full_render_keeps_only_the_cards_the_desk_still_has(make_kb: MakeKB) -> None:
    kb = _kb(make_kb)
    assert kb.root is not None
    folder = kb.root / CACHE_FOLDER
    render_cards(kb, cache_for(kb))
    kept = sorted(p.name for p in folder.glob("*.png"))
    # A card of a claim since edited or removed, and a write that stopped halfway.
    (folder / ("0" * 40 + ".png")).write_bytes(b"\x89PNG old card")
    (folder / ("1" * 40 + ".part")).write_bytes(b"\x89PN")
    (folder / "notes.txt").write_text("not a card: left alone")
    # Rendering the cards of some claims only (a save under `serve`) removes nothing.
    render_cards(kb, cache_for(kb), only={"claim-a"})
    assert (folder / ("0" * 40 + ".png")).exists()
    render_cards(kb, cache_for(kb))
    assert sorted(p.name for p in folder.glob("*.png")) == kept
    assert not list(folder.glob("*.part"))
    assert (folder / "notes.txt").exists()


def test_cards_drawn_later_are_the_cards_drawn_now(make_kb: MakeKB) -> None:
    """`serve` draws a large desk's missing cards behind its first pages."""
    kb = _kb(make_kb, {"claims/claim-b.yaml": BASE_CLAIM.replace("claim-a", "claim-b")})
    later = render_cards_later(kb, cache_for(kb))
    drawings = [d for d in later.values() if isinstance(d, Drawing)]
    assert len(drawings) == 3, "none in the cache yet"
    assert later[urls.card("claim-a")] is later[urls.card("claim-b")], "drawn once"
    drawn = {path: d() if isinstance(d, Drawing) else d for path, d in later.items()}
    cache = cache_for(kb)
    assert render_cards(kb, cache) == drawn
    assert cache.drawn == 0, "a drawing keeps its card in the cache"
    assert all(isinstance(d, bytes) for d in render_cards_later(kb, cache_for(kb)).values())
