"""The command line's own lines (``--lang zh``)."""

from __future__ import annotations

CLI: dict[str, tuple[str, str]] = {
    "cli.hard": ("HARD", "硬性"),
    "cli.soft": ("soft", "软性"),
    "cli.validate.summary": ("{hard} hard violations, {soft} soft ones costing {cost}",
                             "硬性违规 {hard} 条，软性 {soft} 条，代价 {cost}"),
    "cli.swap.swap": ("swap: {swap}", "换班：{swap}"),
    "cli.swap.breaks": ("  breaks  {text}", "  违反  {text}"),
    "cli.swap.mends": ("  mends   {text}", "  修复  {text}"),
    "cli.swap.soft": ("soft cost {change:+d} ({terms})", "软性代价 {change:+d}（{terms}）"),
    "cli.swap.refused": ("REFUSED", "不允许"),
    "cli.swap.allowed": ("ALLOWED", "允许"),
    "cli.swap.approve": ("ALLOWED: needs approval by {by}", "允许：需由 {by} 审批"),
    "cli.repair.head": ("{name}: repair from {start}: {status} in {seconds:.1f}s",
                        "{name}：自 {start} 起调整：{status}，用时 {seconds:.1f} 秒"),
    "cli.repair.infeasible": ("no roster keeps every hard rule with these absences:",
                              "无法满足全部硬性规则:"),
    "cli.repair.changed": ("changed cells: {n}", "变更: {n}"),
    "cli.repair.none": ("no changes", "无变更"),
    "cli.repair.tell": ("who must be told:", "需通知"),
    "cli.wrote": ("wrote {paths}", "已写入 {paths}"),
}
