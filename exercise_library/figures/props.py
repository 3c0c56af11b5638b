"""Equipment drawn around the body, fitted to the pose rather than the pose to it.

A prop that carries weight (chair, bench, step, ball, foam roller) is sized to the gap under the
body part it supports, within a real-world range, so an author poses the person and the
equipment follows; a pose that rests *on* a prop with nothing else touching the floor (a calf
raise on a step, a ride on a bike) uses the prop's standard size instead. Fitted props keep
their place for every key pose of the figure, so a chair stays put when the client stands up.
Held props (dumbbell, kettlebell, barbell, small ball) and lines (band, cable) follow the hands
in each pose.

Everything here works in picture coordinates with y up, metres, floor at y = 0.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Final

from exercise_library.figures.pose import Prop, PropKind
from exercise_library.figures.posing import Point, PosedBody
from exercise_library.figures.primitives import Circle, Line, Polygon, Polyline, Primitive

EDGE: Final = 0.3
FILL: Final = 0.86
DARK: Final = 0.22
WIDTH: Final = 0.014
WATER: Final = 0.92

# Standard sizes (m) when a pose rests on the prop alone, and the range a fitted one may take.
STANDARD_TOP: Final[dict[PropKind, float]] = {
    PropKind.CHAIR: 0.45,
    PropKind.BENCH: 0.45,
    PropKind.STEP: 0.2,
    PropKind.BALL: 0.65,
    PropKind.FOAM_ROLLER: 0.15,
    PropKind.BIKE: 0.1,
    PropKind.RECUMBENT_BIKE: 0.45,
    PropKind.LEG_PRESS: 0.45,
    PropKind.LEG_CURL: 0.5,
    PropKind.WATER: 1.15,
}
FIT_RANGE: Final[dict[PropKind, tuple[float, float]]] = {
    PropKind.CHAIR: (0.35, 0.65),
    PropKind.BENCH: (0.25, 0.65),
    PropKind.STEP: (0.08, 0.6),
    PropKind.BALL: (0.4, 0.85),
    PropKind.FOAM_ROLLER: (0.08, 0.22),
}
DEFAULT_AT: Final[dict[PropKind, str]] = {
    PropKind.CHAIR: "seat",
    PropKind.BENCH: "trunk",
    PropKind.STEP: "feet",
    PropKind.BALL: "seat",
    PropKind.FOAM_ROLLER: "upper_back",
    PropKind.SMALL_BALL: "hands",
    PropKind.DUMBBELL: "hands",
    PropKind.KETTLEBELL: "hands",
    PropKind.BARBELL: "hands",
    PropKind.BAND: "hands",
    PropKind.CABLE: "hands",
    PropKind.WALL: "hands",
    PropKind.BIKE: "feet",
    PropKind.RECUMBENT_BIKE: "seat",
    PropKind.LEG_PRESS: "seat",
    PropKind.LEG_CURL: "seat",
    PropKind.WATER: "trunk",
}
SUPPORTS: Final = frozenset(
    {PropKind.CHAIR, PropKind.BENCH, PropKind.STEP, PropKind.BALL, PropKind.FOAM_ROLLER}
)
HELD: Final = frozenset(
    {PropKind.DUMBBELL, PropKind.KETTLEBELL, PropKind.BARBELL, PropKind.SMALL_BALL}
)
MAT_THICKNESS: Final = 0.03
WHEEL_R: Final = 0.33


def anchor_of(spec: Prop) -> str | None:
    return spec.at or DEFAULT_AT.get(spec.kind)


@dataclass(frozen=True)
class Solid:
    """Something a body part may rest on and must not pass through: a box standing on the
    floor (``x0..x1`` up to ``top``, hollow below ``under`` for a chair seat) or a disc."""

    x0: float
    x1: float
    top: float
    under: float = 0.0
    disc: tuple[float, float, float] | None = None
    bears_weight: bool = True

    def top_at(self, x: float) -> float | None:
        if self.disc is not None:
            cx, cy, r = self.disc
            dx = x - cx
            return cy + math.sqrt(r * r - dx * dx) if abs(dx) < r else None
        return self.top if self.x0 <= x <= self.x1 else None

    def under_at(self, x: float) -> float:
        if self.disc is not None:
            cx, cy, r = self.disc
            dx = x - cx
            return cy - math.sqrt(max(0.0, r * r - dx * dx))
        return self.under


@dataclass
class Fitted:
    """A prop placed for the whole figure; ``state`` holds what its drawing needs."""

    spec: Prop
    solids: list[Solid] = field(default_factory=list)
    state: dict[str, float] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def _forward_sign(body: PosedBody) -> float:
    fx = body.forward[0]
    return 1.0 if fx >= 0 else -1.0


def pre_place(spec: Prop, body: PosedBody, size: float | None = None) -> Fitted:
    """Place a prop the pose rests on, at its standard size (or ``size``), before the body is
    lifted onto it (only its horizontal position depends on the body)."""
    top = size or spec.height or STANDARD_TOP.get(spec.kind, 0.45)
    return fit(spec, body, top)


def prop_size(fitted: Fitted) -> float:
    """The supporting height a fitted prop offers: a box's top, a ball's diameter."""
    s = fitted.state
    return s["top"] if "top" in s else 2 * s.get("r", 0.0)


def fit(spec: Prop, body: PosedBody, top: float | None = None) -> Fitted:
    """Fit ``spec`` to a placed body; ``top`` fixes the supporting height instead of sizing the
    prop to the gap under its anchor."""
    fitter = _FITTERS.get(spec.kind)
    fitted = Fitted(spec)
    if fitter is not None:
        fitter(fitted, body, top)
    return fitted


def _gap_top(fitted: Fitted, body: PosedBody, top: float | None, anchor: str) -> float:
    """The supporting height: fixed, or the gap under the anchor kept within a real range."""
    spec = fitted.spec
    if top is not None:
        return top
    if spec.height is not None:
        return spec.height
    gap = body.group_bottom(anchor)
    lo, hi = FIT_RANGE[spec.kind]
    if not lo - 0.01 <= gap <= hi + 0.01:
        fitted.problems.append(
            f"{spec.kind.value} under {anchor} would be {gap:.2f} m high, "
            f"outside {lo:.2f}..{hi:.2f} m"
        )
        gap = min(max(gap, lo), hi)
    return gap


def _fit_box(fitted: Fitted, body: PosedBody, top: float | None) -> None:
    spec = fitted.spec
    anchor = anchor_of(spec) or "feet"
    t = _gap_top(fitted, body, top, anchor)
    x0, x1 = body.group_span(anchor)
    if spec.kind is PropKind.STEP:
        if anchor.endswith("toes"):
            # only the front of the foot is on the step: it runs forward from the toes
            f = 1.0 if body.xy["toe_near"][0] >= body.xy["heel_near"][0] else -1.0
            edge = x0 - 0.03 if f > 0 else x1 + 0.03
            x0, x1 = sorted((edge, edge + f * 0.35))
        elif anchor in ("feet", "heels", "toes"):
            x0, x1 = x0 - 0.05, x1 + 0.05
            if x1 - x0 < 0.4:
                mid = (x0 + x1) / 2
                x0, x1 = mid - 0.2, mid + 0.2
        else:
            # one foot or knee on it: the step runs away from the body, clear of the other leg
            away = 1.0 if (x0 + x1) / 2 >= body.xy["pelvis"][0] else -1.0
            if away > 0:
                x0, x1 = x0 - 0.04, max(x1 + 0.05, x0 + 0.4)
            else:
                x0, x1 = min(x0 - 0.05, x1 - 0.4), x1 + 0.04
    else:
        # a bench: under the part that rests on it, running on away from the rest of the body
        # (past the shoulders in a hip thrust, past the feet under a knee), so the body can
        # bend down off its end
        length = max(x1 - x0 + 0.12, 0.55)
        cx = (x0 + x1) / 2
        px = body.xy["pelvis"][0]
        # a limb rests on it along its length; a back only up to the shoulder blades and
        # bends over the edge
        # (a thigh from the knee to just short of the hip, so the pelvis is off the end)
        inset = -0.05 if anchor.endswith("toes") else 0.08
        trunk = anchor in _TRUNK_PARTS
        if abs(cx - px) < 0.05:
            x0, x1 = cx - length / 2, cx + length / 2
        elif cx > px:
            x0 = cx - 0.04 if trunk else x0 + inset
            x1 = x0 + length
        else:
            x1 = cx + 0.04 if trunk else x1 - inset
            x0 = x1 - length
    # a step is solid to the floor; a bench is a top on legs, with room underneath
    under = 0.0 if spec.kind is PropKind.STEP else t - 0.08
    fitted.solids.append(Solid(x0, x1, t, under=under))
    fitted.state.update(x0=x0, x1=x1, top=t)


_TRUNK_PARTS: Final = frozenset(
    {"seat", "lower_back", "upper_back", "chest", "trunk", "shoulders", "head"}
)


def _fit_chair(fitted: Fitted, body: PosedBody, top: float | None) -> None:
    spec = fitted.spec
    anchor = anchor_of(spec) or "seat"
    if "hand" in anchor:
        # a chair held for balance: the top of its back under the hand, seat away from the body
        hx, _ = body.group_center(anchor)
        back_top = body.group_bottom(anchor)
        pelvis_x = body.xy["pelvis"][0]
        away = 1.0 if hx >= pelvis_x else -1.0
        seat = 0.45
        x_back = hx
        x_front = hx + away * 0.42
        x0, x1 = sorted((x_back, x_front))
        fitted.solids.append(Solid(x0, x1, seat, under=seat - 0.05))
        fitted.state.update(
            x0=x0, x1=x1, top=seat, back_x=x_back, back_top=back_top, back_dir=-away
        )
        return
    t = _gap_top(fitted, body, top, anchor)
    cx, _ = body.group_center(anchor)
    f = _forward_sign(body)
    if abs(body.forward[0]) < 0.3:  # seen from the front: the seat is centred, back behind
        x0, x1 = cx - 0.24, cx + 0.24
        fitted.state.update(back_x=0.0, back_dir=0.0)
    else:
        back = cx - f * 0.3
        front = cx + f * 0.14
        x0, x1 = sorted((back, front))
        fitted.state.update(back_x=back, back_dir=-f)
    fitted.solids.append(Solid(x0, x1, t, under=t - 0.05))
    fitted.state.update(x0=x0, x1=x1, top=t, back_top=t + 0.45)


def _fit_round(fitted: Fitted, body: PosedBody, top: float | None) -> None:
    """Ball or foam roller under a body part, resting on the floor."""
    spec = fitted.spec
    anchor = anchor_of(spec) or "seat"
    d = _gap_top(fitted, body, top, anchor)
    # the disc touches the anchor from below: at its lowest point, or under its middle when it
    # lies level (a roller under the thighs, not under the hip)
    items = body.group(anchor)
    bottoms = [body.xy[p][1] - r for p, r in items]
    if max(bottoms) - min(bottoms) < 0.05:
        cx = sum(body.xy[p][0] for p, _ in items) / len(items)
    else:
        cx = body.xy[items[bottoms.index(min(bottoms))][0]][0]
    r = d / 2
    fitted.solids.append(Solid(cx - r, cx + r, d, disc=(cx, r, r)))
    fitted.state.update(cx=cx, cy=r, r=r)


def _fit_wall(fitted: Fitted, body: PosedBody, top: float | None) -> None:
    anchor = anchor_of(fitted.spec) or "hands"
    x0, x1 = body.group_span(anchor)
    cx, _ = body.group_center(anchor)
    px = body.xy["pelvis"][0]
    if anchor in ("seat", "trunk", "upper_back", "lower_back", "shoulders", "head"):
        side = -_forward_sign(body)  # a wall the back leans on is behind the body
    else:
        side = 1.0 if cx >= px else -1.0
    x = x1 if side > 0 else x0
    fitted.state.update(x=x, side=side)
    fitted.solids.append(
        Solid(min(x, x + side * 0.08), max(x, x + side * 0.08), 2.4, bears_weight=False)
    )


def _fit_mount(fitted: Fitted, body: PosedBody, top: float | None) -> None:
    """Where a band's post or a cable column stands, when it is not tied to the body."""
    spec = fitted.spec
    to = spec.to or ("front_mid" if spec.kind is PropKind.CABLE else None)
    if to is None or not to.startswith(("front", "back")):
        return
    f = _forward_sign(body)
    side = f if to.startswith("front") else -f
    xs = [x for x, _ in body.xy.values()]
    x = (max(xs) + 0.45) if side > 0 else (min(xs) - 0.45)
    level = spec.height or {"low": 0.15, "mid": 1.0, "high": 1.9}[to.split("_", 1)[1]]
    fitted.state.update(x=x, y=level, side=side)


