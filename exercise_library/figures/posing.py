"""From joint angles to a body posed in the picture plane.

Two small solvers spare pose authors the trigonometry a real position needs:

- *contacts level*: when a pose names two body regions that rest on the floor (forearms and
  toes in a plank, shoulders and feet in a bridge), the whole-body lean (``tilt`` seen from the
  side, ``roll`` seen from the front) is turned until both touch;
- *contacts lie flat*: a named foot, hand, forearm or shin has its proximal joint (ankle, wrist,
  elbow, knee) set so it lies level, as a foot flat on the floor does.

Both have closed forms (the height of a rotated point is a sinusoid of the angle), so posing a
figure costs a few forward-kinematics passes and no iteration on the drawing.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Final, Literal

from exercise_library.figures.body import (
    FLATTEN,
    JOINT_LIMITS,
    R_HEAD,
    RIGID_LINKS,
    SEGMENT_BY_NAME,
    Mat,
    Segment,
    Skeleton,
    Vec,
    apply,
    distance,
    forward_kinematics,
    groups_for,
    mul,
    root_rotation,
    segments_for,
)

ViewName = Literal["side", "front", "above"]
Point = tuple[float, float]

SOLVE_AXIS: Final[dict[str, str]] = {"side": "tilt", "front": "roll", "above": "roll"}
_ROUNDS: Final = 3


@dataclass
class PosedBody:
    """One key pose in picture coordinates (x right, y up, metres); ``depth`` grows toward the
    viewer. Placement on the floor or a prop is a later shift of ``xy``."""

    angles: dict[str, float]
    world: dict[str, Vec]
    xy: dict[str, Point]
    depth: dict[str, float]
    forward: Point = (1.0, 0.0)
    view: ViewName = "side"
    problems: list[str] = field(default_factory=list)

    def drawn(self) -> PosedBody:
        """Where the points are drawn: heights as placed, shifted by depth in the front view;
        seen from above, the floor is the picture and height becomes depth."""
        if self.view == "side":
            return self
        if self.view == "above":
            xy = {k: (x, ABOVE_TILT * y - self.depth[k]) for k, (x, y) in self.xy.items()}
            return replace(self, xy=xy, depth={k: y for k, (_, y) in self.xy.items()})
        xy = {k: (x, y - OBLIQUE * self.depth[k]) for k, (x, y) in self.xy.items()}
        return replace(self, xy=xy)

    def shifted(self, dx: float, dy: float) -> PosedBody:
        moved = {k: (x + dx, y + dy) for k, (x, y) in self.xy.items()}
        return replace(self, xy=moved)

    @property
    def segments(self) -> tuple[Segment, ...]:
        return segments_for(self.view)

    def group(self, name: str) -> tuple[tuple[str, float], ...]:
        return groups_for(self.view)[name]

    def items(self) -> Iterable[tuple[str, float]]:
        """Every point that carries body surface, with the surface radius around it."""
        for seg in self.segments:
            yield seg.a, seg.radius
            yield seg.b, seg.radius
        yield "head", R_HEAD

    def bottom(self) -> float:
        """Height of the lowest body surface."""
        return min(self.xy[p][1] - r for p, r in self.items())

    def group_bottom(self, group: str) -> float:
        return min(self.xy[p][1] - r for p, r in self.group(group))

    def group_center(self, group: str) -> Point:
        pts = [self.xy[p] for p, _ in self.group(group)]
        return (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))

    def group_span(self, group: str) -> tuple[float, float]:
        xs = [self.xy[p][0] + s * r for p, r in self.group(group) for s in (-1, 1)]
        return min(xs), max(xs)

    def picture(self, v: Vec) -> Point:
        """A direction in the world (a dumbbell's handle) as this picture draws it: seen from
        the front, what points at the viewer is drawn a little lower, as the body is."""
        (x, y), d = project(self.view, v)
        if self.view == "above":
            return (x, ABOVE_TILT * y - d)
        return (x, y - OBLIQUE * d) if self.view == "front" else (x, y)


# Seen from the front, what comes towards the viewer is drawn this much lower per metre, as if
# seen from a little above: the bent knees of a clamshell and the forearm of a side plank then
# show their length instead of pointing straight at the eye. Heights stay true for placement.
OBLIQUE: Final = 0.3
# Seen from above (the camera over the floor, a little in front of the body), what comes
# towards the viewer is drawn lower and what is higher off the floor a little higher: a side
# kick swings the top leg down and up the picture, a 90/90 sit shows both bent legs on the mat.
ABOVE_TILT: Final = 0.45


def project(view: ViewName, v: Vec) -> tuple[Point, float]:
    """Orthographic camera: from the near side for 'side', facing the body for 'front' (and
    for 'above', whose picture :meth:`PosedBody.drawn` then turns to look down at the floor)."""
    x, y, z = v
    if view == "side":
        return (x, y), z
    return (-z, y), x


def pose_body(
    angles: Mapping[str, float],
    contacts: Sequence[str],
    view: ViewName,
    supports: Mapping[str, float] | None = None,
    level: str | None = None,
) -> PosedBody:
    """Solve contacts, then project. ``supports`` raises a contact group's resting height (a
    foot on a step rests 0.2 m above the floor). ``level`` is the whole-body angle turned to
    rest two contacts (``tilt`` or ``roll``; by default the one the view shows)."""
    ang = dict(angles)
    problems: list[str] = []
    supports = supports or {}
    flatten = [hinge for group in contacts for hinge in FLATTEN.get(group, ())]
    sk = forward_kinematics(ang)
    for _ in range(_ROUNDS if flatten else 1):
        if len(contacts) >= 2:
            axis = level or SOLVE_AXIS[view]
            _level_contacts(sk, ang, view, axis, contacts[0], contacts[1], supports, problems)
        if not flatten:
            break
        root = root_rotation(ang)
        changed = False
        for joint, _segment in flatten:
            new = _flat_angle(root, sk, joint, ang.get(joint, 0.0))
            if abs(new - ang.get(joint, 0.0)) > 0.05:
                ang[joint] = new
                changed = True
        sk = forward_kinematics(ang)
        if not changed:
            break
    for joint, _segment in flatten:
        lo, hi = JOINT_LIMITS[joint]
        if not lo - 0.5 <= ang.get(joint, 0.0) <= hi + 0.5:
            problems.append(
                f"laying {joint.rsplit('_', 1)[0]} flat needs {joint} = {ang.get(joint, 0.0):.0f}, "
                f"outside {lo:.0f}..{hi:.0f}"
            )
    root = root_rotation(ang)
    world = {name: apply(root, p) for name, p in sk.points.items()}
    xy: dict[str, Point] = {}
    depth: dict[str, float] = {}
    for name, p in world.items():
        xy[name], depth[name] = project(view, p)
    forward, _ = project(view, apply(root, (1.0, 0.0, 0.0)))
    return PosedBody(ang, world, xy, depth, forward, view, problems)


def _height_coeffs(axis: str, ang: Mapping[str, float], d: Vec) -> tuple[float, float, float]:
    """World height of body-frame vector ``d`` as A*cos(t) + B*sin(t) + C of the solved angle."""
    dx, dy, dz = d
    if axis == "tilt":
        r = math.radians(ang.get("roll", 0.0))
        return math.cos(r) * dy, -math.cos(r) * dx, -math.sin(r) * dz
    t = math.radians(ang.get("tilt", 0.0))
    qy = -dx * math.sin(t) + dy * math.cos(t)
    return qy, -dz, 0.0


def _lowest(sk: Skeleton, root: Mat, items: Sequence[tuple[str, float]]) -> tuple[str, float]:
    best, best_r, best_h = "", 0.0, math.inf
    for p, r in items:
        h = apply(root, sk.points[p])[1] - r
        if h < best_h:
            best, best_r, best_h = p, r, h
    return best, best_r


def _nearest_solution(base: float, spread: float, current: float) -> float:
    """Of base +/- spread (degrees), the one closest to ``current`` on the circle."""
    cands = (base + spread, base - spread)
    return min(cands, key=lambda a: abs((a - current + 180.0) % 360.0 - 180.0))


def _wrap(a: float) -> float:
    return (a + 180.0) % 360.0 - 180.0


def _level_contacts(
    sk: Skeleton,
    ang: dict[str, float],
    view: ViewName,
    axis: str,
    first: str,
    second: str,
    supports: Mapping[str, float],
    problems: list[str],
) -> None:
    """Turn the whole body (``axis``: tilt for a body seen from the side, roll from the
    front) until both groups rest on their supports."""
    groups = groups_for(view)
    seen: set[tuple[str, str]] = set()
    for _ in range(8):
        root = root_rotation(ang)
        a, ra = _lowest(sk, root, groups[first])
        b, rb = _lowest(sk, root, groups[second])
        if (a, b) in seen:
            break
        seen.add((a, b))
        pa, pb = sk.points[a], sk.points[b]
        d = (pa[0] - pb[0], pa[1] - pb[1], pa[2] - pb[2])
        big_a, big_b, c = _height_coeffs(axis, ang, d)
        k = ra - rb + supports.get(first, 0.0) - supports.get(second, 0.0) - c
        amp = math.hypot(big_a, big_b)
        if amp < 1e-9:
            return
        ratio = k / amp
        if abs(ratio) > 1.0:
            problems.append(f"{first} and {second} cannot both rest on their supports")
            ratio = max(-1.0, min(1.0, ratio))
        phi = math.degrees(math.atan2(big_b, big_a))
        spread = math.degrees(math.acos(ratio))
        ang[axis] = _wrap(_nearest_solution(phi, spread, ang.get(axis, 0.0)))


def _flat_angle(root: Mat, sk: Skeleton, joint: str, current: float) -> float:
    """The joint angle nearest ``current`` that makes the joint's distal segment level."""
    hinge = sk.hinges[joint]
    frame = mul(root, hinge.frame)
    r0, r1, r2 = frame[3], frame[4], frame[5]
    vx, vy, vz = hinge.local
    big_a = r0 * vx + r1 * vy
    big_b = r1 * vx - r0 * vy
    c = r2 * vz
    amp = math.hypot(big_a, big_b)
    if amp < 1e-9:
        return current
    ratio = max(-1.0, min(1.0, -c / amp))
    phi = math.degrees(math.atan2(big_b, big_a))
    spread = math.degrees(math.acos(ratio))
    b = _nearest_solution(phi, spread, hinge.sign * current)
    a = hinge.sign * b
    # bring it next to the current angle (the same direction, not one full turn away)
    return current + _wrap(a - current)


def check_lengths(world: Mapping[str, Vec]) -> list[str]:
    """Every segment and rigid link keeps its length: a drifted joint would look detached."""
    out = []
    for seg in SEGMENT_BY_NAME.values():
        got = distance(world[seg.a], world[seg.b])
        want = seg.length
        if abs(got - want) > 1e-6:
            out.append(f"{seg.name} is {got:.3f} m long, should be {want:.3f} m")
    for a, b, want in RIGID_LINKS:
        got = distance(world[a], world[b])
        if abs(got - want) > 1e-6:
            out.append(f"{a} to {b} is {got:.3f} m, should be {want:.3f} m")
    return out
