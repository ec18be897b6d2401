"""What the validator finds: one ``Violation`` per broken rule, gathered in a ``Report``."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from roster.i18n import Msg
from roster.model.rule_names import Rule


@dataclass(frozen=True)
class Violation:
    rule: Rule
    """The objective term or rule it breaks (coverage_shortfall, rest, leave, ...); its family
    declares it (``Family.violations`` in roster.solver.rules, ``Check.reports`` here), or it is
    kept by the variables themselves (``BY_VARIABLES``)."""
    hard: bool
    message: Msg
    """What is broken: a catalogue key and its parameters (``roster.i18n``), rendered by
    ``in_lang`` (``text`` and ``zh`` are its English and 中文)."""
    cost: int = 0
    """Penalty for a soft rule (0 for hard ones)."""
    staff: str | None = None
    date: dt.date | None = None

    @property
    def text(self) -> str:
        return self.message.render("en")

    @property
    def zh(self) -> str:
        return self.message.render("zh")

    def in_lang(self, lang: str = "en") -> str:
        return self.message.render(lang)

    def __str__(self) -> str:
        return f"[{'hard' if self.hard else f'soft {self.cost}'}] {self.text}"


@dataclass
class Report:
    violations: list[Violation] = field(default_factory=list)

    @property
    def hard(self) -> list[Violation]:
        return [v for v in self.violations if v.hard]

    @property
    def soft(self) -> list[Violation]:
        return [v for v in self.violations if not v.hard]

    @property
    def ok(self) -> bool:
        return not self.hard

    @property
    def cost(self) -> int:
        return sum(v.cost for v in self.soft)

    def costs(self) -> dict[Rule, int]:
        out: dict[Rule, int] = defaultdict(int)
        for v in self.soft:
            out[v.rule] += v.cost
        return dict(out)