def _fit_bike(fitted: Fitted, body: PosedBody, top: float | None) -> None:
    f = _forward_sign(body)
    seat_x = body.xy["pelvis"][0]
    seat_y = body.group_bottom("seat")
    hands = body.group_center("hands")
    pedals = [_foot_mid(body, s) for s in ("near", "far")]
    crank = ((pedals[0][0] + pedals[1][0]) / 2, (pedals[0][1] + pedals[1][1]) / 2)
    fitted.state.update(
        f=f,
        seat_x=seat_x,
        seat_y=seat_y,
        bar_x=hands[0],
        bar_y=hands[1],
        crank_x=crank[0],
        crank_y=crank[1],
        rear_x=crank[0] - f * 0.42,
        front_x=crank[0] + f * 0.62,
    )


def _fit_recumbent(fitted: Fitted, body: PosedBody, top: float | None) -> None:
    f = _forward_sign(body)
    pedals = [_foot_mid(body, s) for s in ("near", "far")]
    crank = ((pedals[0][0] + pedals[1][0]) / 2, (pedals[0][1] + pedals[1][1]) / 2)
    seat_y = body.group_bottom("seat")
    px = body.xy["pelvis"][0]
    fitted.solids.append(
        Solid(
            min(px - f * 0.25, px + f * 0.2),
            max(px - f * 0.25, px + f * 0.2),
            seat_y,
            under=seat_y - 0.06,
        )
    )
    fitted.state.update(f=f, seat_x=px, seat_y=seat_y, crank_x=crank[0], crank_y=crank[1])


