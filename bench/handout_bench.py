"""Home programme handouts: one 12-exercise, 8-week handout, and a batch of 50.

The programme is built the way the app builds one: twelve library exercises (with figures where
the library has them) at their default doses and progression rules, two four-week stages, a
clinic with a logo-free header and a QR code. Each sample is the whole job a Print button does:
the schedule is materialised and the PDF laid out and written to bytes. Targets (issue 7):
median <= 300 ms for one handout (issue 7, held by issue 14); pages per second reported for a
batch of 50. The clinic has a phone number, as every handout needs one.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
import time

from bench.timing import median_ms, p99_ms, time_calls
from exercise_library.catalogue import Catalogue, builtin_catalogue
from planner.programme.defaults import default_item
from planner.programme.model import Phase, PhaseSpan, Programme, ProgrammeStatus
from planner.settings import ClinicSettings
from reports.handout import build_handout

TARGET_MS = 300
BATCH = 50
# Twelve exercises a low-back and hip programme might hold, from warm-up to running.
CODES = (
    "cat_cow", "pelvic_tilt", "bridge", "clamshell", "dead_bug", "bird_dog", "knee_side_plank",
    "squat", "lateral_step_down", "hamstring_stretch", "hip_flexor_stretch", "walk_jog_4_2",
)  # fmt: skip


def sample_programme(catalogue: Catalogue, client: str = "Zoë Łukasiewicz") -> Programme:
    items = []
    for order, code in enumerate(CODES, start=1):
        span = PhaseSpan(first=2, last=2) if code == "walk_jog_4_2" else None
        items.append(default_item(catalogue[code], order, span))
    return Programme(
        title="Stronger back and hips, then back to running",
        client=client,
        therapist="Søren Ødegård",
        goals=["Run 5 km with my club again", "Lift my toddler without back pain"],
        start=dt.date(2026, 1, 5),
        status=ProgrammeStatus.ACTIVE,
        review_dates=[dt.date(2026, 2, 2), dt.date(2026, 3, 2)],
        phases=[Phase(name="Control", weeks=4), Phase(name="Strength and running", weeks=4)],
        items=items,
    )


CLINIC = ClinicSettings(
    clinic_name="Ñandú Physiotherapy",
    address="4 Harbour Row, Portsmouth PO1 2AB",
    phone="023 9200 0000",
    qr_url="https://nandu-physio.example",
)


def _cpu_ms(fn: object, repeat: int) -> float:
    """Median processor time per call: what the job costs when other work shares the cores."""
    samples = []
    for _ in range(repeat):
        t = time.process_time()
        fn()  # type: ignore[operator]
        samples.append(time.process_time() - t)
    return statistics.median(samples) * 1000


def _pages(pdf: bytes) -> int:
    # Each page object says "/Type /Page" followed by anything but the "s" of "/Pages"
    # (counting fixed strings missed the last page).
    return len(re.findall(rb"/Type /Page\b(?!s)", pdf))


def main() -> None:
    catalogue = builtin_catalogue()
    programme = sample_programme(catalogue)
    figures = sum(1 for code in CODES if catalogue[code].figure is not None)
    printed = dt.date(2026, 1, 5)

    def one(large: bool = False, log_sheet: bool = False) -> bytes:
        return build_handout(
            programme, catalogue, CLINIC, printed=printed, large_print=large, log_sheet=log_sheet
        )

    first_t = time.perf_counter()
    pdf = one()  # first call also loads the fonts
    first_ms = (time.perf_counter() - first_t) * 1000
    pages = _pages(pdf)
    normal = time_calls(one, 21)
    normal_cpu = _cpu_ms(one, 11)
    large_pdf = one(True)
    large = time_calls(lambda: one(True), 11)
    large_cpu = _cpu_ms(lambda: one(True), 7)
    log_pdf = one(log_sheet=True)
    logged = time_calls(lambda: one(log_sheet=True), 11)
    logged_cpu = _cpu_ms(lambda: one(log_sheet=True), 7)

    clients = [sample_programme(catalogue, f"Client {n:02d}") for n in range(BATCH)]
    batch_pages = 0
    t = time.perf_counter()
    for p in clients:
        batch_pages += _pages(build_handout(p, catalogue, CLINIC, printed=printed))
    batch_s = time.perf_counter() - t

    print(
        f"12 exercises ({figures} with figures), 8 weeks, 2 stages; {pages} pages A4, "
        f"{len(pdf) / 1024:.0f} KB; first call (fonts loading) {first_ms:.0f} ms\n"
    )
    print("| job | samples | median (ms) | p99 (ms) | CPU median (ms) | pages | pages/s |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    med = median_ms(normal)
    print(
        f"| one handout | {len(normal)} | {med:.0f} | {p99_ms(normal):.0f} | {normal_cpu:.0f} | "
        f"{pages} | {pages / statistics.median(normal):.0f} |"
    )
    large_pages = _pages(large_pdf)
    print(
        f"| one handout, large print | {len(large)} | {median_ms(large):.0f} | "
        f"{p99_ms(large):.0f} | {large_cpu:.0f} | {large_pages} | "
        f"{large_pages / statistics.median(large):.0f} |"
    )
    log_pages = _pages(log_pdf)
    print(
        f"| one handout with the log sheet | {len(logged)} | {median_ms(logged):.0f} | "
        f"{p99_ms(logged):.0f} | {logged_cpu:.0f} | {log_pages} | "
        f"{log_pages / statistics.median(logged):.0f} |"
    )
    print(
        f"| batch of {BATCH} handouts | 1 | {batch_s * 1000:.0f} (total) | – | – | "
        f"{batch_pages} | {batch_pages / batch_s:.0f} |"
    )
    verdict = "met" if med <= TARGET_MS else "MISSED"
    print(
        f"\nTarget: median <= {TARGET_MS} ms for one handout: {verdict} ({med:.0f} ms wall "
        f"clock, {normal_cpu:.0f} ms of processor time). Wall clock includes waiting for a core "
        "when other work is running; processor time does not."
    )
