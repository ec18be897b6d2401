"""A/B posts (AB岗): one holder in each opening period, A first, then the backups."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from .values import Frozen


class Post(Frozen):
    """An A/B post: a window or desk manned by exactly one holder in each opening period.

    A mans it whenever A works the post's shift; otherwise a backup (B, then the next) does.
    """

    id: str
    name: str = ""
    shift: str | tuple[str, ...]
    days: Any = "all"
    """Opening days (a day selector); a period opens when the day matches and the shift runs."""
    a: str
    b: str | tuple[str, ...]
    """Backup holders in order of preference."""
    counts_toward: str | None = None
    """A role whose seats post duty also fills (``None``: post duty fills no seat)."""
    backup_weight: int = Field(default=10, ge=0)
    """Cost of each period manned by a backup: the weight times the backup's place (1, 2, …)."""

    @property
    def shifts(self) -> tuple[str, ...]:
        return (self.shift,) if isinstance(self.shift, str) else tuple(self.shift)

    @property
    def backups(self) -> tuple[str, ...]:
        return (self.b,) if isinstance(self.b, str) else tuple(self.b)

    @property
    def holders(self) -> tuple[str, ...]:
        """A first, then the backups in order."""
        return (self.a, *self.backups)

    @property
    def label(self) -> str:
        return self.name or self.id