def _fit_machine_seat(fitted: Fitted, body: PosedBody, top: float | None) -> None:
    """Leg press and leg curl: a seat under the pelvis with a back pad along the back."""
    seat_y = body.group_bottom("seat")
    px = body.xy["pelvis"][0]
    f = _forward_sign(body)
    x0, x1 = sorted((px - f * 0.22, px + f * 0.3))
    fitted.solids.append(Solid(x0, x1, seat_y, under=seat_y - 0.08))
    fitted.state.update(f=f, seat_x=px, seat_y=seat_y, x0=x0, x1=x1)
    back_dir = _unit(body.xy["pelvis"], body.xy["neck"])
    fitted.state.update(back_dx=back_dir[0], back_dy=back_dir[1])


def _fit_water(fitted: Fitted, body: PosedBody, top: float | None) -> None:
    fitted.state.update(level=fitted.spec.height or STANDARD_TOP[PropKind.WATER])


_FITTERS: dict[PropKind, Callable[[Fitted, PosedBody, float | None], None]] = {
    PropKind.BENCH: _fit_box,
    PropKind.STEP: _fit_box,
    PropKind.CHAIR: _fit_chair,
    PropKind.BALL: _fit_round,
    PropKind.FOAM_ROLLER: _fit_round,
    PropKind.WALL: _fit_wall,
    PropKind.BAND: _fit_mount,
    PropKind.CABLE: _fit_mount,
    PropKind.BIKE: _fit_bike,
    PropKind.RECUMBENT_BIKE: _fit_recumbent,
    PropKind.LEG_PRESS: _fit_machine_seat,
    PropKind.LEG_CURL: _fit_machine_seat,
    PropKind.WATER: _fit_water,
}


