"""Two workstations saving the same record at the same moment, for every kind of record
(issue 16, problem 4): exactly one save is stored, the other is a ConflictError, and what is
stored is the winner's. Runs on SQLite and, in CI, on PostgreSQL.

Each workstation is a real process with its own connection. Both load the record, wait at a
barrier, then save at once; the race is repeated for several rounds.
"""

from __future__ import annotations

import io
import multiprocessing
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from planner.assessment.recommend import recommend
from planner.demo import DEMO_CLIENTS, demo_assessment
from planner.errors import ConflictError
from planner.programme.model import SessionLog, SessionStatus
from planner.programme.plan import programme_from_recommendation
from planner.records import ClientDetails
from planner.services import Services
from planner.store.database import open_database

pytestmark = pytest.mark.storage

ROUNDS = 4
_FORK = multiprocessing.get_context("fork")


@dataclass
class Clinic:
    """What the races work on (ids and codes only: it crosses into the processes)."""

    client_id: int
    assessment_id: int
    programme_id: int
    item_key: str
    start: date
    photo_dir: Path


# Each kind: load(services, clinic, round) -> what the workstation saw;
# write(services, clinic, round, seen, who) -> the value it stored; read -> the stored value.
Load = Callable[[Services, Clinic, int], Any]
Write = Callable[[Services, Clinic, int, Any, str], Any]
Read = Callable[[Services, Clinic, int], Any]


def _client_load(s: Services, c: Clinic, _r: int) -> Any:
    return s.clients.get(c.client_id)


def _client_write(s: Services, c: Clinic, r: int, seen: Any, who: str) -> Any:
    phone = f"0{r}{'1' if who == 'a' else '2'}"
    s.clients.update(c.client_id, seen.version, seen.details.model_copy(update={"phone": phone}))
    return phone


def _assessment_load(s: Services, c: Clinic, _r: int) -> Any:
    return s.assessments.load(c.assessment_id)


def _assessment_write(s: Services, c: Clinic, r: int, seen: Any, who: str) -> Any:
    assessment, record = seen
    notes = f"round {r} by {who}"
    s.assessments.save_existing(
        c.assessment_id, record.version, assessment.model_copy(update={"notes": notes})
    )
    return notes


def _programme_load(s: Services, c: Clinic, _r: int) -> Any:
    return s.programmes.load(c.programme_id)


def _programme_write(s: Services, c: Clinic, r: int, seen: Any, who: str) -> Any:
    programme, stored = seen
    title = f"Plan round {r} by {who}"
    s.programmes.save_programme(
        c.programme_id, stored.version, programme.model_copy(update={"title": title})
    )
    return title


def _settings_load(s: Services, _c: Clinic, _r: int) -> Any:
    return s.settings.get()


def _settings_write(s: Services, _c: Clinic, r: int, seen: Any, who: str) -> Any:
    settings, version = seen
    name = f"Clinic {r}{who}"
    s.settings.save(settings.model_copy(update={"clinic_name": name}), version)
    return name


def _logo_write(s: Services, _c: Clinic, r: int, seen: Any, who: str) -> Any:
    logo = f"logo {r}{who}".encode()
    s.settings.set_logo(logo, seen[1])
    return logo


def _new_log_load(s: Services, c: Clinic, r: int) -> Any:
    day = c.start + timedelta(days=1 + r)
    return s.programmes.log_versions(c.programme_id).get((c.item_key, day), 0)


def _new_log_write(s: Services, c: Clinic, r: int, seen: Any, who: str) -> Any:
    pain = 1 if who == "a" else 2
    day = c.start + timedelta(days=1 + r)
    log = SessionLog(date=day, item=c.item_key, status=SessionStatus.DONE, pain_during=pain)
    s.programmes.record_log(c.programme_id, log, seen)
    return pain


def _new_log_read(s: Services, c: Clinic, r: int) -> Any:
    day = c.start + timedelta(days=1 + r)
    return next(g.pain_during for g in s.programmes.logs(c.programme_id) if g.date == day)


def _edit_log_load(s: Services, c: Clinic, _r: int) -> Any:
    return s.programmes.log_versions(c.programme_id)[(c.item_key, c.start)]


