"""Shift templates expanded into shifts, and template ids in other fields put as their starts."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ValidationError

from ..fields import FieldError
from .shifts import Shift, ShiftTemplate


def expand_templates(data: Any) -> Any:
    """Add one shift per start time of each template (shifts from an earlier expansion are
    replaced)."""
    if not isinstance(data, dict) or not data.get("shift_templates"):
        return data
    templates = data["shift_templates"]
    if not isinstance(templates, (list, tuple)):
        return data
    parsed = []
    for t in templates:
        try:
            parsed.append(t if isinstance(t, ShiftTemplate) else ShiftTemplate.model_validate(t))
        except ValidationError:
            return data  # the field's own validation names the error
    ids = {t.id for t in parsed}
    shifts = [s for s in data.get("shifts") or ()
              if _get(s, "template") not in ids]
    for i, t in enumerate(parsed):
        for entry in t.expand():
            if not Shift.model_validate(entry).break_starts and t.break_rule is not None:
                raise FieldError(f"shift_templates[{i}].break.within", list(t.break_rule.within),
                                 f"a {t.break_rule.minutes}-minute break does not fit inside shift "
                                 f"{entry['id']} ({entry['start']}-{entry['end']}) within this "
                                 "window",
                                 hint="widen the window or move the start times")
            shifts.append(entry)
    known = {_get(s, "id") for s in shifts}
    starts = {t.id: [x["id"] for x in t.expand()] for t in parsed if t.id not in known}
    return _template_references({**data, "shifts": shifts}, starts,
                                {x for x in known if isinstance(x, str)})


def _get(entry: Any, key: str) -> Any:
    return entry.get(key) if isinstance(entry, dict) else getattr(entry, key, None)


def _put(entry: Any, changes: dict[str, Any]) -> Any:
    """``entry`` (a mapping or a model) with some fields replaced; unchanged when there are none."""
    if not changes:
        return entry
    if isinstance(entry, BaseModel):
        return entry.model_copy(update={k: tuple(v) if isinstance(v, list) else v
                                        for k, v in changes.items()})
    return {**entry, **changes}


def unknown_shift(field: str, value: Any, shifts: Iterable[str], templates: Iterable[str]) -> None:
    """Raise the FieldError for a name that is neither a shift id nor a template id."""
    known = sorted(templates)
    also = f"; template ids (each standing for all its starts): {', '.join(known)}" if known else ""
    raise FieldError(field, value, "unknown shift or template" if known else "unknown shift",
                     hint=f"known shift ids: {', '.join(sorted(shifts))}{also}")


def _template_references(data: dict, starts: dict[str, list[str]], shifts: set[str]) -> dict:
    """Template ids in the fields that name shifts, put as the shift ids of their starts.

    ``cannot`` and ``forbidden_sequences`` take every start (every pair of starts); ``max_shifts``
    caps each start and keeps the template's total in ``max_template_shifts``; a wish or pin for a
    template names its first start in ``shift`` and all of them in ``one_of`` (a wish not to work a
    template becomes one wish per start); a history shift takes the template's latest start (the one
    that leaves the least rest). Ids that name no shift and no template are left for ``_references``
    to name. Running this on its own output changes nothing."""
    if not starts:
        return data

    def ids(x: Any) -> list[Any]:
        return list(starts[x]) if isinstance(x, str) and x in starts else [x]

    def person(entry: Any, where: str) -> Any:
        if not isinstance(entry, (dict, BaseModel)):
            return entry
        for j, q in enumerate(_get(entry, "forbidden_sequences") or ()):
            for c in q if isinstance(q, (list, tuple)) else ():
                if isinstance(c, str) and c not in shifts and c not in starts:
                    unknown_shift(f"{where}.forbidden_sequences[{j}]", c, shifts, starts)
        changes: dict[str, Any] = {}
        cannot = _get(entry, "cannot")
        if isinstance(cannot, (list, tuple)) and any(c in starts for c in cannot
                                                     if isinstance(c, str)):
            changes["cannot"] = list(dict.fromkeys(x for c in cannot for x in ids(c)))
        seqs = _get(entry, "forbidden_sequences")
        if isinstance(seqs, (list, tuple)) and any(
                isinstance(q, (list, tuple)) and any(isinstance(c, str) and c in starts for c in q)
                for q in seqs):
            out: list[Any] = []
            for q in seqs:
                if isinstance(q, (list, tuple)) and len(q) == 2:
                    out.extend([a, b] for a in ids(q[0]) for b in ids(q[1]))
                else:
                    out.append(q)
            changes["forbidden_sequences"] = list(dict.fromkeys(tuple(x) if isinstance(x, list)
                                                                else x
                                                               for x in out))
            changes["forbidden_sequences"] = [list(x) if isinstance(x, tuple) else x
                                              for x in changes["forbidden_sequences"]]
        caps = _get(entry, "max_shifts")
        if isinstance(caps, dict) and any(k in starts for k in caps):
            each: dict[Any, Any] = {}
            groups = dict(_get(entry, "max_template_shifts") or {})
            for k, n in caps.items():
                if k in starts:
                    groups[k] = n
                for x in ids(k):
                    both = x in each and isinstance(n, int) and isinstance(each[x], int)
                    each[x] = min(n, each[x]) if both else n
            changes["max_shifts"] = each
            changes["max_template_shifts"] = groups
        return _put(entry, changes)

    def one_of(entry: Any) -> Any:
        shift = _get(entry, "shift")
        if not isinstance(entry, (dict, BaseModel)) or not isinstance(shift, str) \
                or shift not in starts:
            return entry
        return _put(entry, {"shift": starts[shift][0], "one_of": list(starts[shift])})

    out = dict(data)
    if isinstance(data.get("staff"), (list, tuple)):
        out["staff"] = [person(p, f"staff[{i}]") for i, p in enumerate(data["staff"])]
    if "rules" in data:
        out["rules"] = person(data["rules"], "rules")
    if isinstance(data.get("fixed"), (list, tuple)):
        out["fixed"] = [one_of(f) for f in data["fixed"]]
    if isinstance(data.get("requests"), (list, tuple)):
        wishes: list[Any] = []
        for rq in data["requests"]:
            shift = _get(rq, "shift")
            if isinstance(shift, str) and shift in starts and _get(rq, "off") is True:
                wishes.extend(_put(rq, {"shift": x}) for x in starts[shift])
            else:
                wishes.append(one_of(rq))
        out["requests"] = wishes
    history = data.get("history")
    listed = isinstance(history, (list, tuple))
    worked = history if listed else _get(history, "worked") if history else None
    if isinstance(worked, (list, tuple)):
        last = {t: xs[-1] for t, xs in starts.items()}
        tail = [_put(w, {"shift": last[_get(w, "shift")]})
                if isinstance(w, (dict, BaseModel)) and _get(w, "shift") in last else w
                for w in worked]
        out["history"] = tail if listed else _put(history, {"worked": tail})
    return out

