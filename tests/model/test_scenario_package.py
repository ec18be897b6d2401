"""The scenario package: every public name of its section modules is importable from the package."""

from __future__ import annotations

import importlib
import pkgutil

import roster.model.scenario as package


def _defined_names(module) -> set[str]:
    """Public classes and functions a module defines (not the ones it imports)."""
    return {name for name, obj in vars(module).items()
            if not name.startswith("_") and getattr(obj, "__module__", None) == module.__name__
            and callable(obj)}


def unexported(pkg) -> list[str]:
    """``section.name`` of each public class or function of a section ``pkg`` does not export."""
    missing = []
    for info in pkgutil.iter_modules(pkg.__path__):
        module = importlib.import_module(f"{pkg.__name__}.{info.name}")
        missing += [f"{info.name}.{n}" for n in sorted(_defined_names(module))
                    if n not in pkg.__all__ or getattr(pkg, n, None) is not getattr(module, n)]
    return missing


def test_every_public_name_of_a_section_is_exported():
    assert unexported(package) == []


def test_the_exports_name_real_objects():
    assert [n for n in package.__all__ if not hasattr(package, n)] == []
    assert len(set(package.__all__)) == len(package.__all__)


def test_a_section_name_left_out_of_the_exports_is_found(monkeypatch):
    monkeypatch.setattr(package, "__all__", [n for n in package.__all__ if n != "Break"])
    assert unexported(package) == ["shifts.Break"]
