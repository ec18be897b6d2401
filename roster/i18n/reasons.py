"""Sentences of the loader and of the availability check, in 中文 by pattern (they are made in
English where the scenario is read and checked, and translated where they are shown)."""

from __future__ import annotations

PATTERNS: tuple[tuple[str, str], ...] = (
    # (the English, as a whole-message pattern; 中文)
    (r"time '(.*)' is not a time of day", r"时间 '\1' 不是一天中的时刻（00:00–23:59）"),
    (r"time '(.*)' is not HH:MM", r"时间 '\1' 不是 HH:MM 格式"),
    (r"'(.*)' is not a date.*", r"'\1' 不是有效日期（YYYY-MM-DD）"),
    (r"not a date span", "不是日期区间"),
    (r"not a date.*", "不是有效日期（YYYY-MM-DD）"),
    (r"must be at least (.*)", r"不能小于 \1"),
    (r"must be at most (.*)", r"不能大于 \1"),
    (r"not a number", "不是数字"),
    (r"unknown role '(.*)'", r"未知角色 '\1'"),
    (r"unknown shift '(.*)'", r"未知班次 '\1'"),
    (r"unknown rule", "未知规则"),
    (r"unknown measure", "未知指标"),
    (r"duplicate id '(.*)'", r"编号 '\1' 重复"),
    (r"max is below min (.*)", r"最多人数小于最少人数 \1"),
    (r"seats cannot be negative", "人数不能为负"),
    (r"a name is needed", "姓名不能为空"),
    (r"not valid YAML: (.*)", r"不是有效的 YAML：\1"),
    (r"this section is edited in its own table", "该部分在自己的表格中编辑"),
    (r"write dates as YYYY-MM-DD, separated by commas", "日期写作 YYYY-MM-DD，多个用逗号分隔"),
    (r"write dates as YYYY-MM-DD", "日期写作 YYYY-MM-DD"),
    (r"write 2026-12-01\.\.2026-12-10", "写作 2026-12-01..2026-12-10"),
    (r"known role ids: (.*)", r"已有角色编号：\1"),
    (r"known shift ids: (.*)", r"已有班次编号：\1"),
    (r"write 40 for a hard limit, or 40 @ 100 for a soft one with weight 100",
     "硬性上限写 40；软性写 40 @ 100（每超出一个单位权重 100）"),
    (r"write a name, or remove the row", "请填写姓名，或删除该行"),
    # why a person cannot take a shift (roster.model.availability; the pin panel's rest check)
    (r"shift (\S+) does not run on (\S+)", r"班次 \1 在 \2 不开设"),
    (r"(\S+) has a fixed day off", r"\1 当天固定休息"),
    (r"(\S+) is pinned off", r"\1 已固定为休息"),
    (r"(\S+) is pinned to (\S+) on (\S+): (\S+) h rest, at least (\S+) h",
     r"\1 在 \3 已固定为 \2：只休息 \4 小时，至少需 \5 小时"),
    (r"(\S+) is pinned to one of (.+)", r"\1 已固定为 \2 之一"),
    (r"(\S+) is pinned to (\S+)", r"\1 已固定为 \2"),
    (r"(\S+) on (\S+) leave", r"\1 当天休假（\2）"),
    (r"(\S+) cannot work (\S+)", r"\1 不能上 \2 班"),
    (r"(\S+) may work no (\S+) shifts", r"\1 不能上任何 \2 班"),
    # what an A/B post holder is doing instead (the validator's post check)
    (r"(\S+) off", r"\1 休息"),
    (r"(\S+) on post (\S+)", r"\1 在 \2 岗"),
    (r"(\S+) works (\S+)", r"\1 上 \2 班"),
)
"""Whole-message patterns, tried in order (the first that matches the whole sentence wins)."""