# --- drawing ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Frame:
    """The panel a prop is drawn in: its extent, and where the floor is (the bottom of the
    picture when the body floats and no floor is drawn)."""

    x0: float
    x1: float
    top: float
    bottom: float = 0.0


def _unit(a: Point, b: Point) -> Point:
    dx, dy = b[0] - a[0], b[1] - a[1]
    n = math.hypot(dx, dy) or 1.0
    return dx / n, dy / n


def _rect(x0: float, y0: float, x1: float, y1: float, fill: float = FILL) -> Polygon:
    return Polygon(((x0, y0), (x1, y0), (x1, y1), (x0, y1)), fill, EDGE, WIDTH)


def _foot_mid(body: PosedBody, side: str) -> Point:
    (hx, hy), (tx, ty) = body.xy[f"heel_{side}"], body.xy[f"toe_{side}"]
    return ((hx + tx) / 2, min(hy, ty))


def draw_behind(fitted: Fitted, body: PosedBody, frame: Frame) -> list[Primitive]:
    """The parts of a prop that sit behind the body in this pose."""
    k = fitted.spec.kind
    s = fitted.state
    if k in (PropKind.BENCH, PropKind.STEP):
        x0, x1, t = s["x0"], s["x1"], s["top"]
        if k is PropKind.STEP:
            return [_rect(x0, 0.0, x1, t)]
        leg = 0.05
        return [
            _rect(x0 + 0.06, 0.0, x0 + 0.06 + leg, t - 0.06, 0.7),
            _rect(x1 - 0.06 - leg, 0.0, x1 - 0.06, t - 0.06, 0.7),
            _rect(x0, t - 0.07, x1, t),
        ]
    if k is PropKind.CHAIR:
        return _draw_chair(s)
    if k in (PropKind.BALL, PropKind.FOAM_ROLLER):
        out: list[Primitive] = [Circle((s["cx"], s["cy"]), s["r"], FILL, EDGE, WIDTH)]
        if k is PropKind.FOAM_ROLLER:
            out.append(Circle((s["cx"], s["cy"]), s["r"] * 0.35, 0.7, EDGE, WIDTH * 0.7))
        return out
    if k is PropKind.WALL:
        x, side = s["x"], s["side"]
        return [_rect(min(x, x + side * 0.07), 0.0, max(x, x + side * 0.07), frame.top, 0.78)]
    if k is PropKind.CABLE and "x" in s:
        x, side = s["x"], s["side"]
        col = [_rect(x + side * 0.02, 0.0, x + side * 0.14, max(2.0, s["y"] + 0.1), 0.8)]
        return [*col, Circle((x, s["y"]), 0.045, 0.95, DARK, WIDTH)]
    if k is PropKind.BIKE:
        return _draw_bike(s, body)
    if k is PropKind.RECUMBENT_BIKE:
        return _draw_recumbent(s, body)
    if k in (PropKind.LEG_PRESS, PropKind.LEG_CURL):
        return _draw_machine(fitted, body)
    if k is PropKind.WATER:
        level, x0, x1 = s["level"], frame.x0, frame.x1
        pts = ((x0, frame.bottom), (x1, frame.bottom), (x1, level), (x0, level))
        return [Polygon(pts, WATER, None)]
    return []


