"""The validator's messages: key: (English, 中文), with the parameters each check passes.

The English is the validator's wording that tests, exports and logs read; keep it unchanged."""

from __future__ import annotations

VALIDATOR: dict[str, tuple[str, str]] = {
    # coverage
    "coverage.short": ("{date} {shift}: {who} seats {n} of {min}",
                       "{date} {shift_name}: {who_name} {n}/{min} 人"),
    "coverage.over": ("{date} {shift}: {n} {who} on duty, at most {max}",
                      "{date} {shift_name}: {who_name} {n} 人, 至多 {max}"),
    "coverage.no_seat": ("{date} {shift}: {n} {role} on duty but the shift has no {role} seat",
                         "{date} {shift}: 无 {role} 岗位却有 {n} 人"),
    # crews
    "crews.split": ("crew {team} {date}: members on {shifts} shifts ({split})",
                    "班组 {team} {date}: 分在 {shifts} 个班次 ({split})"),
    # fairness
    "fairness.share": ("{who}: {count} {kind}, fair share {lo}..{hi}",
                       "{who}: {kind} {count} 个, 合理范围 {lo}..{hi}"),
    "fairness.hours": ("{who}: {hours:g} h{year} is {dev} h beyond a fair share among {peers}",
                       "{who}: {hours:g} 小时{year}, 超出同岗位合理份额 {dev} 小时"),
    "fairness.year": (" ({hours:g} h in the year)", "（全年 {hours:g} 小时）"),
    # fixed
    "fixed.off": ("{who} {date}: pinned off but works {shift}", "{who} {date}: 固定休息却上{shift}"),
    "fixed.to": ("{who} {date}: pinned to {pinned} but has {got}",
                 "{who} {date}: 固定{pinned}却为{got}"),
    # hours
    "hours.week": ("{who}: {hours:g} h in the week of {monday}, at most {cap:g}",
                   "{who}: {monday} 所在周 {hours:g} 小时, 至多 {cap:g}"),
    "hours.most": ("{who}: {hours:g} h in the horizon, at most {cap:g}",
                   "{who}: 排班期 {hours:g} 小时, 至多 {cap:g}"),
    "hours.least": ("{who}: {hours:g} h in the horizon, at least {cap:g}",
                    "{who}: 排班期 {hours:g} 小时, 至少 {cap:g}"),
    "hours.max_shifts": ("{who}: {n} {shift} shifts, at most {cap}",
                         "{who}: {shift} 班 {n} 个, 至多 {cap}"),
    "hours.max_template": ("{who}: {n} {shift} shifts (all starts), at most {cap}",
                           "{who}: {shift} 班(各开始时间) {n} 个, 至多 {cap}"),
    # intervals
    "intervals.floor": ("{when}: {have} {who} on the floor, never fewer than {least}",
                        "{when}: 在席{who_name} {have} 人, 不得少于 {least} 人"),
    "intervals.short": ("{when}: {have} {who} on the floor, {need} needed",
                        "{when}: 在席{who_name} {have} 人, 需要 {need} 人"),
    "intervals.over": ("{when}: {have} {who} on the floor, {need} needed",
                       "{when}: 在席{who_name} {have} 人, 只需 {need} 人"),
    "breaks.none_to_place": ("{who} {date} {shift}: a break at {at}, but the shift has no break to place",
                             "{who} {date}: {shift_name}没有可安排的休息, 却安排在 {at}"),
    "breaks.missing": ("{who} {date} {shift}: no {minutes}-minute break placed (within {window})",
                       "{who} {date}: {shift_name}未安排 {minutes} 分钟休息（{window} 内）"),
    "breaks.not_allowed": ("{who} {date} {shift}: break at {at} is not an allowed start ({minutes} minutes within "
                           "{window}, every {every} minutes)",
                           "{who} {date}: {shift_name}休息 {at} 不在允许的开始时间内 "
                           "({window} 内 {minutes} 分钟, 每 {every} 分钟一档)"),
    # leave wishes
    "wishes.unknown": ("{who} {date}: planned leave for unknown staff or outside the horizon",
                       "{who} {date}: 无效的休假安排"),
    "wishes.twice": ("{who} {date}: two planned leave days on one date", "{who} {date}: 同一天两次休假"),
    "wishes.works": ("{who} {date}: works {shift} ({on}) during planned {type} leave",
                     "{who} {date}: 计划休假({type})期间上{shift}（{on}）"),
    "wishes.unasked": ("{who} {date}: planned {type} leave that no leave wish asks for (outside every window, on a "
                       "day the type does not count, or one too many)",
                       "{who} {date}: 无对应愿望的{type}假"),
    "wishes.placed": ("{who}: {got} of {days} {type} leave days placed in {start}..{end}",
                      "{who}: {start}..{end} 内{type}假安排 {got}/{days} 天"),
    # posts
    "posts.unknown": ("{who} {date}: unknown post {post!r}", "{who} {date}: 未知岗位 {post}"),
    "posts.not_open": ("{who} {date}: post {post} is not open on {shift}",
                       "{who} {date}: {post} {shift} 不开岗"),
    "posts.not_holder": ("{who} {date} {shift}: not a holder of post {post}",
                         "{who} {date}: 不是 {post} 的岗位人员"),
    "posts.counts_toward": ("{who} {date} {shift}: duty on post {post} counts toward {toward} seats, the roster "
                            "gives role {role}",
                            "{who} {date}: {post} 岗计入 {toward} 席位, 排班为 {role}"),
    "posts.at_once": ("{who} {date}: mans {n} posts at once ({posts})",
                      "{who} {date}: 同时在 {n} 个岗位（{posts}）"),
    "posts.no_holder": ("{date} {shift}: post {post} has no holder on duty: {doing}",
                        "{date} {shift_name}: {post} 无人在岗: {doing}"),
    "posts.many": ("{date} {shift}: post {post} manned by {n} holders ({holders}), exactly one",
                   "{date} {shift}: {post} 有 {n} 人在岗（{holders}）, 应为 1 人"),
    "posts.a_elsewhere": ("{date} {shift}: {a} works {shift} but is not on post {post}",
                          "{date} {shift}: {a} 上班却不在 {post} 岗"),
    "posts.b_while_a": ("{date} {shift}: {b} mans post {post} while {a} is on duty",
                        "{date} {shift}: {a} 在岗时 {b} 顶 {post} 岗"),
    "posts.backup": ("{date} {shift}: backup {b} mans post {post}",
                     "{date} {shift}: 备岗 {b} 顶 {post} 岗"),
    # requests
    "requests.not": ("{who} {date}: wished not to work {shift}, got {got}",
                     "{who} {date}: 希望不上 {shift}，实排 {got}"),
    "requests.work": ("{who} {date}: wished to work {shift}, got {got}",
                      "{who} {date}: 希望上 {shift}，实排 {got}"),
    "requests.off": ("{who} {date}: wished the day off, got {got}", "{who} {date}: 希望休息，实排 {got}"),
    # rest
    "rest.overlap": ("{who} {date} {shift} and {next_date} {next_shift} overlap",
                     "{who} {date} {shift} 与 {next_date} {next_shift} 时间重叠"),
    "rest.short": ("{who} {date} {shift} → {next_date} {next_shift}: {gap:g} h rest, at least {rest:g}",
                   "{who} {date} {shift}→{next_date} {next_shift}: 休息 {gap:g} 小时, 应至少 {rest:g}"),
    "rest.sequence": ("{who} {date}: {shift} followed by {next_shift} the next day is not allowed",
                      "{who} {date}: {shift} 次日不可接 {next_shift}"),
    # rotations
    "rotations.off_pattern": ("{who} {date}: rotation {rotation} has {wants}, the roster {got}",
                              "{who} {date}: 轮班 {rotation} 应为{wants}，实排{got}"),
    # sequences
    "sequences.most": ("{who}: works {n} days in a row {first}..{last}, at most {most:g}",
                       "{who}: {first}..{last} 连续上班 {n} 天, 至多 {most:g}"),
    "sequences.least": ("{who}: only {n} {what} in a row from {first}, at least {least:g}",
                        "{who}: {first} 起连续{what}仅 {n} 天, 至少 {least:g}"),
    # the roster's own cells
    "roster.unknown_staff": ("{date} {shift}: unknown staff {who!r}", "{date} {shift}: 未知人员 {who}"),
    "roster.unknown_shift": ("{who} {date}: unknown shift {shift!r}", "{who} {date}: 未知班次 {shift}"),
    "roster.outside": ("{who} {date} {shift}: date outside the horizon",
                       "{who} {date} {shift}: 不在排班期内"),
    "roster.two_shifts": ("{who} {date}: two shifts on one day ({first} and {second})",
                          "{who} {date}: 一天两个班（{first} 和 {second}）"),
    "roster.not_running": ("{who} {date}: shift {shift} does not run that day",
                           "{who} {date}: {shift_name}当天不开班"),
    "roster.cannot": ("{who} {date}: {who} cannot work {shift}", "{who} {date}: 不能上{shift_name}"),
    "roster.role": ("{who} {date} {shift}: cannot take a {role} seat (roles {roles})",
                    "{who} {date}: 不能担任 {role}（角色 {roles}）"),
    "roster.day_off": ("{who} {date}: works {shift} on a fixed day off",
                       "{who} {date}: 固定休息日上班（{shift}）"),
    "roster.leave": ("{who} {date}: works {shift} during {type} leave",
                     "{who} {date}: 休假({type})期间上{shift}"),
    # weekends
    "weekends.most": ("{who}: works {n} weekends, at most {most:g}",
                      "{who}: 上班周末 {n} 个, 至多 {most:g}"),
    "weekends.month": ("{who}: works {n} weekends in {year}-{month:02d}, at most {most:g}",
                       "{who}: {year}年{month}月上班周末 {n} 个, 至多 {most:g}"),
}