def _edit_log_write(s: Services, c: Clinic, r: int, seen: Any, who: str) -> Any:
    pain = (r + (3 if who == "a" else 6)) % 11
    log = SessionLog(date=c.start, item=c.item_key, status=SessionStatus.DONE, pain_during=pain)
    s.programmes.record_log(c.programme_id, log, seen)
    return pain


def _edit_log_read(s: Services, c: Clinic, _r: int) -> Any:
    return next(g.pain_during for g in s.programmes.logs(c.programme_id) if g.date == c.start)


_EXERCISE = "clinic_race_clamshell"


def _exercise_load(s: Services, _c: Clinic, _r: int) -> Any:
    return s.exercises.get(_EXERCISE)


def _exercise_write(s: Services, _c: Clinic, r: int, seen: Any, who: str) -> Any:
    exercise, version = seen
    name = f"Clamshell {r}{who}"
    s.exercises.update(exercise.model_copy(update={"name": name}), version)
    return name


def _exercise_read(s: Services, _c: Clinic, _r: int) -> Any:
    return s.exercises.get(_EXERCISE)[0].name


def _delete_load(s: Services, _c: Clinic, r: int) -> Any:
    return s.exercises.get(f"{_EXERCISE}_{r}")


def _delete_write(s: Services, _c: Clinic, r: int, seen: Any, who: str) -> Any:
    """One workstation edits the exercise while the other deletes it."""
    exercise, version = seen
    if who == "a":
        s.exercises.update(exercise.model_copy(update={"name": f"Kept {r}"}), version)
        return f"Kept {r}"
    s.exercises.delete(exercise.code, version)
    return None


def _delete_read(s: Services, _c: Clinic, r: int) -> Any:
    found = [ex.name for ex, _ in s.exercises.list() if ex.code == f"{_EXERCISE}_{r}"]
    return found[0] if found else None


def _photo_code(r: int) -> str:
    return ("bridge", "clamshell", "bird_dog", "dead_bug", "side_plank")[r]


def _photo_load(s: Services, _c: Clinic, r: int) -> Any:
    return s.media.photo_version(_photo_code(r + 1))


def _photo_write(s: Services, c: Clinic, r: int, seen: Any, who: str) -> Any:
    """Both attach the first photo of an exercise (each saw none)."""
    s.media.attach_photo(_photo_code(r + 1), c.photo_dir / f"{who}.png", expected_version=seen)
    return Image.open(c.photo_dir / f"{who}.png").getpixel((0, 0))


def _photo_read(s: Services, _c: Clinic, r: int) -> Any:
    found = s.media.photo(_photo_code(r + 1))
    assert found is not None
    return Image.open(io.BytesIO(found[0])).convert("RGB").getpixel((0, 0))


def _use_load(s: Services, _c: Clinic, _r: int) -> Any:
    return s.media.photo_version(_photo_code(0))


def _use_write(s: Services, _c: Clinic, r: int, seen: Any, who: str) -> Any:
    use = (r % 2 == 0) == (who == "a")
    s.media.set_use_instead(_photo_code(0), use, seen)
    return use


def _use_read(s: Services, _c: Clinic, _r: int) -> Any:
    found = s.media.photo(_photo_code(0))
    assert found is not None
    return found[2]


KINDS: dict[str, tuple[Load, Write, Read]] = {
    "client": (_client_load, _client_write, lambda s, c, r: s.clients.get(c.client_id).phone),
    "assessment": (
        _assessment_load,
        _assessment_write,
        lambda s, c, r: s.assessments.load(c.assessment_id)[0].notes,
    ),
    "programme": (
        _programme_load,
        _programme_write,
        lambda s, c, r: s.programmes.load(c.programme_id)[0].title,
    ),
    "settings": (_settings_load, _settings_write, lambda s, c, r: s.settings.get()[0].clinic_name),
    "logo": (_settings_load, _logo_write, lambda s, c, r: s.settings.logo()),
    "new session log": (_new_log_load, _new_log_write, _new_log_read),
    "session log edit": (_edit_log_load, _edit_log_write, _edit_log_read),
    "clinic exercise": (_exercise_load, _exercise_write, _exercise_read),
    "clinic exercise delete": (_delete_load, _delete_write, _delete_read),
    "new photo": (_photo_load, _photo_write, _photo_read),
    "photo choice": (_use_load, _use_write, _use_read),
}


