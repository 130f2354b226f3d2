"""Read a gettext catalogue (.po) for tests: no third-party parser needed for what we check."""

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

LINE = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")$')


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstrs: list[str] = field(default_factory=list)


def read_catalogue(path: Path) -> list[Entry]:
    """The entries of ``path`` (obsolete ones and the header left out)."""
    entries, fields, key = [], {}, None

    def close():
        if fields.get("msgid"):
            strs = [value for name, value in fields.items() if name.startswith("msgstr")]
            entries.append(
                Entry(fields["msgid"], fields.get("msgid_plural"), fields.get("msgctxt"), strs)
            )
        fields.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            close()
            key = None
        elif line.startswith("#"):
            continue
        elif match := LINE.match(line):
            key = match.group(1)
            fields[key] = ast.literal_eval(match.group(2))
        elif line.startswith('"') and key:
            fields[key] += ast.literal_eval(line)
    close()
    return entries
