"""Messages as data: a key into the catalogue and its parameters, rendered in a language."""

from __future__ import annotations

import re
from collections.abc import Mapping

from .cli import CLI
from .reasons import PATTERNS
from .rules import RULES
from .validator import VALIDATOR
from .words import WORDS

LANGS = ("en", "zh")

CATALOGUE: dict[str, tuple[str, str]] = {}
"""Every keyed text, key: (English, 中文): the validator's messages, the words they use, the
command line's lines, and rule names under ``rule.<name>``."""
for _part in (VALIDATOR, WORDS, CLI, {f"rule.{k}": v for k, v in RULES.items()}):
    _clash = CATALOGUE.keys() & _part.keys()
    if _clash:
        raise ValueError(f"keys defined twice in the catalogue: {sorted(_clash)}")
    CATALOGUE.update(_part)


class Msg:
    """A message: a catalogue key and its parameters (no words of its own until rendered).

    A parameter may itself be a ``Msg`` (rendered in the same language), a ``Said`` (a sentence of
    the model's, translated by pattern) or a list or tuple of these (joined: ``, `` in English,
    ``、`` in 中文); anything else is formatted as it is (``{hours:g}`` works)."""

    __slots__ = ("key", "params")

    def __init__(self, key: str, /, **params: object) -> None:
        if key not in CATALOGUE and key != LITERAL:
            raise KeyError(f"no message {key!r} in the catalogue")
        self.key = key
        self.params: Mapping[str, object] = params

    @classmethod
    def literal(cls, en: str, zh: str = "") -> Msg:
        """A text that is not in the catalogue (kept for callers that bring their own words)."""
        return cls(LITERAL, en=en, zh=zh or en)

    def render(self, lang: str = "en") -> str:
        if self.key == LITERAL:
            return str(self.params["zh" if lang == "zh" else "en"])
        en, zh = CATALOGUE[self.key]
        values = {k: _value(v, lang) for k, v in self.params.items()}
        return (zh if lang == "zh" else en).format(**values)

    def __str__(self) -> str:
        return self.render("en")

    def __repr__(self) -> str:
        args = "".join(f", {k}={v!r}" for k, v in self.params.items())
        return f"Msg({self.key!r}{args})"

    def _ident(self) -> tuple:
        return self.key, tuple(sorted((k, repr(v)) for k, v in self.params.items()))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Msg) and self._ident() == other._ident()

    def __hash__(self) -> int:
        return hash(self._ident())


LITERAL = ""


class Said:
    """A sentence in English from elsewhere (a reason of the availability check, a loader message):
    shown as it is in English, through the catalogue's patterns in 中文."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return f"Said({self.text!r})"


def _value(v: object, lang: str) -> object:
    if isinstance(v, Msg):
        return v.render(lang)
    if isinstance(v, Said):
        return translate(v.text, lang)
    if isinstance(v, list | tuple):
        return ("、" if lang == "zh" else ", ").join(str(_value(x, lang)) for x in v)
    return v


def text(key: str, lang: str = "en", /, **params: object) -> str:
    """The catalogue's text for ``key`` in ``lang``, filled with ``params``."""
    return Msg(key, **params).render(lang)


def rule_name(rule: str, lang: str = "en") -> str:
    """A rule family's or violation's name in the planners' words (the name itself when unknown)."""
    en, zh = RULES.get(rule, (rule, rule))
    return zh if lang == "zh" else en


def translate(message: str, lang: str = "en") -> str:
    """An English sentence of the loader or of the availability check in ``lang`` (unchanged in
    English, and when no pattern knows it)."""
    if lang != "zh" or not message:
        return message
    for pattern, zh in PATTERNS:
        m = re.fullmatch(pattern, message.strip())
        if m:
            return m.expand(zh)
    return message


def english_texts() -> list[str]:
    """The English side of the whole catalogue (templates with their ``{placeholders}``, rule names,
    and the patterns' fixed words): what a 中文 page must not show."""
    texts = [en for en, zh in CATALOGUE.values() if en != zh]
    for pattern, _ in PATTERNS:
        texts += [p for p in re.split(r"\([^)]*\)|\\S\+|\.\*|\\\.|[\^$]", pattern) if p.strip()]
    return texts
