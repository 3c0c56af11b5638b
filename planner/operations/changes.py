"""What an operation changed, so each view can decide for itself whether to refresh."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Changes:
    """Which kinds of record an operation wrote; a view refreshes only for what it shows."""

    programme_id: int | None = None
    # The content of ``programme_id`` (items, doses, rules, phases, header).
    programme: bool = False
    # Programmes were created, removed or retitled: lists of programmes are stale.
    programme_list: bool = False
    client_id: int | None = None
    client: bool = False
    assessment: bool = False
    logs: bool = False
    library: bool = False
    settings: bool = False

    def __or__(self, other: Changes) -> Changes:
        def pick(a: int | None, b: int | None) -> int | None:
            return a if a is not None else b

        return Changes(
            programme_id=pick(self.programme_id, other.programme_id),
            programme=self.programme or other.programme,
            programme_list=self.programme_list or other.programme_list,
            client_id=pick(self.client_id, other.client_id),
            client=self.client or other.client,
            assessment=self.assessment or other.assessment,
            logs=self.logs or other.logs,
            library=self.library or other.library,
            settings=self.settings or other.settings,
        )


@dataclass(frozen=True)
class Result(Generic[T]):
    """An operation's value, what it changed, and notes worth telling the therapist."""

    value: T
    changes: Changes
    notes: tuple[str, ...] = field(default=())