def _workstation(url: str, who: str, clinic: Clinic, barrier: Any, results: Any) -> None:
    db = open_database(url)
    services = Services(db)
    try:
        for kind, (load, write, _read) in KINDS.items():
            for r in range(ROUNDS):
                seen = load(services, clinic, r)
                barrier.wait(30)
                try:
                    value = write(services, clinic, r, seen, who)
                except ConflictError:
                    results.put((kind, r, who, "conflict", None))
                except Exception as exc:
                    detail = "".join(traceback.format_exception_only(exc)).strip()
                    results.put((kind, r, who, f"error: {detail}", None))
                else:
                    results.put((kind, r, who, "saved", value))
                barrier.wait(30)
    finally:
        db.dispose()


def _clinic(services: Services, tmp_path: Path) -> Clinic:
    today = date.today()
    client = services.clients.create(ClientDetails(name="Race Client"))
    assessment = demo_assessment(DEMO_CLIENTS[0], today - timedelta(days=40))
    record = services.assessments.save_new(client.id, assessment)
    rec = recommend(assessment, services.settings.policy(), services.exercises.catalogue())
    start = today - timedelta(days=30)
    programme = programme_from_recommendation(rec.exercises, start=start, weeks=8, client="Race")
    stored = services.programmes.create_programme(programme, client.id)
    key = programme.items[0].key
    services.programmes.record_log(
        stored.id, SessionLog(date=start, item=key, status=SessionStatus.DONE, pain_during=0)
    )
    services.exercises.duplicate("clamshell", _EXERCISE, "Clamshell")
    for r in range(ROUNDS):
        services.exercises.duplicate("clamshell", f"{_EXERCISE}_{r}", f"Clamshell {r}")
    services.media.attach_photo(_photo_code(0), _png(tmp_path / "first.png", (0, 0, 0)))
    for who, colour in (("a", (200, 0, 0)), ("b", (0, 0, 200))):
        _png(tmp_path / f"{who}.png", colour)
    return Clinic(client.id, record.id, stored.id, key, start, tmp_path)


def _png(path: Path, colour: tuple[int, int, int]) -> Path:
    Image.new("RGB", (40, 30), colour).save(path)
    return path


def test_every_kind_of_record_two_workstations_at_once_one_save_wins(
    db_url: str, tmp_path: Path
) -> None:
    db = open_database(db_url)
    try:
        _race_every_kind(db_url, Services(db), tmp_path)
    finally:
        db.dispose()


def _race_every_kind(db_url: str, services: Services, tmp_path: Path) -> None:
    # The very first settings save races too: both start from "never saved" (version 0).
    clinic = _clinic(services, tmp_path)
    assert services.settings.get()[1] == 0
    barrier = _FORK.Barrier(2)
    results = _FORK.Queue()
    desks = [
        _FORK.Process(target=_workstation, args=(db_url, who, clinic, barrier, results))
        for who in ("a", "b")
    ]
    for desk in desks:
        desk.start()
    outcomes: dict[tuple[str, int], dict[str, tuple[str, Any]]] = {}
    for _ in range(2 * ROUNDS * len(KINDS)):
        kind, r, who, result, value = results.get(timeout=120)
        outcomes.setdefault((kind, r), {})[who] = (result, value)
    for desk in desks:
        desk.join(60)
        assert desk.exitcode == 0

    for (kind, r), by in sorted(outcomes.items()):
        results_seen = sorted(result for result, _ in by.values())
        assert results_seen == ["conflict", "saved"], f"{kind} round {r}: {by}"
    # Nothing silently overwritten: what is stored now is the last round's winner.
    for kind, (_load, _write, read) in KINDS.items():
        for r in range(ROUNDS):
            winner = next(v for result, v in outcomes[(kind, r)].values() if result == "saved")
            if (
                kind in {"new session log", "new photo", "clinic exercise delete"}
                or r == ROUNDS - 1
            ):
                assert read(services, clinic, r) == winner, f"{kind} round {r}"
