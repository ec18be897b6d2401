"""One message catalogue for the app and the command line, in English and 中文: rule names, the
validator's messages (``Msg``: a key and its parameters), the reasons a person cannot take a shift,
the loader's messages and the command line's own lines.

It is the lowest layer: it imports nothing of the project, so the model, the validator, the
services, the command line and the app may all use it."""

from .catalogue import CATALOGUE, LANGS, Msg, Said, english_texts, rule_name, text, translate
from .reasons import PATTERNS
from .rules import RULES

__all__ = ["CATALOGUE", "LANGS", "PATTERNS", "RULES", "Msg", "Said", "english_texts", "rule_name",
           "text",
           "translate"]
