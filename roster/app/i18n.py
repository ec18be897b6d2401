"""The app's words in 中文 and English. Rule names, the validator's messages and the reasons a
person cannot take a shift live in the catalogue the command line shares (``roster.i18n``)."""

from __future__ import annotations

from roster.i18n import PATTERNS, RULES, rule_name, translate

__all__ = ["HEADERS", "LANGS", "MESSAGES", "RULES", "STRINGS", "header", "message", "rule_name",
           "t"]

LANGS = {"zh": "中文", "en": "English"}

STRINGS: dict[str, tuple[str, str]] = {
    # key: (English, 中文)
    "title": ("Roster planner", "排班助手"),
    "language": ("Language", "语言"),
    "page": ("Page", "页面"),
    "page.open": ("Open", "打开"),
    "page.edit": ("Edit", "编辑"),
    "page.roster": ("Solve & roster", "求解与排班表"),
    "page.compare": ("Compare", "对比"),
    "no_scenario": ("Open a scenario first (page Open).", "请先在「打开」页打开一个场景。"),
    "current": ("Current scenario", "当前场景"),
    "unsaved": ("unsaved changes", "有未保存的修改"),
    "saved_as": ("saved as", "已保存为"),
    "bundled": ("Bundled scenario", "内置场景"),
    "open": ("Open", "打开"),
    "upload": ("Upload a scenario (YAML)", "上传场景文件（YAML）"),
    "upload_zone": ("Upload or drag a file here: {types}, up to 200 MB.",
                    "点击「上传」选择文件，或把文件拖到上方框内：{types}，单个文件不超过 200 MB。"),
    "upload_staff": ("Upload a staff list (Excel/CSV) into the current scenario",
                     "导入人员名单（Excel/CSV）到当前场景"),
    "staff_merged": ("Staff list merged: {n} people ({added} added, {changed} fields changed, "
                     "{dropped} removed).",
                     "已合并人员名单：共 {n} 人（新增 {added} 人，修改 {changed} 项，移除 "
                     "{dropped} 人）。"),
    "staff_list": ("Staff list", "人员名单"),
    "template": ("Download the staff list template (Excel)", "下载人员名单模板（Excel）"),
    "upload_staff_help": ("Columns 工号/id, 姓名/name, 角色/roles (role names or ids), optional "
                          "hired, cannot, days_off and per-person limits. People are matched by "
                          "staff id.",
                          "列：工号、姓名、角色（角色名称或编号均可），可选入职日期、不上班次、"
                          "固定休息日和个人上限。按工号匹配人员。"),
    "staff_preview": ("The list has {rows} people: {added} new, {changed} fields changed, "
                      "{missing} of the scenario's people are not in it. Nothing changes until you "
                      "merge.",
                      "名单共 {rows} 人：新增 {added} 人，修改 {changed} 项，场景中有 {missing} "
                      "人不在名单里。合并前不会有任何改动。"),
    "staff_added": ("New", "新增"),
    "field": ("Field", "字段"),
    "before": ("Before", "原值"),
    "after": ("After", "新值"),
    "staff_missing": ("{n} people are not in the list and stay in the scenario: {names}",
                      "{n} 人不在名单中，仍保留在场景里：{names}"),
    "staff_drop": ("Also remove the {n} people who are not in the list",
                   "同时移除不在名单中的 {n} 人"),
    "staff_apply": ("Merge into the scenario", "合并到场景"),
    "staff_cancel": ("Cancel", "取消"),
    "welcome": ("**Start here.** 1. Open a sample centre below, your own scenario file, or a saved "
                "scenario. 2. *Edit* staff, shifts, demand and leave. 3. *Solve & roster*: solve, "
                "read the month grid, pin cells, solve again. 4. *Save version* in the sidebar and "
                "download the roster for the attendance system or for print.",
                "**从这里开始。** 1. 在下方打开示例中心、自己的场景文件或已保存的场景。2. "
                "在「编辑」页修改人员、班次、需求和休假。3. 在「求解与排班表」页求解、"
                "查看月排班表、固定单元格并重新求解。4. 在侧栏「保存版本」，"
                "下载排班表导入考勤系统或打印。"),
    "upload_help": ("A scenario file (YAML or JSON) as described in the scenario guide.",
                    "按场景说明编写的场景文件（YAML 或 JSON）。"),
    "roster_unsaved": ("saved as {label}; the roster on screen is not saved",
                       "已保存为 {label}；当前排班表尚未保存"),
    "people": ("{n} people", "{n} 人"),
    "note_help": ("what changed (optional)", "改了什么（可选）"),
    "workers_help": ("Threads the solver uses; the machine's cores by default.",
                     "求解使用的线程数，默认为本机核数。"),
    "store": ("Saved in", "保存位置"),
    "solving_stable": ("Solving again from the roster on screen, changing as few cells as "
                       "possible…",
                       "正在从当前排班表重新求解，尽量少改动单元格…"),
    "resolve_help": ("Keeps the roster on screen and changes as few cells as the new pins and "
                     "edits need.",
                     "保留当前排班表，只做新的固定和修改所需的最少改动。"),
    "from_scratch": ("Solve from scratch", "从头求解"),
    "from_scratch_help": ("A new search that may move any cell.",
                          "重新搜索，任何单元格都可能变化。"),
    "changed_cells": ("Cells changed", "变化的单元格"),
    "status.OPTIMAL": ("optimal", "最优"),
    "status.FEASIBLE": ("feasible", "可行"),
    "status.INFEASIBLE": ("infeasible", "无解"),
    "status.UNKNOWN": ("unknown", "未知"),
    "person": ("Per person", "按人员查看"),
    "week": ("Days", "日期范围"),
    "whole_month": ("whole horizon", "整个排班期"),
    "pin_help": ("Click a cell of the month grid to pick it, or choose the person and date here.",
                 "点击月排班表中的单元格选中它，或在此选择人员和日期。"),
    "pinned_to": ("pinned: {shift}", "已固定：{shift}"),
    "cell_card": ("**{who}**, {date}: {shift} {pin}", "**{who}**，{date}：{shift} {pin}"),
    "cannot_list": ("Cannot take — {items}", "不能上 — {items}"),
    "print_help": ("Print this page from the browser (Ctrl+P): the sheet comes out alone on A4 "
                   "landscape, one page for up to 40 people, with the legend and the lines to "
                   "sign.",
                   "用浏览器打印本页（Ctrl+P）：只打印下方排班表，A4 横向，40 人以内一页，"
                   "含图例和签字栏。"),
    "print": ("Print", "打印"),
    "print_pins": ("Show pins", "显示固定标记"),
    "print_overtime": ("Show hours over contract", "显示超出合同工时"),
    "role": ("Role", "角色"),
    "team": ("Team", "班组"),
    "all": ("all", "全部"),
    "find": ("Person", "人员"),
    "find_help": ("id or name", "工号或姓名"),
    "grid_page": ("Page (of {n})", "页（共 {n} 页）"),
    "grid_count": ("{shown} of {n} people shown.", "显示 {n} 人中的 {shown} 人。"),
    "cannot_take": ("Cannot take this shift: {reason}", "不能上这个班：{reason}"),
    "rule": ("Rule", "规则"),
    "hard": ("Hard", "硬性"),
    "cost": ("Cost", "代价"),
    "text": ("What", "说明"),
    "seen_at_once": ("Seen in the scenario at once:", "从场景中直接看出："),
    "explain_again": ("Look again, longer ({s} s)", "再找一次，时间更长（{s} 秒）"),
    "explain_unknown": ("The solve proved that no roster meets every hard rule, but the rules in "
                        "conflict were not found within {s} s. Look again with more time.",
                        "求解已证明没有满足全部硬性规则的排班，但 {s} 秒内未找出相互冲突的规则。"
                        "请用更长时间再找。"),
    "explain_feasible": ("With the current scenario a roster exists: solve again.",
                         "当前场景可以排班：请重新求解。"),
    "w.shifts": ("Shifts", "班次数"),
    "w.nights": ("Nights", "夜班"),
    "w.weekends": ("Weekends", "周末"),
    "w.weekend_days": ("Weekend days", "周末天数"),
    "w.holidays": ("Holidays", "节假日"),
    "w.hours": ("Hours", "工时"),
    "w.contract": ("Contract h", "合同工时"),
    "w.overtime": ("Over contract h", "超合同工时"),
    "w.coverage": ("have/need", "实到/需求"),
    "w.was": ("was", "原为"),
    "w.off": ("off", "休"),
    "w.leave": ("leave", "休假"),
    "w.legend": ("Legend", "图例"),
    "w.signature": ("Prepared by", "排班人"),
    "w.checked": ("Approved by", "审核人"),
    "w.printed": ("Date", "日期"),
    "w.total": ("Total", "合计"),
    "w.staff": ("Staff", "人员"),
    "w.taken": ("days taken", "天已休"),
    "w.workday": ("workday", "工作日"),
    "w.weekend": ("weekend", "周末"),
    "w.holiday": ("holiday", "法定节假日"),
    "w.in_lieu": ("rest day in lieu", "调休休息"),
    "w.adjusted_workday": ("adjusted workday", "调休上班"),
    "w.left": ("left", "天剩余"),
    "w.break": ("break", "休息"),
    "w.pattern": ("pattern", "轮班"),
    "w.rostered": ("rostered", "实排"),
    "w.deviation": ("off its rotation pattern (hover: the pattern's cell)",
                    "偏离轮班规律（悬停查看轮班应排）"),
    "w.team": ("team", "班组"),
    "saved": ("Saved scenarios", "已保存的场景"),
    "version": ("Version", "版本"),
    "continue": ("Continue", "继续"),
    "store_empty": ("Nothing saved yet.", "尚无保存的场景。"),
    "save": ("Save version", "保存版本"),
    "note": ("Note", "备注"),
    "saved_ok": ("Saved {label}.", "已保存 {label}。"),
    "opened": ("Opened {name}.", "已打开 {name}。"),
    "edit_help": ("Edit a cell and press Enter. A bad value is named below the table; the last "
                  "good scenario stays in use.",
                  "修改单元格后按回车。错误的值会在表格下方指出，仍使用最后一个正确的场景。"),
    "other": ("Other settings (YAML)", "其他设置（YAML）"),
    "apply": ("Apply", "应用"),
    "holiday_by_name": ("Add a Chinese statutory holiday by name", "按名称添加法定节假日"),
    "holiday_by_name_help": ("Its days in the horizon (from chinese-calendar) go under "
                             "holidays.add.",
                             "将其在排班期内的日期（取自 chinese-calendar）加入 holidays.add。"),
    "holiday_add": ("Add holiday", "添加节假日"),
    "holiday_added": ("Added {name}: {n} days.", "已添加 {name}：{n} 天。"),
    "holiday_none": ("Every statutory holiday in the horizon is a holiday in the scenario already.",
                     "排班期内的法定节假日均已是场景中的节假日。"),
    "row_col": ("row {row}, column {col}", "第 {row} 行，{col} 列"),
    "solve": ("Solve", "求解"),
    "stop": ("Stop", "停止"),
    "time_limit": ("Time limit (s)", "求解时限（秒）"),
    "workers": ("Solver threads", "求解线程数"),
    "solving": ("Solving…", "正在求解…"),
    "objective": ("Objective", "目标值"),
    "bound": ("Bound", "下界"),
    "bound.cp-sat": ("CP-SAT bound", "CP-SAT 下界"),
    "bound.column generation": ("column-generation bound", "列生成下界"),
    "progress": ("Objective and bound over time (s)", "目标值与下界随时间变化（秒）"),
    "elapsed": ("Elapsed", "用时"),
    "gap": ("Gap", "差距"),
    "status": ("Status", "状态"),
    "no_solution_yet": ("No roster found yet.", "尚未找到排班。"),
    "stopped": ("Stopped: kept the best roster found so far.", "已停止：保留目前最好的排班。"),
    "solve_error": ("The solve failed: {error}", "求解出错：{error}"),
    "restored": ("Brought back the draft of {name} (saved {when} UTC): the scenario and the roster "
                 "on screen as you left them.",
                 "已恢复 {name} 的草稿（保存于 {when} UTC）：场景和排班表与离开时一致。"),
    "replace_unsaved": ("The scenario on screen has unsaved changes: opening another one replaces "
                        "it on this page (save a version first to keep it as a version).",
                        "当前场景有未保存的修改：打开其他场景会在本页替换它（如需保留，"
                        "请先保存版本）。"),
    "rejected_edits": ("Not in use — {tables} holds an edit the scenario rejected: {error}. The "
                       "solve uses the last good scenario; fix the table on the Edit page first.",
                       "未生效——{tables}中有被拒绝的修改：{error}。求解使用的是上一个有效场景；"
                       "请先在「编辑」页改正该表。"),
    "infeasible": ("No roster meets every hard rule (proved by the solve in {s} s).",
                   "没有满足全部硬性规则的排班（求解用 {s} 秒证明）。"),
    "unknown": ("No roster found within the time limit; try a longer one.",
                "时限内未找到排班，请延长时限。"),
    "resolve_kept": ("This solve found no roster in its {s} s: the roster on screen is the one "
                     "from before, and the rule check shows what it breaks of the scenario now "
                     "(the pins stay). Solve again with a longer time limit.",
                     "本次求解在 {s} 秒内未找到排班：页面上仍是之前的排班，"
                     "规则检查列出它与当前场景（固定单元格保留）的冲突。请延长时限后再次求解。"),
    "from_pins": ("No better roster found in the time: this is the roster from before with the "
                  "pins applied (it keeps every hard rule). Solve again with a longer time limit "
                  "to fill the seats it leaves.",
                  "时限内未找到更好的排班：这是之前的排班加上固定单元格（满足全部硬性规则）。"
                  "延长时限后再次求解可补足空缺。"),
    "explain": ("Explain why", "说明原因"),
    "explaining": ("Looking for the conflicting rules… {s} s of at most {limit} s; the page stays "
                   "usable.",
                   "正在查找相互冲突的规则… 已用 {s} 秒，最多 {limit} 秒；页面可继续使用。"),
    "repair": ("Apply and solve", "应用并求解"),
    "repairs": ("Changes that make it rosterable", "可以排班的修改"),
    "no_explain": ("Explanations are not available in this installation.",
                   "此安装中无法给出原因说明。"),
    "grid": ("Month grid", "月排班表"),
    "day": ("Per day", "按日查看"),
    "view": ("View", "视图"),
    "date": ("Date", "日期"),
    "legend": ("L = leave, outlined = pinned, shaded = weekend / holiday, yellow = changed by the "
               "last solve (hover: what it was), have/need red = short",
               "假 = 休假，加框 = 固定，底色 = 周末 / 节假日，黄色 = 上次求解改动（悬停查看原值），"
               "实到/需求 红色 = 缺人"),
    "leave_mark": ("L", "假"),
    "pin": ("Pin a cell", "固定单元格"),
    "staff": ("Staff", "人员"),
    "shift": ("Shift", "班次"),
    "off": ("off", "休息"),
    "pin_button": ("Pin", "固定"),
    "unpin_button": ("Unpin", "取消固定"),
    "pinned": ("Pinned {staff} {date}: {shift}. Solve again (top of the page) to see what changes.",
               "已固定 {staff} {date}：{shift}。点页面上方的「重新求解」查看变化。"),
    "resolve": ("Solve again, keep the roster", "重新求解（保留排班）"),
    "changes": ("Changes against the previous roster", "与上一次排班相比的变化"),
    "no_changes": ("No cell changed.", "没有单元格变化。"),
    "charts": ("Charts", "图表"),
    "intervals": ("Needed and on the floor per interval", "各时段需求与在岗人数"),
    "interval_day": ("Day", "日期"),
    "interval_line": ("Demand line", "需求"),
    "interval_chart": ("{role} on {date}: needed and on the floor, service level {sl}",
                       "{date} {role}：需求与在岗人数，服务水平 {sl}"),
    "interval_needed": ("Needed", "需求人数"),
    "interval_staffed": ("On the floor", "在岗人数"),
    "interval_sl": ("Service level", "服务水平"),
    "interval_time": ("Interval", "时段"),
    "interval_people": ("People", "人数"),
    "interval_short": ("Short", "缺员"),
    "interval_on_break": ("On break", "休息中"),
    "all_on_break": ("{date} {shift}: all {people} people on the floor are on break at {at}",
                     "{date} {shift}：在岗的全部 {people} 人在 {at} 同时休息"),
    "all_on_break_n": ("Everyone on the floor is on break at once {n} time(s): nobody of their "
                       "role is on the floor then.",
                       "有 {n} 个时刻在岗人员全部同时休息：届时该岗位无人在岗。"),
    "day_intervals_note": ("Demand is per interval here: the day's people per interval are under "
                           "*Needed and on the floor per interval* below.",
                           "本场景按时段设需求：当天各时段的在岗人数见下方「各时段需求与在岗人数」"
                           "。"),
    "day_sl": ("Day's service level", "当日服务水平"),
    "day_target": ("target {target}", "目标 {target}"),
    "intervals_short": ("Intervals short", "缺人时段"),
    "worst_interval": ("Worst interval", "最缺时段"),
    "interval_help": ("People on the floor work the whole interval and are not on a break. The "
                      "service level is Erlang C with the people on the floor less shrinkage "
                      "(rounded down), weighted by calls over the day.",
                      "在岗人数：整个时段在班且不在休息中的人。服务水平按 Erlang C "
                      "计算（在岗人数扣除损耗后向下取整），当日服务水平按来电量加权。"),
    "fair_shares": ("**Fair shares by peer group**: fewest and most per person, and how many lie "
                    "outside their own fair band",
                    "**各岗位组的公平份额**：每人最少与最多，以及超出本人合理范围的人数"),
    "fs.kind": ("duty", "类别"),
    "fs.share": ("share of the group", "按组内份额"),
    "fs.group": ("peer group", "岗位组"),
    "fs.people": ("people", "人数"),
    "fs.fair": ("fair band", "合理范围"),
    "fs.fewest": ("fewest", "最少"),
    "fs.most": ("most", "最多"),
    "fs.spread": ("spread", "差距"),
    "fs.outside": ("outside band", "超出范围"),
    "coverage": ("Coverage against demand (people minus seats)", "覆盖与需求（人数减座位）"),
    "fairness": ("Nights, weekends and holidays per person", "每人夜班、周末、节假日"),
    "hours": ("Hours against contract", "工时与合同工时"),
    "violations": ("Rule check", "规则检查"),
    "hard_ok": ("Every hard rule holds; soft cost {cost}.",
                "所有硬性规则均满足；软性代价 {cost}。"),
    "hard_broken": ("{n} hard rules broken.", "{n} 条硬性规则未满足。"),
    "downloads": ("Downloads", "下载"),
    "compare_help": ("Pick two saved versions: their saved rosters are compared, and Compare "
                     "solves both.",
                     "选择两个已保存的版本：对比已保存的排班；点击「对比」分别求解两个版本。"),
    "compare": ("Compare", "对比"),
    "comparing": ("Solving both versions… {s} s (about {limit} s at most); the page stays usable.",
                  "正在分别求解两个版本… 已用 {s} 秒（最多约 {limit} 秒）；页面可继续使用。"),
    "first": ("First", "第一个"),
    "second": ("Second", "第二个"),
    "no_compare": ("Solving both versions side by side (what-if) is not available in this "
                   "installation; shown above are the saved rosters.",
                   "此安装中无法分别求解两个版本（what-if）；上方为已保存排班的对比。"),
    "changed_sections": ("Sections that differ", "有差异的部分"),
    "need_two": ("Save at least two versions to compare them.", "请至少保存两个版本再对比。"),
    "rows": ("Entries", "条目"),
    "section.staff": ("Staff", "人员"),
    "section.shifts": ("Shifts", "班次"),
    "section.demand": ("Demand", "需求"),
    "section.leave": ("Leave", "休假"),
    "section.requests": ("Requests", "意愿"),
    "section.fixed": ("Pinned", "固定"),
    "section.posts": ("Posts", "岗位"),
    "section.leave_wishes": ("Leave wishes", "休假意向"),
    "section.roles": ("Roles", "角色"),
    "section.rules": ("Rules", "规则"),
    "section.fairness": ("Fairness", "公平"),
}


