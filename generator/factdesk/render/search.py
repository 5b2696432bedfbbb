"""Values handed to Pagefind (filters, metadata): inert as HTML and as text alike.

What Pagefind 1.5.2 does with them, read from its `pagefind-ui.js` and measured:

- filter names and values are entity-decoded by the indexer twice (once as HTML, once
  more on their own: `&amp;lt;` in the page is stored as `<`), and the Default UI puts
  them into the filter panel with `innerHTML`;
- metadata (the result title among them) is decoded once, and the UI shows it as text;
- excerpts are Pagefind's own HTML: it escapes `<` and `>` of the indexed text and adds
  `<mark>`.

Escaping a value once more for the filter panel would depend on how many times Pagefind
decodes (a third pass, or one fewer, and the value runs or shows `&lt;`), and a UI that
showed it as text would print the entities. So the values carry no markup at all: a WORD
JOINER (U+2060, invisible and zero-width) goes after every `<` and `&`. Neither character
can then begin a tag or a character reference, however many times the text is decoded or
parsed as HTML, and a reader still sees exactly the name that was written.
"""

from __future__ import annotations

WORD_JOINER = "\u2060"
_DEFUSED = str.maketrans({"<": "<" + WORD_JOINER, "&": "&" + WORD_JOINER})


def pagefind_value(text: str) -> str:
    """`text` as a Pagefind filter or metadata value that no HTML parser reads as markup."""
    return text.translate(_DEFUSED)