def draw_front(fitted: Fitted, body: PosedBody, frame: Frame) -> list[Primitive]:
    """The parts of a prop drawn over the body: what the hands hold, bands, the water line."""
    spec = fitted.spec
    k = spec.kind
    anchor = anchor_of(spec) or "hands"
    if k in HELD:
        return _draw_held(k, anchor, body)
    if k is PropKind.BAND or k is PropKind.CABLE:
        return _draw_line(fitted, anchor, body)
    if k is PropKind.WATER:
        level = fitted.state["level"]
        n = max(8, int((frame.x1 - frame.x0) / 0.08))
        pts = tuple(
            (
                frame.x0 + (frame.x1 - frame.x0) * i / n,
                level + 0.012 * math.sin(i * math.pi / 2),
            )
            for i in range(n + 1)
        )
        return [Polyline(pts, 0.018, 0.35)]
    if k in (PropKind.LEG_PRESS, PropKind.LEG_CURL):
        return _draw_machine_moving(fitted, body)
    return []


def _draw_chair(s: dict[str, float]) -> list[Primitive]:
    x0, x1, t = s["x0"], s["x1"], s["top"]
    back_x, back_dir, back_top = s["back_x"], s["back_dir"], s["back_top"]
    out: list[Primitive] = []
    if back_dir == 0.0:  # front view: the back rises behind the seat
        out.append(_rect(x0 + 0.02, t, x1 - 0.02, back_top, 0.8))
    else:
        bx0 = back_x + back_dir * 0.0
        bx1 = back_x + back_dir * 0.045
        out.append(_rect(min(bx0, bx1), 0.0, max(bx0, bx1), back_top, 0.78))
    out += [
        _rect(x0 + 0.02, 0.0, x0 + 0.06, t, 0.78),
        _rect(x1 - 0.06, 0.0, x1 - 0.02, t, 0.78),
        _rect(x0, t - 0.05, x1, t),
    ]
    return out


