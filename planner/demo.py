"""A demo clinic: realistic runners with low back pain, for trying the app and for screenshots.

The people are invented. Histories follow the patterns the clinic sees most: a sudden rise in
weekly distance, worn shoes, no warm-up, and hip or trunk weakness.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from planner.assessment.model import AssessmentFile
from planner.assessment.recommend import recommend
from planner.programme.model import ProgrammeStatus, SessionLog, SessionStatus
from planner.programme.plan import programme_from_recommendation
from planner.records import ClientDetails
from planner.services import Services
from planner.services.privacy import delete_client_rows
from planner.settings import ClinicSettings


@dataclass(frozen=True)
class DemoClient:
    details: ClientDetails
    # Differences from the base assessment below (conditions, tests, running profile, ...).
    assessment: dict[str, Any] = field(default_factory=dict)
    goals: tuple[str, ...] = ()


DEMO_CLIENTS: tuple[DemoClient, ...] = (
    DemoClient(
        ClientDetails(
            name="Zoë Łukasiewicz",
            birth_date=date(1988, 4, 12),
            sex="female",
            notes="Half-marathon runner. Low back pain for 6 weeks after raising weekly distance "
            "from 25 to 40 km. Worse on long runs and downhill; eases with walking.",
        )
    ),
    DemoClient(
        ClientDetails(
            name="Søren Ødegård",
            birth_date=date(1979, 9, 3),
            sex="male",
            notes="Trail runner, 55 km a week. Right-sided back and buttock ache after long "
            "descents. Shoes about 900 km old. Rarely warms up.",
        )
    ),
    DemoClient(
        ClientDetails(
            name="Amara Okafor",
            birth_date=date(1995, 1, 27),
            sex="female",
            notes="New runner (couch to 5 km), 14 weeks pregnant. Dull central back pain after "
            "runs, none at rest. Wants to keep active safely.",
        )
    ),
    DemoClient(
        ClientDetails(
            name="Tomás Ñandú Herrera",
            birth_date=date(1969, 6, 30),
            sex="male",
            notes="Masters 10 km runner. Stiff low back in the morning, better after 20 minutes. "
            "Known mild lumbar stenosis; leg ache on long walks.",
        )
    ),
    DemoClient(
        ClientDetails(
            name="Priya Raman",
            birth_date=date(2001, 11, 5),
            sex="female",
            notes="University cross-country runner. Pain on back-bending after a block of hill "
            "sprints. Trains 6 days a week with no rest day.",
        )
    ),
    DemoClient(
        ClientDetails(
            name="James O'Connor",
            birth_date=date(1984, 2, 18),
            sex="male",
            notes="Marathon training, 70 km a week. Left hip drop noted by coach; low back pain "
            "from 25 km onwards in long runs.",
        )
    ),
)

# What sets each demo client apart, matching the notes above.
_DIFFERENCES: dict[str, tuple[dict[str, Any], tuple[str, ...]]] = {
    "Zoë Łukasiewicz": (
        {"running": {"weekly_km": 40, "weekly_km_previous": 25}},
        ("Run a half marathon without back pain", "Climb stairs without hip pain"),
    ),
    "Søren Ødegård": (
        {
            "running": {
                "weekly_km": 55,
                "weekly_km_previous": 50,
                "shoe_km": 900,
                "surface": "trail",
            },
            "pain": {"area": "right low back and buttock"},
            "tests": {
                "trendelenburg": {"left": "negative", "right": "positive"},
                "single_leg_squat": {"left": 3, "right": 1},
                "hip_abduction_strength": {"left": 25, "right": 19},
                "thomas_test": {"left": "positive", "right": "positive"},
            },
        },
        ("Run long descents without back pain",),
    ),
    "Amara Okafor": (
        {
            "client": {
                "conditions": ["pregnancy"],
                "pregnancy_trimester": 2,
                "experience": "beginner",
            },
            "running": {"weekly_km": 12, "weekly_km_previous": 10, "longest_run_km": 5},
            "pain": {"now": 2, "worst": 4, "area": "central low back"},
        },
        ("Keep running safely through the pregnancy", "Walk to work without back pain"),
    ),
    "Tomás Ñandú Herrera": (
        {
            "client": {"conditions": ["spinal_stenosis"]},
            "running": {"weekly_km": 25, "weekly_km_previous": 25},
            "tests": {"lumbar_extension_deg": 12},
        },
        ("Run a 10 km race this season", "Walk for an hour without leg ache"),
    ),
    "Priya Raman": (
        {
            "client": {"conditions": ["spondylolisthesis"], "experience": "advanced"},
            "running": {"weekly_km": 60, "weekly_km_previous": 55, "rest_days_per_week": 0},
        },
        ("Race cross-country again", "Train hills without back pain"),
    ),
    "James O'Connor": (
        {"running": {"weekly_km": 70, "weekly_km_previous": 50, "longest_run_km": 30}},
        ("Finish the marathon without back pain",),
    ),
}
DEMO_CLIENTS = tuple(
    DemoClient(d.details, *_DIFFERENCES.get(d.details.name, ({}, ()))) for d in DEMO_CLIENTS
)

DEMO_SETTINGS = ClinicSettings(
    clinic_name="Riverside Physiotherapy",
    address="12 Mill Lane, Riverside",
    phone="01234 567890",
    email="hello@riverside-physio.example",
    qr_url="https://riverside-physio.example/exercises",
)


BASE_ASSESSMENT: dict[str, Any] = {
    "format": "physio-planner/assessment",
    "version": 1,
    "client": {
        "equipment": ["mat", "resistance_band", "foam_roller", "wall", "step_or_stairs"],
        "experience": "intermediate",
    },
    "pain": {
        "now": 3,
        "best": 1,
        "worst": 6,
        "area": "low back",
        "pattern": "builds during long runs, settles overnight",
        "aggravating": ["running downhill"],
        "easing": ["walking", "rest"],
    },
    "red_flags": [],
    "medical_clearance": False,
    "running": {
        "weekly_km": 35,
        "weekly_km_previous": 30,
        "longest_run_km": 16,
        "shoe_km": 400,
        "surface": "road",
        "warm_up": False,
        "rest_days_per_week": 1,
    },
    "questionnaires": {
        "odi": [1, 1, 0, 1, 0, 1, 1, 0, 2, 0],
        "start_back": {"answers": [0, 1, 0, 0, 1, 0, 0, 1], "bothersomeness": "moderately"},
        "psfs": [
            {"activity": "running 10 km", "score": 4},
            {"activity": "climbing stairs", "score": 7},
        ],
    },
    "tests": {
        "trendelenburg": {"left": "positive", "right": "negative"},
        "single_leg_squat": {"left": 1, "right": 3},
        "hip_abduction_strength": {"left": 18, "right": 24},
        "active_knee_extension_deficit_deg": {"left": 32, "right": 30},
        "thomas_test": {"left": "negative", "right": "negative"},
        "trunk_flexor_endurance_s": 95,
        "trunk_extensor_endurance_s": 120,
        "side_bridge_endurance_s": {"left": 60, "right": 72},
    },
}


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in extra.items():
        out[key] = (
            _merge(out[key], value)
            if isinstance(value, dict) and isinstance(out.get(key), dict)
            else value
        )
    return out


def demo_assessment(demo: DemoClient, on: date) -> AssessmentFile:
    d = demo.details
    data = _merge(
        BASE_ASSESSMENT,
        {"client": {"name": d.name, "birth_date": d.birth_date, "sex": d.sex}, "date": on},
    )
    data = _merge(data, demo.assessment)
    # The red-flag screen was done at every visit: what was found, or none present.
    data["red_flag_screen"] = {"screened_on": on, "none_present": not data.get("red_flags")}
    return AssessmentFile.model_validate(data)


# Re-assessments: the oldest first, each one step better than the one before (pain down,
# Oswestry and PSFS better, the weak hip stronger), so Compare and the progress report have a
# story to tell. Days before today.
ASSESSED_DAYS_AGO = (42, 21, 7)


def _earlier(data: dict[str, Any], steps: int) -> dict[str, Any]:
    """The assessment ``steps`` visits before ``data``: worse by a plausible amount."""
    if steps == 0:
        return data
    out = _merge(data, {})
    pain = dict(out.get("pain") or {})
    for key in ("now", "worst"):
        if key in pain:
            pain[key] = min(10, pain[key] + 2 * steps)
    if pain:
        out["pain"] = pain
    q = dict(out.get("questionnaires") or {})
    if q.get("odi"):
        q["odi"] = [min(5, v + steps) if v is not None and n < 6 else v
                    for n, v in enumerate(q["odi"])]  # fmt: skip
    if q.get("psfs"):
        q["psfs"] = [{**i, "score": max(0, i["score"] - 2 * steps)} for i in q["psfs"]]
    out["questionnaires"] = q
    tests = dict(out.get("tests") or {})
    hip = tests.get("hip_abduction_strength")
    if isinstance(hip, dict) and "left" in hip:
        tests["hip_abduction_strength"] = {**hip, "left": max(1, hip["left"] - 3 * steps)}
    bridge = tests.get("side_bridge_endurance_s")
    if isinstance(bridge, dict) and "left" in bridge:
        tests["side_bridge_endurance_s"] = {**bridge, "left": max(5, bridge["left"] - 12 * steps)}
    out["tests"] = tests
    return out


def _add_history(services: Services, client_id: int, demo: DemoClient, today: date) -> None:
    """Three assessments weeks apart with changing scores, a programme from the first, given
    to the client, and the sessions logged since."""
    first_day = today - timedelta(days=ASSESSED_DAYS_AGO[0])
    visits = len(ASSESSED_DAYS_AGO)
    first: AssessmentFile | None = None
    for n, days_ago in enumerate(ASSESSED_DAYS_AGO):
        on = today - timedelta(days=days_ago)
        latest = demo_assessment(demo, on)
        data = _earlier(latest.model_dump(mode="json"), visits - 1 - n)
        assessment = AssessmentFile.model_validate(data)
        services.assessments.save_new(client_id, assessment)
        first = first or assessment
    assert first is not None
    rec = recommend(first, services.settings.policy(), services.exercises.catalogue())
    if rec.blocked_reason or not rec.exercises:
        return
    start = first_day + timedelta(days=(7 - first_day.weekday()) % 7)  # the Monday after
    programme = programme_from_recommendation(
        rec.all_items, start=start, weeks=8, client=demo.details.name, therapist="Alex Morgan"
    ).model_copy(
        update={
            "goals": list(demo.goals),
            "status": ProgrammeStatus.ACTIVE,
            "given_on": first_day,  # printed and handed over at the first visit
        }
    )
    stored = services.programmes.create_programme(programme, client_id)
    logs = []
    for item in programme.items[:4]:
        day = start
        while day < today:
            if day.weekday() in {d.index for d in item.days}:
                week = (day - start).days // 7
                logs.append(
                    SessionLog(
                        date=day,
                        item=item.key,
                        status=SessionStatus.DONE if week % 3 != 2 else SessionStatus.PARTIAL,
                        pain_during=max(0, 4 - week // 2),
                        pain_next_morning=max(0, 3 - week // 2),
                    )
                )
            day += timedelta(days=1)
    services.programmes.record_new_logs(stored.id, logs)


def create_demo(services: Services, today: date | None = None) -> list[int]:
    """Add the demo clinic's settings, a clinician and the demo clients; returns client ids.

    Each client gets three assessments weeks apart with changing scores, a programme built
    from the first one's recommendation and given to the client, and the sessions logged
    since, so every screen (Compare, the progress report) has something real to show. It is
    all one transaction: a demo cut short stores nothing, so running it again makes it whole.
    """
    with services.db.atomic():
        return _create(services, today or date.today())


def _create(services: Services, today: date) -> list[int]:
    settings, version = services.settings.get()
    if not settings.clinic_name:
        services.settings.save(DEMO_SETTINGS, version)
    if not services.clinicians.list():
        services.clinicians.create("Alex Morgan", registration="PH123456")
    ids = []
    existing = {c.name for c in services.clients.search("", limit=10000)}
    for demo in DEMO_CLIENTS:
        if demo.details.name in existing:
            continue
        client_id = services.clients.create(demo.details).id
        _add_history(services, client_id, demo, today)
        ids.append(client_id)
    return ids


def is_demo_client(details: ClientDetails) -> bool:
    """One of the demo's invented people: name, birth date and notes all as the demo made
    them, so a real client who shares a name is never taken for one."""
    return any(
        (d.details.name, d.details.birth_date, d.details.notes)
        == (details.name, details.birth_date, details.notes)
        for d in DEMO_CLIENTS
    )


def remove_demo(services: Services) -> list[str]:
    """Remove exactly the demo's clients (with their assessments, programmes and logs), in one
    transaction; the names removed. The clinic's settings and other clients stay."""
    removed: list[str] = []
    demo = [
        c
        for c in services.clients.search("", limit=100_000)
        + services.clients.search("", archived=True, limit=100_000)
        if is_demo_client(c.details)
    ]
    with services.db.transaction() as session:
        for client in demo:
            delete_client_rows(session, client.id)
            services.audit(
                session, "client", client.id, "erase", None, ["demo"], client_id=client.id
            )
            removed.append(client.name)
    return removed
