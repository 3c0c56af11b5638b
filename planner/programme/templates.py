"""Programme templates: a reusable plan without any client in it.

A template is a programme's phases, items and rules with the client, therapist, dates, goals
and notes taken out, so it can be shared and applied to anyone. The built-in templates cover
the usual path for a runner with low back pain: settle and activate, build strength, return to
run, and maintenance. Applying one gives a draft programme with reviews at each phase change
and at the end, when the entry criteria of the next step are checked.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from functools import cache
from pathlib import Path
from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from exercise_library.bounds import excerpt
from exercise_library.catalogue import Catalogue
from exercise_library.schema import Code, Exercise
from planner.errors import NotFoundError
from planner.files import atomic_write
from planner.programme.files import programme_file
from planner.programme.model import (
    Item,
    LongText,
    Phase,
    Programme,
    ProgrammeStatus,
    ShortText,
    refuse_past_latest,
)
from planner.reading import fail, read_json, validate_json

TEMPLATE_FORMAT = "physio-planner/template"
TEMPLATE_VERSION = 1
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
# The order a runner with low back pain usually goes through them.
BUILTIN_ORDER = ("settle_and_activate", "build_strength", "return_to_run", "maintenance")
# Any date will do for checking a template's phases and items fit together.
_CHECK_START = dt.date(2000, 1, 3)


class Template(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal["physio-planner/template"] = TEMPLATE_FORMAT
    version: Literal[1] = TEMPLATE_VERSION
    code: Code
    title: ShortText
    description: LongText = ""
    goals: list[ShortText] = Field(default_factory=list, max_length=20)
    notes: LongText = ""
    phases: list[Phase] = Field(min_length=1, max_length=20)
    items: list[Item] = Field(default_factory=list, max_length=200)
    exercises: list[Exercise] = Field(default_factory=list, max_length=500)

    @model_validator(mode="after")
    def _fits_together(self) -> Self:
        # The programme model holds the rules for phases and items; reuse them.
        Programme(title=self.title, start=_CHECK_START, phases=self.phases, items=self.items)
        return self

    @property
    def total_weeks(self) -> int:
        return sum(p.weeks for p in self.phases)


def dumps_template(template: Template) -> str:
    data = template.model_dump(mode="json", exclude_none=True)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_template_file(path: str | os.PathLike[str], template: Template) -> None:
    atomic_write(Path(path), dumps_template(template))


def _parse(data: Any, where: str, text: str) -> Template:
    if not isinstance(data, dict) or data.get("format") != TEMPLATE_FORMAT:
        got = data.get("format") if isinstance(data, dict) else type(data).__name__
        raise fail(where, f"format: expected '{TEMPLATE_FORMAT}', got {excerpt(got)}")
    if data.get("version") != TEMPLATE_VERSION:
        raise fail(
            where,
            f"version: this app reads version {TEMPLATE_VERSION} templates, "
            f"not {excerpt(data.get('version'))}",
        )
    return validate_json(Template, text, where)


def read_template_file(path: str | os.PathLike[str]) -> Template:
    where = Path(path)
    data, text = read_json(where)
    return _parse(data, str(where), text)


@cache
def _builtin() -> tuple[Template, ...]:
    found = [read_template_file(p) for p in sorted(TEMPLATES_DIR.glob("*.json"))]

    def rank(t: Template) -> tuple[int, str]:
        order = BUILTIN_ORDER.index(t.code) if t.code in BUILTIN_ORDER else len(BUILTIN_ORDER)
        return order, t.code

    return tuple(sorted(found, key=rank))


def builtin_templates() -> list[Template]:
    """The shipped templates, in the order a client usually moves through them."""
    return list(_builtin())


def load_template(code: str) -> Template:
    for template in _builtin():
        if template.code == code:
            return template
    known = ", ".join(t.code for t in _builtin())
    raise NotFoundError(f"there is no built-in template '{code}' (there are: {known})")


def template_from_programme(
    programme: Programme,
    code: str,
    catalogue: Catalogue,
    *,
    title: str | None = None,
    description: str = "",
) -> Template:
    """A template of this programme's plan, with nothing that identifies the client.

    Client, therapist, dates, status, goals and programme notes stay behind: goals and notes
    are written about one person. Item notes are exercise instructions and travel with it.
    """
    carried = programme_file(programme, catalogue).exercises
    return Template(
        code=code,
        title=title or programme.title,
        description=description,
        phases=programme.phases,
        items=programme.items,
        exercises=carried,
    )


def apply_template(
    template: Template,
    start: dt.date,
    *,
    client: str | None = None,
    therapist: str | None = None,
    title: str | None = None,
) -> Programme:
    """A draft programme from the template, starting on ``start``.

    Reviews fall on the first day of each later phase (to check its entry criteria) and on the
    day after the last week.
    """
    draft = Programme(
        title=title or template.title,
        client=client,
        therapist=therapist,
        goals=template.goals,
        start=start,
        status=ProgrammeStatus.DRAFT,
        notes=template.notes,
        phases=template.phases,
        items=template.items,
    )
    reviews = [start + dt.timedelta(days=7 * (first - 1)) for first, _ in draft.phase_weeks()[1:]]
    reviews.append(draft.end + dt.timedelta(days=1))
    refuse_past_latest(start, reviews[-1])
    return draft.model_copy(update={"review_dates": reviews})