def _draw_bike(s: dict[str, float], body: PosedBody) -> list[Primitive]:
    f = s["f"]
    rear = (s["rear_x"], WHEEL_R)
    front = (s["front_x"], WHEEL_R)
    crank = (s["crank_x"], s["crank_y"])
    saddle = (s["seat_x"], s["seat_y"] - 0.02)
    bar = (s["bar_x"], s["bar_y"])
    head_tube = (front[0] - f * 0.12, max(bar[1] - 0.12, WHEEL_R + 0.25))
    w = 0.022
    out: list[Primitive] = [
        Circle(rear, WHEEL_R, None, EDGE, 0.03),
        Circle(front, WHEEL_R, None, EDGE, 0.03),
        Line(saddle, crank, w, EDGE),
        Line(crank, rear, w, EDGE),
        Line(saddle, rear, w, EDGE),
        Line((saddle[0] + f * 0.05, saddle[1] - 0.08), head_tube, w, EDGE),
        Line(crank, head_tube, w, EDGE),
        Line(head_tube, front, w, EDGE),
        Line(head_tube, bar, w, EDGE),
        Line((saddle[0] - f * 0.08, saddle[1]), (saddle[0] + f * 0.1, saddle[1]), 0.04, DARK),
    ]
    for side in ("far", "near"):
        pedal = _foot_mid(body, side)
        out.append(Line(crank, pedal, 0.02, DARK))
    out.append(Circle(crank, 0.05, FILL, EDGE, WIDTH))
    return out


def _draw_recumbent(s: dict[str, float], body: PosedBody) -> list[Primitive]:
    f = s["f"]
    px, sy = s["seat_x"], s["seat_y"]
    crank = (s["crank_x"], s["crank_y"])
    back_base = (px - f * 0.18, sy)
    back_top = (px - f * 0.42, sy + 0.55)
    out: list[Primitive] = [
        _rect(px - 0.45, 0.0, px + 0.45, 0.06, 0.7),
        Line((px, 0.06), (px, sy - 0.05), 0.05, EDGE),
        Line((px, 0.06), (crank[0], 0.06), 0.05, EDGE),
        Line((crank[0], 0.06), crank, 0.05, EDGE),
        Line(back_base, back_top, 0.08, 0.7),
        _rect(min(px - f * 0.22, px + f * 0.2), sy - 0.06, max(px - f * 0.22, px + f * 0.2), sy),
    ]
    for side in ("far", "near"):
        out.append(Line(crank, _foot_mid(body, side), 0.02, DARK))
    out.append(Circle(crank, 0.05, FILL, EDGE, WIDTH))
    return out


def _draw_machine(fitted: Fitted, body: PosedBody) -> list[Primitive]:
    s = fitted.state
    f, x0, x1, sy = s["f"], s["x0"], s["x1"], s["seat_y"]
    bdx, bdy = s["back_dx"], s["back_dy"]
    base = (s["seat_x"] - f * 0.2, sy)
    back_top = (base[0] + bdx * 0.6, base[1] + bdy * 0.6)
    out: list[Primitive] = [
        _rect(min(x0, x1) - 0.1, 0.0, max(x0, x1) + 0.1, 0.05, 0.7),
        Line(((x0 + x1) / 2, 0.05), ((x0 + x1) / 2, sy - 0.08), 0.06, EDGE),
        Line(base, back_top, 0.09, 0.75),
        _rect(x0, sy - 0.08, x1, sy),
    ]
    return out


def _draw_machine_moving(fitted: Fitted, body: PosedBody) -> list[Primitive]:
    """The footplate of a leg press, the ankle pad of a leg curl: they move with the legs."""
    if fitted.spec.kind is PropKind.LEG_PRESS:
        heel, toe = body.xy["heel_near"], body.xy["toe_near"]
        ux, uy = _unit(heel, toe)
        nx, ny = uy, -ux  # the sole side of the foot
        if (body.xy["ankle_near"][0] - heel[0]) * nx + (
            body.xy["ankle_near"][1] - heel[1]
        ) * ny > 0:
            nx, ny = -nx, -ny
        off = 0.05
        a = (heel[0] - ux * 0.1 + nx * off, heel[1] - uy * 0.1 + ny * off)
        b = (toe[0] + ux * 0.12 + nx * off, toe[1] + uy * 0.12 + ny * off)
        mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
        rail_end = (mid[0] + nx * 0.25, mid[1] + ny * 0.25)
        return [Line(mid, rail_end, 0.04, EDGE), Line(a, b, 0.05, DARK)]
    knee, ankle = body.xy["knee_near"], body.xy["ankle_near"]
    ux, uy = _unit(knee, ankle)
    f = fitted.state["f"]
    # pad behind the lower shin: on the side away from the facing direction when legs hang
    nx, ny = -uy * f, ux * f
    if nx * f > 0:
        nx, ny = -nx, -ny
    pad = (ankle[0] - ux * 0.06 + nx * 0.1, ankle[1] - uy * 0.06 + ny * 0.1)
    return [Line(knee, pad, 0.025, EDGE), Circle(pad, 0.05, 0.5, DARK, WIDTH)]


