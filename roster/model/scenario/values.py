"""Rule values: hard numbers and soft ones with a weight, and times of day."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Discriminator, Field, Tag

_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Soft(Frozen):
    """A rule value that may be broken at a cost: ``{value: 3, weight: 100}``."""

    value: float = Field(ge=0)
    weight: int = Field(ge=0)


def _limit_kind(value: Any) -> str:
    return "soft" if isinstance(value, (dict, Soft)) else "number"


Limit = Annotated[Annotated[float, Field(ge=0), Tag("number")] | Annotated[Soft, Tag("soft")],
                  Discriminator(_limit_kind)]
"""A hard number (at least 0), or a soft one with a weight: ``{value: 3, weight: 100}``."""


def _whole(limit: Any) -> Any:
    value = limit.value if isinstance(limit, Soft) else limit
    if value is not None and not float(value).is_integer():
        raise ValueError(f"{value:g} is not a whole number (it counts seats, days or weekends)")
    return limit


Count = Annotated[Limit, AfterValidator(_whole)]
"""A limit that counts (seats, days, weekends): a whole number, hard or soft."""


def limit_value(limit: Limit | None) -> float | None:
    if limit is None:
        return None
    return limit.value if isinstance(limit, Soft) else float(limit)


def limit_weight(limit: Limit | None) -> int | None:
    """The penalty weight of a soft limit; ``None`` means hard."""
    return limit.weight if isinstance(limit, Soft) else None


def parse_minutes(text: str) -> int:
    """``"08:30"`` → 510. ``"24:00"`` is allowed as the end of a day."""
    m = _TIME.match(str(text).strip())
    if not m:
        raise ValueError(f"time {text!r} is not HH:MM")
    h, mi = int(m.group(1)), int(m.group(2))
    if h > 24 or mi > 59 or (h == 24 and mi):
        raise ValueError(f"time {text!r} is not a time of day")
    return h * 60 + mi

