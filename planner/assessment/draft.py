"""The draft form of an assessment: everything typed so far, kept even when it is incomplete.

A therapist who ticks a red flag and leaves a field invalid must not lose the tick. A draft is
the same format as a finished assessment (version 2, the same field names, each value held to
the same scale), except that every field may be missing and the rules between fields (best pain
not above worst, a due date that fits the assessment date...) wait until the draft is finished.
Its JSON carries ``"draft": true``, so it can never be mistaken for a finished assessment.

:func:`keep_valid` turns whatever a form holds into a draft: each value that is invalid on its
own is left out and reported, every other value is kept, red flags first. The safety verdict
reads a draft's red flags at once (:meth:`planner.safety.ClientContext.from_draft`).
"""

from __future__ import annotations

import copy
import types
from functools import cache
from typing import Annotated, Any, Literal, Self, Union, get_args, get_origin

from annotated_types import MaxLen, MinLen
from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model

from exercise_library.vocabulary import Condition, RedFlag
from planner.assessment.io import jsonable, problem
from planner.assessment.model import AssessmentFile, Client
from planner.assessment.upgrade import upgrade

Path = tuple[int | str, ...]


class _DraftModel(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, allow_inf_nan=False, serialize_by_alias=True
    )


def _fixed_length(metadata: list[Any]) -> bool:
    """A list whose length is its meaning (Oswestry sections, STarT Back items): a blank
    answer keeps its place."""
    low = next((m.min_length for m in metadata if isinstance(m, MinLen)), None)
    high = next((m.max_length for m in metadata if isinstance(m, MaxLen)), None)
    return low is not None and low == high


def _swap(tp: Any, positional: bool = False) -> Any:
    """The draft version of a type: nested models become drafts; fixed lists allow blanks."""
    origin = get_origin(tp)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return draft_model(tp)
    if origin is Annotated:
        base, *meta = get_args(tp)
        return Annotated.__class_getitem__((_swap(base), *meta))  # type: ignore[attr-defined]
    if origin in (Union, types.UnionType):
        return Union[tuple(_swap(a) for a in get_args(tp))]  # noqa: UP007
    if origin is list:
        (item,) = get_args(tp)
        item = _swap(item)
        return list[item | None] if positional else list[item]  # type: ignore[valid-type]
    return tp


@cache
def draft_model(model: type[BaseModel]) -> type[BaseModel]:
    """``model`` with every field optional and no rules between fields (those wait until the
    draft is finished); each value keeps its own type and range."""
    fields: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if name in ("format", "version"):
            fields[name] = (info.annotation, info.default)
            continue
        annotation = _swap(info.annotation, _fixed_length(info.metadata))
        if info.metadata:
            annotation = Annotated.__class_getitem__((annotation, *info.metadata))  # type: ignore[attr-defined]
        fields[name] = (annotation | None, Field(default=None, alias=info.alias))
    if model is AssessmentFile:
        fields["draft"] = (Literal[True], True)
    return create_model(f"{model.__name__}Draft", __base__=_DraftModel, **fields)


class LeftOut(_DraftModel):
    """A value that could not be kept as it was typed, where it was and why, so the form can
    show it again for the therapist to correct."""

    field: Annotated[str, Field(max_length=200)]
    value: Any = None
    problem: Annotated[str, Field(max_length=1000)]

    @property
    def path(self) -> Path:
        return tuple(int(p) if p.isdigit() else p for p in self.field.split("."))


class AssessmentDraft(draft_model(AssessmentFile)):  # type: ignore[misc]
    """An unfinished assessment (see the module notes)."""

    left_out: list[LeftOut] = Field(default_factory=list, max_length=500)

    @property
    def flags(self) -> list[RedFlag]:
        return list(self.red_flags or [])

    @property
    def conditions(self) -> list[Condition]:
        client = self.client
        return list(client.conditions or []) if client is not None else []

    def complete(self) -> AssessmentFile:
        """The finished assessment; raises pydantic's ValidationError naming what is still
        missing or inconsistent (values left out count as missing)."""
        data = self.model_dump(mode="json", exclude_none=True, exclude={"draft", "left_out"})
        return AssessmentFile.model_validate(data)

    @classmethod
    def of(cls, assessment: AssessmentFile) -> Self:
        """A finished assessment opened again for editing."""
        return cls.model_validate(assessment.model_dump(mode="json", exclude_none=True))


def _drop(data: Any, path: Path, positional: bool) -> bool:
    """Remove the value at ``path`` (a blank in a fixed list); False if it is not there."""
    *parents, last = path
    target = data
    for part in parents:
        try:
            target = target[part]
        except (KeyError, IndexError, TypeError):
            return False
    if isinstance(target, dict) and last in target:
        del target[last]
        return True
    if isinstance(target, list) and isinstance(last, int) and 0 <= last < len(target):
        if positional:
            target[last] = None
        else:
            del target[last]
        return True
    return False


def _existing(data: Any, loc: Path) -> Path:
    """The longest start of ``loc`` that names a value in ``data`` (pydantic may add the
    name of a type to a location)."""
    path: list[int | str] = []
    target = data
    for part in loc:
        try:
            target = target[part]
        except (KeyError, IndexError, TypeError):
            break
        path.append(part)
    return tuple(path)


_POSITIONAL = {"odi", "answers", "roland_morris"}


def keep_valid(data: dict[str, Any]) -> AssessmentDraft:
    """Everything in ``data`` that is valid on its own, as a draft; each value that is not is
    left out of its place and listed in ``left_out`` with the problem.

    Each value is judged on its own, so an unknown red flag never costs the valid ones beside
    it, and a broken field anywhere never costs a red flag.
    """
    work = copy.deepcopy(upgrade(dict(data)))
    work.pop("draft", None)
    left_out: list[dict[str, Any]] = list(work.pop("left_out", None) or [])
    for _ in range(1000):  # each round removes at least one value
        try:
            return AssessmentDraft.model_validate({**work, "draft": True, "left_out": left_out})
        except ValidationError as exc:
            errors = exc.errors()
        paths = []
        for err in errors:
            path = _existing(work, tuple(err["loc"]))
            if not path:
                path = tuple(err["loc"][:1])
            value = err.get("input")
            left_out.append(
                {
                    "field": ".".join(str(p) for p in path),
                    "value": value if jsonable(value) else repr(value),
                    "problem": problem(err),
                }
            )
            paths.append(path)
        # Deepest and last first, so removing one list item never moves another.
        removed = False
        for path in sorted(set(paths), key=_deepest_last, reverse=True):
            positional = len(path) >= 2 and path[-2] in _POSITIONAL
            removed |= _drop(work, path, positional)
        if not removed:
            break
    raise ValueError("the draft could not be read")  # pragma: no cover - every round shrinks


def _deepest_last(path: Path) -> tuple[int, list[tuple[int, str]]]:
    return len(path), [(x, "") if isinstance(x, int) else (-1, x) for x in path]


ClientDraft = draft_model(Client)
