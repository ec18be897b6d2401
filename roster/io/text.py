"""Text files as planners save them: UTF-8 (with or without a BOM), else a ScenarioError."""

from __future__ import annotations

from pathlib import Path

from roster.model.parse import ScenarioError


def _decode(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ScenarioError(name, "", None, "file is not UTF-8 text",
                            hint="save it as UTF-8 (in Excel or Notepad: Save As, encoding UTF-8)",
                            line=line) from None


def read_text_file(path: str | Path, what: str = "file") -> str:
    """A UTF-8 text file (a BOM is fine); a missing file, a folder or another encoding (GBK…) is
    a ScenarioError naming the file, with a hint to save it as UTF-8."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ScenarioError(str(path), "", None, f"{what} not found") from None
    except IsADirectoryError:
        raise ScenarioError(str(path), "", None, f"is a folder, not a {what}") from None
    except OSError as exc:
        raise ScenarioError(str(path), "", None,
                            f"cannot read the {what} ({exc.strerror or exc})") from None
    return _decode(raw, str(path))
