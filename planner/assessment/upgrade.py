"""Reading a version 1 assessment as version 2, with its meaning kept.

Version 1 said ``"medical_clearance": true`` (cleared, by whom and when unknown) and
``running.weekly_km_previous`` (the week 4 weeks before the assessment). Version 2 records who
cleared the client and when, and names each running week by what it is. Nothing else changed,
so every score an old file gives stays the same.

A document with no version (built in memory, as the assessment form does) may still use the
version 1 spellings; a document that says version 2 must use the version 2 ones.
"""

from __future__ import annotations

import json
from typing import Any


def upgrade(data: Any) -> Any:
    """A copy of a version 1 (or unversioned) document in version 2 form; others unchanged."""
    if not isinstance(data, dict) or data.get("version", 1) != 1:
        return data
    out = dict(data)
    if "version" in out:
        out["version"] = 2
    clearance = out.get("medical_clearance")
    if clearance is True:
        out["medical_clearance"] = {}
    elif clearance is False:
        del out["medical_clearance"]
    running = out.get("running")
    if isinstance(running, dict) and "weekly_km_previous" in running:
        running = dict(running)
        if "weekly_km_4_weeks_ago" not in running:
            running["weekly_km_4_weeks_ago"] = running.pop("weekly_km_previous")
        out["running"] = running
    return out


def upgrade_json(text: str | bytes | bytearray) -> str | bytes | bytearray:
    """The JSON text of a version 1 document rewritten as version 2; other text unchanged
    (text that is not JSON is left for the reader to report)."""
    try:
        data = json.loads(text)
    except ValueError:
        return text
    upgraded = upgrade(data)
    return text if upgraded is data else json.dumps(upgraded, ensure_ascii=False)
