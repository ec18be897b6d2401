"""Words the messages put in their sentences."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    "word.staff": ("staff", "人员"),
    "word.off": ("off", "休"),
    "word.none": ("none", "无"),
    "word.no": ("no", "无"),
    "word.nights": ("nights", "夜班"),
    "word.weekends": ("weekends", "周末班"),
    "word.holidays": ("holidays", "节假日班"),
    "word.work_days": ("work days", "上班"),
    "word.days_off": ("days off", "休息"),
}