def _hand_points(anchor: str, body: PosedBody) -> list[Point]:
    sides = [s for s in ("far", "near") if any(p.endswith(s) for p, _ in body.group(anchor))]
    if "hand" in anchor and sides:
        out = []
        for side in sides:
            (wx, wy), (hx, hy) = body.xy[f"wrist_{side}"], body.xy[f"hand_{side}"]
            out.append(((wx + hx) / 2, (wy + hy) / 2))
        return out
    return [body.group_center(anchor)]


def _draw_held(kind: PropKind, anchor: str, body: PosedBody) -> list[Primitive]:
    pts = _hand_points(anchor, body)
    out: list[Primitive] = []
    if kind is PropKind.BARBELL:
        x = sum(p[0] for p in pts) / len(pts)
        y = sum(p[1] for p in pts) / len(pts)
        r = max(0.08, min(0.225, y))
        return [Circle((x, y), r, None, DARK, 0.035), Circle((x, y), 0.03, DARK)]
    if kind is PropKind.SMALL_BALL:
        x = sum(p[0] for p in pts) / len(pts)
        y = sum(p[1] for p in pts) / len(pts)
        return [Circle((x, y), 0.11, 0.8, DARK, WIDTH)]
    for side_pt in pts:
        x, y = side_pt
        if kind is PropKind.DUMBBELL:
            out.append(Circle((x, y), 0.065, 0.4, DARK, WIDTH))
        else:  # kettlebell: the bell hangs from the grip
            side = "near" if len(pts) == 1 and "far" not in anchor else None
            wx, wy = body.xy[f"wrist_{side or 'near'}"]
            hx, hy = body.xy[f"hand_{side or 'near'}"]
            dx, dy = _unit((wx, wy), (hx, hy))
            gx, gy = dx, dy - 1.0
            n = math.hypot(gx, gy)
            gx, gy = (0.0, -1.0) if n < 0.3 else (gx / n, gy / n)
            c = (x + gx * 0.15, max(0.1, y + gy * 0.15))
            out.append(Line((x, y), c, 0.02, DARK))
            out.append(Circle(c, 0.1, 0.4, DARK, WIDTH))
    return out


def _draw_line(fitted: Fitted, anchor: str, body: PosedBody) -> list[Primitive]:
    spec = fitted.spec
    width, grey = (0.018, 0.25) if spec.kind is PropKind.BAND else (0.01, 0.1)
    start = body.group_center(anchor)
    to = spec.to or ("front_mid" if spec.kind is PropKind.CABLE else None)
    if to is None:
        # a loop around both limbs of a pair (knees, thighs, ankles)
        near = [body.xy[p] for p, _ in body.group(anchor) if p.endswith("near")]
        far = [body.xy[p] for p, _ in body.group(anchor) if p.endswith("far")]
        if not near or not far:
            return []
        a = (sum(p[0] for p in near) / len(near), sum(p[1] for p in near) / len(near))
        b = (sum(p[0] for p in far) / len(far), sum(p[1] for p in far) / len(far))
        return [Line(a, b, 0.03, grey)]
    if to.startswith(("front", "back")):
        s = fitted.state
        end = (s["x"], s["y"])
        out: list[Primitive] = [Line(start, end, width, grey)]
        if spec.kind is PropKind.BAND:
            out.append(_rect(end[0] - 0.03, end[1] - 0.04, end[0] + 0.03, end[1] + 0.04, 0.5))
        return out
    return [Line(start, body.group_center(to), width, grey)]
