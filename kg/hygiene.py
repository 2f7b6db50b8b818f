"""Text hygiene: what ingest cleans in a stored text and what the parser sees.

Two steps, both keeping every offset:

* :func:`storable` makes a text safe to store: a lone surrogate (JSON allows
  ``"\\ud800"``; UTF-8 cannot encode it) or a noncharacter (U+FFFF; Turtle
  and XML refuse it) becomes U+FFFD, and a control character (other than tab
  and line breaks) becomes a space, one character for one, so offsets into
  the stored text are offsets into the input.
* :func:`parseable` is what the parser reads instead of the stored text, of
  the same length: odd spaces become plain spaces, emoji and pictographs
  become spaces, and invisible format characters (zero-width spaces and
  joiners, bidi marks, soft hyphens) are taken out of their word and put back
  as spaces at its end. "Syr\\u200bia" is parsed as "Syria " and found as the
  country; offsets outside such a word are exact, inside it off by at most
  the number of characters taken out.
"""

from __future__ import annotations

import re

__all__ = ["parseable", "plain_label", "storable"]

# Lone surrogates and noncharacters (U+FDD0..U+FDEF, U+xFFFE and U+xFFFF),
# which UTF-8, Turtle and XML refuse.
_UNSTORABLE = re.compile(
    "[\ud800-\udfff\ufdd0-\ufdef"
    + "".join(
        f"{chr(p * 0x10000 + 0xFFFE)}{chr(p * 0x10000 + 0xFFFF)}" for p in range(17)
    )
    + "]"
)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")
# Spaces other than the plain one, and line or paragraph separators.
_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_BREAKS = re.compile("[\u0085\u2028\u2029]")
# Emoji, pictographs and their modifiers (variation selectors, skin tones).
_PICTURES = re.compile("[\u2600-\u27bf\u2b00-\u2bff\ufe00-\ufe0f\U0001f000-\U0001faff]")
# Invisible format characters (Unicode category Cf).
_INVISIBLE = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u0890\u0891\u06dd\u070f\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f]"
)
_WORD = re.compile(r"\S+")
# Bidirectional embeddings, overrides, isolates and marks: in a title or a
# label they can make text display in another order than it is read.
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def storable(text: str) -> str:
    """The text with lone surrogates and control characters replaced, same length.

    Examples:
        >>> storable("Syria\\ud800 said\\x0b")
        'Syria\\ufffd said '
    """
    text = _UNSTORABLE.sub("\ufffd", text)
    return _CONTROL.sub(" ", text)


def plain_label(text: str) -> str:
    """A title or label without bidirectional controls (offsets do not
    matter in one; the article text keeps them).

    Examples:
        >>> plain_label("Tories \u202eattack\u202c burglar")
        'Tories attack burglar'
    """
    return _BIDI.sub("", text)


def parseable(text: str) -> str:
    """What the parser reads for ``text``: same length, no invisible characters.

    Examples:
        >>> parseable("Syr\\u200bia \\U0001f680 said")
        'Syria    said'
        >>> len(parseable("a\\u00a0b")) == 3
        True
    """
    text = _SPACES.sub(" ", text)
    text = _BREAKS.sub("\n", text)
    text = _PICTURES.sub(" ", text)
    if not _INVISIBLE.search(text):
        return text
    return _WORD.sub(_visible, text)


def _visible(match: re.Match[str]) -> str:
    word = match.group()
    kept = _INVISIBLE.sub("", word)
    return kept + " " * (len(word) - len(kept))