def t(key: str, lang: str = "en", **values: object) -> str:
    """The string for ``key`` in ``lang`` (English when a key or language is missing)."""
    en, zh = STRINGS.get(key, (key, key))
    text = zh if lang == "zh" else en
    return text.format(**values) if values else text


HEADERS: dict[str, tuple[str, str, str, str]] = {
    # column: (English header, 中文表头, help, 说明)
    "id": ("id", "编号",
           "Unique id used everywhere else (staff: 工号)",
           "唯一编号，其他表格用它引用（人员：工号）"),
    "name": ("name", "名称", "Name shown on the roster", "排班表上显示的名称"),
    "roles": ("roles", "角色",
              "Role ids, comma separated: agent, lead", "角色编号，逗号分隔：agent, lead"),
    "hired": ("hired", "入职日期", "Date hired, YYYY-MM-DD", "入职日期，格式 YYYY-MM-DD"),
    "team": ("team", "班组",
             "Team (班组) the person belongs to; the grid filters by it",
             "所属班组；排班表可按班组筛选"),
    "cannot": ("Cannot work", "不上班次",
               "Shift ids this person never works", "此人从不上的班次编号"),
    "days_off": ("Fixed days off", "固定休息日",
                 "Dates this person never works", "此人固定不上班的日期"),
    "max_hours_per_week": ("Max h/week", "每周最多工时",
                           "Hours a week at most; 40 @ 100 = soft, 100 a unit over",
                           "每周最多工时；40 @ 100 表示软性，超出每单位代价 100"),
    "max_hours_total": ("Max h/month", "期内最多工时",
                        "Hours over the whole horizon at most", "整个排班期内最多工时"),
    "min_hours_total": ("Min h/month", "期内最少工时",
                        "Hours over the whole horizon at least", "整个排班期内最少工时"),
    "max_consecutive_work_days": ("Max days in a row", "最多连续上班天数",
                                  "Working days in a row at most", "最多连续上班天数"),
    "min_consecutive_work_days": ("Min days in a row", "最少连续上班天数",
                                  "Working days in a row at least", "最少连续上班天数"),
    "min_consecutive_days_off": ("Min days off in a row", "最少连续休息天数",
                                 "Days off in a row at least", "最少连续休息天数"),
    "min_rest_hours": ("Min rest (h)", "最短休息（小时）",
                       "Hours between two shifts at least", "两个班之间至少休息的小时数"),
    "max_weekends": ("Max weekends", "最多周末数",
                     "Weekends (Sat/Sun pairs) worked at most over the horizon",
                     "排班期内最多上班的周末数（周六日算一个）"),
    "max_weekends_per_month": ("Max weekends/month", "每月最多周末",
                               "Weekends worked at most in a calendar month",
                               "每个自然月最多上班的周末数"),
    "max_shifts": ("Most shifts of a type", "各班次上限", "N:6, D:10", "例如 N:6, D:10"),
    "forbidden_sequences": ("Forbidden orders", "禁止的班次顺序",
                            "N>D = no D the day after N", "N>D 表示夜班后一天不能上早班"),
    "forbidden_sequences_weight": ("Order weight", "顺序权重",
                                   "Empty = hard; a number = soft with that weight",
                                   "空 = 硬性；数字 = 软性及其权重"),
    "start": ("start", "开始",
              "Time HH:MM (shifts) or first date (leave)", "时间 HH:MM（班次）或开始日期（休假）"),
    "end": ("end", "结束",
            "Time HH:MM, may be earlier than start for a night shift (never 24:00 or more); "
            "last date (leave)",
            "时间 HH:MM，夜班可早于开始（不能写 24:00 及以上）；休假的结束日期"),
    "segments": ("Split times", "分段时间",
                 "08:30-12:00, 14:30-17:30 (leave start and end empty)",
                 "08:30-12:00, 14:30-17:30（开始和结束留空）"),
    "on": ("Runs on", "开设日",
           "workdays, sat, sun, dates; empty = every day", "workdays、sat、sun 或日期；空 = 每天"),
    "night": ("Night", "夜班",
              "Counts as a night shift (empty: from its times)", "算作夜班（空：按时间判断）"),
    "minutes": ("Paid minutes", "计薪分钟",
                "Paid minutes if not the shift's length", "计薪分钟（与班长不同时填写）"),
    "handover_minutes": ("Handover", "交接班分钟",
                         "Minutes before the start to take over: paid, counted by rest",
                         "开始前提前到岗交接的分钟数：计薪，计入休息间隔"),
    "shift": ("Shift", "班次", "Shift id", "班次编号"),
    "role": ("Role", "角色", "Role id; empty = anyone", "角色编号；空 = 任何角色"),
    "min": ("Min people", "最少人数",
            "People at least; 3 @ 500 = soft", "至少人数；3 @ 500 表示软性"),
    "max": ("Max people", "最多人数", "People at most; empty = no limit", "至多人数；空 = 不限"),
    "days": ("days", "日期",
             "workdays, sat, sun, dates (demand, posts); number of days (leave wishes)",
             "workdays、sat、sun 或日期（需求、岗位）；天数（休假意向）"),
    "staff": ("Staff", "人员", "Staff id (工号)", "人员工号"),
    "type": ("type", "类型", "Leave type: annual, sick, …", "假别：年假、病假等"),
    "half": ("Half day", "半天", "am or pm; empty = whole days", "am 或 pm；空 = 全天"),
    "extras": ("Extras", "附加", "Other leave fields", "其他休假字段"),
    "note": ("Note", "备注", "", ""),
    "date": ("Date", "日期", "YYYY-MM-DD", "YYYY-MM-DD"),
    "off": ("Day off", "休息", "Ticked = the person is off that day", "勾选 = 当天休息"),
    "weight": ("Weight", "权重", "How much a request counts", "意愿的权重"),
    "window": ("Window", "时间段", "2026-12-01..2026-12-15", "2026-12-01..2026-12-15"),
    "covers": ("Covers", "可顶替",
               "Roles whose seats this role may also fill", "该角色还可顶替的角色"),
    "a": ("Holder A", "A 岗", "Staff id holding the post", "岗位 A 岗人员"),
    "b": ("Backups B", "B 岗", "Staff ids standing in", "替补人员"),
    "counts_toward": ("Counts toward", "计入",
                      "Seat role the post counts toward", "岗位计入的座席角色"),
    "backup_weight": ("Backup weight", "替补权重",
                      "Cost of a backup taking the post", "替补上岗的代价"),
    "rule": ("rule", "规则", "", ""),
    "value": ("value", "值", "Empty = no limit; 40 @ 100 = soft", "空 = 不限；40 @ 100 表示软性"),
    "measure": ("measure", "指标", "", ""),
    # read-only tables: the English headers stay the field names
    "before": ("Before", "原值", "", ""),
    "after": ("After", "新值", "", ""),
    "times": ("Times", "时间", "", ""),
    "count": ("People", "人数", "", ""),
    "breaks": ("Breaks", "休息时间", "", ""),
    "have": ("Have", "实到", "", ""),
    "short": ("Short", "缺", "", ""),
    "over": ("Over", "超", "", ""),
    "version": ("Version", "版本", "", ""),
    "shifts": ("Shifts", "班次数", "", ""),
    "demand lines": ("Demand lines", "需求条数", "", ""),
    "leave": ("Leave", "休假条数", "", ""),
    "pinned": ("Pinned", "固定条数", "", ""),
    "roster": ("Roster", "排班", "", ""),
    "objective": ("Objective", "目标值", "", ""),
    "hard": ("Hard", "硬性违规", "", ""),
    "soft cost": ("Soft cost", "软性代价", "", ""),
}
"""Table headers in the planners' words, with units and help. The first four staff columns keep
short English headers so the table's layout is the same in both languages."""


def header(column: str, lang: str = "en") -> tuple[str, str]:
    """(header, help) of a table column in ``lang`` (the column name itself when unknown)."""
    en, zh, help_en, help_zh = HEADERS.get(column, (column, column, "", ""))
    return (zh, help_zh) if lang == "zh" else (en, help_en)


MESSAGES = PATTERNS
"""The loader's and the availability check's messages in 中文 (whole-message patterns, kept in the
shared catalogue ``roster.i18n``)."""


def message(text: str, lang: str = "en") -> str:
    """A message of the loader or of the availability check in ``lang`` (unchanged in English, and
    when no pattern knows it)."""
    return translate(text, lang)
