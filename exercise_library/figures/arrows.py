"""Movement arrows: from each key pose towards the next, along the path of the part that moves.

An arrow bends around a joint that stays still (the shoulder for an arm raise, the feet for a
squat) so it reads as the movement it is, and never dips through the floor.
"""

from __future__ import annotations

import math
from typing import Final

from exercise_library.figures.posing import Point, PosedBody
from exercise_library.figures.primitives import Arrow, Primitive

ARROW_GREY: Final = 0.1
ARROW_WIDTH: Final = 0.024
ARROW_HEAD: Final = 0.085
MIN_MOVE: Final = 0.12  # m: below this a key-pose change gets no arrow (a hold)
MAX_SWEEP: Final = math.radians(160)
_ARROW_POINTS: Final = (
    "hand_near",
    "hand_far",
    "ankle_near",
    "ankle_far",
    "knee_near",
    "knee_far",
    "elbow_near",
    "elbow_far",
    "pelvis",
    "head",
)
_PIVOTS: Final = (
    "shoulder_near",
    "shoulder_far",
    "hip_near",
    "hip_far",
    "elbow_near",
    "elbow_far",
    "knee_near",
    "knee_far",
    "pelvis",
    "neck",
    "waist",
    "ankle_near",
    "ankle_far",
    "toe_near",
    "toe_far",
    "hand_near",
    "hand_far",
)


def movement_arrows(setting: str, drawn: list[PosedBody]) -> dict[int, list[Primitive]]:
    """For each pose but the last: an arrow along the path of the part that moves most (or of
    the part ``setting`` names; none for ``"none"``), keyed by the pose's index."""
    out: dict[int, list[Primitive]] = {}
    if setting == "none":
        return out
    for i in range(len(drawn) - 1):
        a, b = drawn[i], drawn[i + 1]
        if setting == "auto":
            moves = {
                p: math.dist(a.xy[p], b.xy[p]) + (0.02 if p.endswith("near") else 0.0)
                for p in _ARROW_POINTS
            }
            point = max(moves, key=lambda p: moves[p])
            p0, p1 = a.xy[point], b.xy[point]
        else:
            point = setting
            p0, p1 = a.group_center(setting), b.group_center(setting)
        dist = math.dist(p0, p1)
        if dist < MIN_MOVE:
            continue
        path = _arc_path(a, b, point, p0, p1)
        out[i] = [Arrow(tuple(path), ARROW_WIDTH, ARROW_GREY, ARROW_HEAD, "arrow")]
    return out


def _arc_path(a: PosedBody, b: PosedBody, point: str, p0: Point, p1: Point) -> list[Point]:
    """The arrow's path: an arc about a part that stays still (the shoulder for an arm raise,
    the feet for a squat), else a gently bowed line; never through the floor."""
    candidates: list[list[Point]] = []
    pivot = _still_pivot(a, b, point, p0, p1)
    if pivot is not None:
        c = pivot
        a0 = math.atan2(p0[1] - c[1], p0[0] - c[0])
        a1 = math.atan2(p1[1] - c[1], p1[0] - c[0])
        short = (a1 - a0 + math.pi) % (2 * math.pi) - math.pi
        long = short - math.copysign(2 * math.pi, short)
        for sweep in (short, long):
            # a wide sweep reads as a circling movement, which none of these is
            if abs(sweep) <= MAX_SWEEP:
                candidates.append(_arc(c, p0, p1, a0, sweep))
    dist = math.dist(p0, p1)
    cx = sum(x for x, _ in a.xy.values()) / len(a.xy)
    cy = sum(y for _, y in a.xy.values()) / len(a.xy)
    dx, dy = (p1[0] - p0[0]) / dist, (p1[1] - p0[1]) / dist
    nx, ny = -dy, dx
    mx, my = (p0[0] + p1[0]) / 2, (p0[1] + p1[1]) / 2
    if (mx - cx) * nx + (my - cy) * ny < 0:
        nx, ny = -nx, -ny
    for sign in (1.0, -1.0):
        candidates.append(_bowed(p0, p1, sign * nx, sign * ny))
    if a.view == "above":  # the floor is the picture itself: nothing to keep clear of
        return candidates[0]
    for path in candidates:
        if min(y for _, y in path) > 0.03:
            return path
    return [(x, max(y, 0.05)) for x, y in candidates[0]]


def _still_pivot(a: PosedBody, b: PosedBody, point: str, p0: Point, p1: Point) -> Point | None:
    dist = math.dist(p0, p1)
    best: tuple[float, Point] | None = None
    for q in _PIVOTS:
        if q == point:
            continue
        still = math.dist(a.xy[q], b.xy[q])
        r0, r1 = math.dist(a.xy[q], p0), math.dist(b.xy[q], p1)
        if (
            still < max(0.04, 0.2 * dist)
            and min(r0, r1) > 0.2
            and abs(r0 - r1) < 0.35 * max(r0, r1)
        ):
            c = ((a.xy[q][0] + b.xy[q][0]) / 2, (a.xy[q][1] + b.xy[q][1]) / 2)
            if best is None or r0 < best[0]:
                best = (r0, c)
    return None if best is None else best[1]


def _arc(c: Point, p0: Point, p1: Point, a0: float, sweep: float) -> list[Point]:
    r0, r1 = math.dist(c, p0), math.dist(c, p1)
    off = 0.12
    n = max(8, int(abs(sweep) / math.radians(8)))
    # trim a fixed length off each end so the arrow starts clear of the limb
    trim = min(0.25, 0.09 / max(0.2, (r0 + r1) / 2) / max(1e-6, abs(sweep)))
    t0, t1 = trim, 1.0 - trim * 0.6
    pts = []
    for k in range(n + 1):
        t = t0 + (t1 - t0) * k / n
        ang = a0 + sweep * t
        r = r0 + (r1 - r0) * t + off
        pts.append((c[0] + r * math.cos(ang), c[1] + r * math.sin(ang)))
    return pts


def _bowed(p0: Point, p1: Point, nx: float, ny: float) -> list[Point]:
    dist = math.dist(p0, p1)
    off = 0.13
    bow = 0.12 * dist
    pts = []
    n = 12
    for k in range(n + 1):
        t = 0.1 + 0.8 * k / n
        x = p0[0] + (p1[0] - p0[0]) * t + nx * (off + bow * 4 * t * (1 - t))
        y = p0[1] + (p1[1] - p0[1]) * t + ny * (off + bow * 4 * t * (1 - t))
        pts.append((x, y))
    return pts
