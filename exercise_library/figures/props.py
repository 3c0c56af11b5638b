"""Equipment around the body, fitted to the pose rather than the pose to it.

A prop that carries weight (chair, bench, step, ball, foam roller) is sized to the gap under the
body part it supports, within a real-world range, so an author poses the person and the
equipment follows; a pose that rests *on* a prop with nothing else touching the floor (a calf
raise on a step, a ride on a bike) uses the prop's standard size instead. Fitted props keep
their place for every key pose of the figure, so a chair stays put when the client stands up.
Held props (dumbbell, kettlebell, barbell, small ball) and lines (band, cable) follow the hands
in each pose. :mod:`.props_draw` draws what is fitted here.

Everything here works in picture coordinates with y up, metres, floor at y = 0.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Final

from exercise_library.figures.pose import Prop, PropKind
from exercise_library.figures.posing import Point, PosedBody

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
    PropKind.ROPE: "hands",
}
SUPPORTS: Final = frozenset(
    {PropKind.CHAIR, PropKind.BENCH, PropKind.STEP, PropKind.BALL, PropKind.FOAM_ROLLER}
)
MAT_THICKNESS: Final = 0.03
CHAIR_BACK_LOW: Final = 0.7  # m: a hand lower than a chair's back can be rests on its seat


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
        if anchor.endswith(("thigh", "thighs")):
            inset = 0.08
        elif anchor.endswith(("knee", "knees")):  # the knee on its end, the thigh off it
            inset = (x1 - x0) / 2 - 0.02
        else:
            inset = -0.05
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
    if "hand" in anchor and body.group_bottom(anchor) < CHAIR_BACK_LOW:
        # hands resting on the seat (a rest between holds): the seat under the hands, its
        # back on the far side from the body
        hx, _ = body.group_center(anchor)
        away = 1.0 if hx >= body.xy["pelvis"][0] else -1.0
        t = _gap_top(fitted, body, top, anchor)
        x0, x1 = sorted((hx - away * 0.14, hx + away * 0.3))
        fitted.solids.append(Solid(x0, x1, t, under=t - 0.05))
        fitted.state.update(x0=x0, x1=x1, top=t, back_x=hx + away * 0.3, back_top=t + 0.45)
        fitted.state.update(back_dir=-away)
        return
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
    if body.view == "side" and anchor in ("far_hand", "far_forearm", "far_elbow"):
        # the far hand on a wall beside the body (leg swings side-on to it): seen from the side, the
        # wall is the plane behind the figure, so it is drawn as a backdrop, not a post
        fitted.state.update(backdrop=1.0, y=body.group_center(anchor)[1])
        return
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
    pedals = [foot_mid(body, s) for s in ("near", "far")]
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
    pedals = [foot_mid(body, s) for s in ("near", "far")]
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
    back_dir = unit(body.xy["pelvis"], body.xy["neck"])
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


def unit(a: Point, b: Point) -> Point:
    """The unit vector from ``a`` towards ``b`` (zero length gives (0, 0))."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    n = math.hypot(dx, dy) or 1.0
    return dx / n, dy / n


def foot_mid(body: PosedBody, side: str) -> Point:
    """Under the middle of one foot: where a pedal or a foot plate meets it."""
    (hx, hy), (tx, ty) = body.xy[f"heel_{side}"], body.xy[f"toe_{side}"]
    return ((hx + tx) / 2, min(hy, ty))
