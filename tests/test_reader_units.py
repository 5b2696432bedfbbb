"""What readers see on the generated pages: topic names, charts, the claim page's lines."""

from __future__ import annotations

import datetime as dt
import re

from factdesk.check.pipeline import validate_root
from factdesk.records.settings import Settings
from factdesk.render import render_site
from factdesk.render.charts import bar_chart

from conftest import MakeKB
from kbfactory import BASE_CLAIM

TODAY = dt.date(2026, 1, 1)
C = "claims/claim-a.yaml"
TOPICS = """\
site_name: t
plugins:
  - factdesk:
      topics:
        - key: north-korea
          label: North Korea
          description: Claims about the country.
        - press-freedom
"""


def test_topics_take_labels_and_the_plain_form_still_works() -> None:
    settings = Settings.model_validate(
        {"topics": [{"key": "north-korea", "label": "North Korea"}, "press-freedom"]}
    )
    assert settings.topic_keys == ("north-korea", "press-freedom")
    assert settings.topic("north-korea").name == "North Korea"
    assert settings.topic("press-freedom").name == "press-freedom"
    assert settings.topic("anything").name == "anything"


def test_pages_show_the_topics_label_and_description(make_kb: MakeKB) -> None:
    claim = BASE_CLAIM + "topics:\n  - north-korea\n  - press-freedom\n"
    result = validate_root(make_kb({"mkdocs.yml": TOPICS, C: claim}), TODAY)
    assert result.errors == []
    out = render_site(result.kb)
    topic = out["topics/north-korea.md"]
    assert "title: North Korea" in topic and "Claims about the country." in topic
    assert '">North Korea</a>' in out[C.replace(".yaml", ".md")]
    assert '<option value="north-korea">North Korea</option>' in out["browse.md"]
    assert "Topic: north-korea" not in topic


def test_a_claimant_with_one_claim_gets_one_chart_row(make_kb: MakeKB) -> None:
    out = render_site(validate_root(make_kb({}), TODAY).kb)
    page = next(v for k, v in out.items() if k.startswith("claimants/") and k != "claimants.md")
    assert len(re.findall(r"<tr><th scope=\"row\">", page)) == 1
    assert '<th scope="row">False</th>' in page


def test_charts_are_html_with_counts_and_no_scaled_text() -> None:
    chart = str(bar_chart([("True", 3, "#2e7d32"), ("False", 0, "#c62828")], "By rating"))
    assert "<svg" not in chart and "font-size" not in chart
    assert "<caption>By rating</caption>" in chart
    assert "--fd-share: 100;" in chart and "--fd-share: 0;" in chart
    assert '<span class="fd-bar-count">0</span>' in chart


def test_the_claim_page_says_who_when_where_and_who_wrote_it(make_kb: MakeKB) -> None:
    claim = BASE_CLAIM.replace("  name: Someone\n", "  name: Someone\n  platform: X\n") + (
        "claim_date: 2023-05-01\nauthors:\n  - Ana\neditor: Ben\n"
        "appearances:\n  - url: https://x.example/p\n    platform: X\n    first: true\n"
        "    date: 2023-05-02\n"
    )
    result = validate_root(make_kb({C: claim}), TODAY)
    assert result.errors == []
    page = render_site(result.kb)["claims/claim-a.md"]
    said = re.search(r'<p class="fd-said">(.*?)</p>', page, re.S)
    assert said is not None
    text = re.sub(r"<[^>]+>", "", said.group(1))
    assert text == "Claimed by Someone on X · 1 May 2023 · first seen X, 2 May 2023"
    byline = re.search(r'<p class="fd-byline"[^>]*>(.*?)</p>', page, re.S)
    assert byline is not None
    assert re.sub(r"<[^>]+>", "", byline.group(1)).strip() == (
        "By Ana · Edited by Ben · Published 2 January 2024"
    )
    assert "Record</dt>" not in page and "claims/claim-a.yaml</code>" not in page
    assert "## Our sources" in page
