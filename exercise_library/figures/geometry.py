"""One figure as renderer-independent primitives: key poses side by side, props, arrows.

This module (with :mod:`.arrows` and :mod:`.props_draw`) decides how a figure looks (line
weights, shades, layout); the renderers only scale. Near limbs are white with a black outline
and drawn last, far limbs are grey and drawn first, so the two sides read apart in
black-and-white print. All key poses of a
figure share one scale and one floor line, so the start and end positions compare directly.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Final

from exercise_library.figures.arrows import movement_arrows
from exercise_library.figures.body import GROUPS, R_HEAD, Segment
from exercise_library.figures.pose import Figure, KeyPose, Prop, PropKind
from exercise_library.figures.posing import OBLIQUE, SOLVE_AXIS, Point, PosedBody, pose_body
from exercise_library.figures.presets import PRESETS
from exercise_library.figures.primitives import (
    Arrow,
    Circle,
    Line,
    Polygon,
    Polyline,
    Primitive,
    Scene,
    Text,
)
from exercise_library.figures.props import (
    MAT_THICKNESS,
    STANDARD_TOP,
    SUPPORTS,
    Fitted,
    Solid,
    anchor_of,
    fit,
    pre_place,
    prop_size,
)
from exercise_library.figures.props_draw import Frame, draw_behind, draw_front

# Shades (0 black .. 1 white) and stroke sizes, in metres of the drawn body. At 35 mm print
# width a two-pose figure is about 1:140, so the outline prints near 0.3 pt: still a clean line.
OUTLINE: Final = 0.022
NEAR_FILL: Final = 1.0
NEAR_EDGE: Final = 0.0
FAR_FILL: Final = 0.66
FAR_EDGE: Final = 0.28
TRUNK_FILL: Final = 0.95
FLOOR_GREY: Final = 0.0
FLOOR_WIDTH: Final = 0.018
MAT_GREY: Final = 0.45
FLOOR_BAND: Final = 0.93
MAT_BAND: Final = 0.72
ABOVE_MAT: Final = 0.93  # a mat seen from above lies under the whole body: kept light
ABOVE_MAT_PAD: Final = 0.1
ABOVE_MAT_LOW: Final = 0.15  # m: a part this close to the floor lies on the mat
FLOOR_DEPTH: Final = 0.3  # m in front of and behind the body, in the front view
PANEL_GAP: Final = 0.3
MARGIN: Final = 0.08
SIDE_BIAS: Final = 0.15  # m of depth: far limbs go behind the trunk unless well in front


@dataclass
class Panel:
    """One key pose, placed: the body, the props as they are in this pose, what to draw."""

    pose: KeyPose
    body: PosedBody
    floats: bool = False
    problems: list[str] = field(default_factory=list)
    props: list[Fitted] = field(default_factory=list)

    @property
    def solids(self) -> list[Solid]:
        return [s for f in self.props for s in f.solids]


@dataclass
class Layout:
    """A posed figure before drawing; validation and tests read it."""

    figure: Figure
    view: str
    panels: list[Panel]

    @property
    def props(self) -> list[Fitted]:
        """Every fitted prop once (a prop that stays put is shared by all panels)."""
        seen: dict[int, Fitted] = {}
        for panel in self.panels:
            for f in panel.props:
                seen.setdefault(id(f), f)
        return list(seen.values())

    @property
    def solids(self) -> list[Solid]:
        return [s for f in self.props for s in f.solids]

    def problems(self) -> list[str]:
        out = [f"{p.pose.name}: {msg}" for p in self.panels for msg in p.problems]
        out += [msg for f in self.props for msg in f.problems]
        return out


MACHINES: Final = frozenset(
    {PropKind.BIKE, PropKind.RECUMBENT_BIKE, PropKind.LEG_PRESS, PropKind.LEG_CURL}
)


def layout(figure: Figure) -> Layout:
    """Pose every key pose, fit the props and place everything on the floor or on a prop.

    A supporting prop a pose rests ``on`` has its standard size when the pose names the part
    that rests on it among its contacts (a calf raise on the toes, a hip thrust on the upper
    back); otherwise the body is put on the floor and the prop sized to meet it (a box squat
    touching the chair). Props that stay put are fitted once; ``moves`` props follow the body.
    """
    view = figure.effective_view.value
    specs = figure.props
    fit_at = {i: _fit_pose_index(figure, spec) for i, spec in enumerate(specs)}
    fixed: dict[int, Fitted] = {}
    sizes: dict[int, float] = {}
    panels: list[Panel] = []
    moving_by_panel: list[dict[int, Fitted]] = []
    for index, pose in enumerate(figure.poses):
        on_i = next((i for i, p in enumerate(specs) if p.kind == pose.on), None)
        on_spec = specs[on_i] if on_i is not None else None
        contacts = pose.resolved_contacts()
        standard_on = (
            on_spec is not None
            and on_spec.kind in SUPPORTS
            and _names_anchor(contacts, anchor_of(on_spec))
        )
        supports = _contact_supports(contacts, specs, fixed, sizes, on_i if standard_on else None)
        # seen from above, a body lying on its back levels like one seen from the side
        level = SOLVE_AXIS[PRESETS[pose.preset].view] if view == "above" else None
        body = pose_body(pose.resolved_joints(), contacts, view, supports, level)
        problems = list(body.problems)
        if panels:
            body = body.shifted(_align_dx(panels[0].body, body, pose.fixed), 0.0)
        else:
            body = body.shifted(-body.xy["pelvis"][0], 0.0)
        body = body.shifted(pose.travel, 0.0)
        floats = False
        moving: dict[int, Fitted] = {}
        if on_spec is not None and on_spec.kind is PropKind.WATER:
            level = on_spec.height or _standard(PropKind.WATER)
            anchor = anchor_of(on_spec) or "trunk"
            body = body.shifted(0.0, level - 0.04 - body.group_center(anchor)[1])
            floats = True
        elif on_spec is not None and on_spec.kind in MACHINES:
            # bikes and machines: the anchor (seat or pedals) sits at the machine's height
            anchor = anchor_of(on_spec) or "seat"
            top = on_spec.height or _standard(on_spec.kind)
            body = body.shifted(0.0, top - body.group_bottom(anchor))
        elif standard_on and on_i is not None and on_spec is not None:
            # the part named as resting on the prop sits on its top, the rest follows
            placed = fixed.get(on_i) or moving.get(on_i)
            if placed is None:
                placed = pre_place(on_spec, body, sizes.get(on_i))
                (moving if on_spec.moves else fixed)[on_i] = placed
            anchor = anchor_of(on_spec) or "seat"
            dy = prop_size(placed) - body.group_bottom(anchor)
            body = body.shifted(0.0, max(dy, -body.bottom()))
        else:
            solids = [s for f in fixed.values() for s in f.solids]
            body = body.shifted(0.0, _lift(body, solids))
        body = body.shifted(0.0, pose.lift)
        for i, spec in enumerate(specs):
            if spec.moves:
                if i not in moving:
                    moving[i] = fit(spec, body, sizes.get(i))
                sizes.setdefault(i, prop_size(moving[i]))
            elif i not in fixed and fit_at[i] == index:
                fixed[i] = fit(spec, body)
        panels.append(Panel(pose, body, floats, problems))
        moving_by_panel.append(moving)
    for panel, moving in zip(panels, moving_by_panel, strict=True):
        every = {**fixed, **moving}
        panel.props = [every[i] for i in sorted(every)]
    return Layout(figure, view, panels)


def _names_anchor(contacts: Sequence[str], anchor: str | None) -> bool:
    """Does the pose say that the prop's anchor is what it rests on?"""
    if anchor is None:
        return False
    anchor_points = {p for p, _ in GROUPS[anchor]}
    return any({p for p, _ in GROUPS[g]} <= anchor_points for g in contacts)


def _standard(kind: PropKind) -> float:
    return STANDARD_TOP.get(kind, 0.45)


def _fit_pose_index(figure: Figure, spec: Prop) -> int:
    """Props are fitted to the first pose that rests on them, else to the first pose."""
    for i, pose in enumerate(figure.poses):
        if pose.on == spec.kind:
            return i
    return 0


def _contact_supports(
    contacts: Sequence[str],
    props: Sequence[Prop],
    fixed: dict[int, Fitted],
    sizes: dict[int, float],
    on: int | None,
) -> dict[str, float]:
    """Resting heights of contact groups that lie on a prop (a foot on a step, heels on a
    ball), so the contact solver levels them against the prop, not the floor."""
    out: dict[str, float] = {}
    for i, spec in enumerate(props):
        anchor = anchor_of(spec)
        if anchor is None or spec.kind not in SUPPORTS:
            continue
        if i in fixed:
            top = prop_size(fixed[i])
        elif i in sizes:
            top = sizes[i]
        elif i == on:
            top = spec.height or _standard(spec.kind)
        else:
            continue
        anchor_points = {p for p, _ in GROUPS[anchor]}
        for group in contacts:
            if {p for p, _ in GROUPS[group]} <= anchor_points:
                out[group] = top
    return out


def _touching(body: PosedBody) -> dict[str, float]:
    low = body.bottom()
    return {p: body.xy[p][0] for p, r in body.items() if body.xy[p][1] - r < low + 0.015}


def _align_dx(first: PosedBody, body: PosedBody, fixed: str | None) -> float:
    """Shift a later pose so the part that stays put (named, or what touches the floor in
    both poses) does not jump between panels."""
    if fixed is not None:
        return first.group_center(fixed)[0] - body.group_center(fixed)[0]
    a, b = _touching(first), _touching(body)
    common = sorted(set(a) & set(b))
    if common:
        return sum(a[p] - b[p] for p in common) / len(common)
    return first.group_center("feet")[0] - body.group_center("feet")[0]


def _lift(body: PosedBody, solids: Sequence[Solid]) -> float:
    """How far up the body must move to rest on the floor, or on a prop under it."""
    base = -body.bottom()
    extra = 0.0
    for p, r in body.items():
        x, y = body.xy[p]
        yb = y - r + base
        for s in solids:
            top = s.top_at(x)
            if top is None or not s.bears_weight:
                continue
            if yb >= s.under_at(x) - 0.02 and yb < top:
                extra = max(extra, top - yb)
    return base + extra


# --- drawing ---------------------------------------------------------------------------------


def _body_primitives(body: PosedBody) -> list[Primitive]:
    """Each limb group as one outlined shape: all outlines first, then all fills."""
    groups: dict[str, list[Segment]] = {}
    for seg in body.segments:
        groups.setdefault(seg.group, []).append(seg)

    def depth(name: str) -> float:
        """Mean depth, nudged so the near side wins a near tie (legs side by side)."""
        segs = groups[name]
        d = sum(body.depth[s.a] + body.depth[s.b] for s in segs) / (2 * len(segs))
        return d + (
            -SIDE_BIAS if name.startswith("far") else SIDE_BIAS if name.startswith("near") else 0
        )

    order = sorted(groups, key=depth)
    out: list[Primitive] = []
    for name in order:
        if name.startswith("far"):
            fill, edge = FAR_FILL, FAR_EDGE
        elif name.startswith("near"):
            fill, edge = NEAR_FILL, NEAR_EDGE
        else:
            fill, edge = TRUNK_FILL, NEAR_EDGE
        segs = groups[name]
        if name == "head":
            head = body.xy["head"]
            for s in segs:
                out.append(_capsule(body, s.a, s.b, s.radius + OUTLINE, edge, ""))
            if body.view != "front":  # the nose shows which way the face looks
                out.append(_capsule(body, "head", "nose", 0.018 + OUTLINE / 2, edge, ""))
            for s in segs:
                out.append(_capsule(body, s.a, s.b, s.radius, fill, f"bone:{s.name}"))
            out.append(Circle(head, R_HEAD, fill, edge, OUTLINE * 2, "bone:head"))
            continue
        for s in segs:
            out.append(_capsule(body, s.a, s.b, s.radius + OUTLINE, edge, ""))
        for s in segs:
            out.append(_capsule(body, s.a, s.b, s.radius, fill, f"bone:{s.name}"))
    return out


def _capsule(body: PosedBody, a: str, b: str, r: float, grey: float, tag: str) -> Primitive:
    pa, pb = body.xy[a], body.xy[b]
    if math.dist(pa, pb) < 1e-4:
        return Circle(pa, r, grey, None, 0.0, tag)
    return Line(pa, pb, 2 * r, grey, tag)


def bbox(items: Iterable[Primitive]) -> tuple[float, float, float, float]:
    xs: list[float] = []
    ys: list[float] = []
    for it in items:
        if isinstance(it, Line):
            pad = it.width / 2
            for x, y in (it.a, it.b):
                xs += [x - pad, x + pad]
                ys += [y - pad, y + pad]
        elif isinstance(it, Circle):
            pad = it.radius + it.width / 2
            xs += [it.center[0] - pad, it.center[0] + pad]
            ys += [it.center[1] - pad, it.center[1] + pad]
        elif isinstance(it, Polygon | Polyline | Arrow):
            pad = getattr(it, "width", 0.0) / 2
            for x, y in it.points:
                xs += [x - pad, x + pad]
                ys += [y - pad, y + pad]
        elif isinstance(it, Text):
            xs.append(it.at[0])
            ys.append(it.at[1])
    return min(xs), min(ys), max(xs), max(ys)


def figure_scene(figure: Figure) -> Scene:
    """The figure as one scene: panels left to right, shared scale and floor."""
    return scene_from_layout(layout(figure))


def scene_from_layout(lay: Layout) -> Scene:
    drawn = [panel.body.drawn() for panel in lay.panels]
    arrows = movement_arrows(lay.figure.arrow, drawn)
    mat_span = _mat_span(lay) if any(p.kind is PropKind.MAT for p in lay.figure.props) else None
    front = lay.view == "front"
    floor_depth = FLOOR_DEPTH * OBLIQUE if front else 0.0
    above_mat = _mat_from_above(drawn) if lay.view == "above" and mat_span is not None else []
    raw: list[tuple[list[Primitive], tuple[float, float, float, float]]] = []
    for i, body in enumerate(drawn):
        body_items = _body_primitives(body)
        extent: list[Primitive] = body_items + arrows.get(i, []) + above_mat
        for f in lay.panels[i].props:
            if f.spec.kind not in _FRAME_SIZED:
                extent += draw_behind(f, body, _NO_FRAME)
                extent += draw_front(f, body, _NO_FRAME)
        raw.append((body_items, bbox(extent)))
    top = max(b[3] for _, b in raw) + MARGIN
    bottom = min(min(b[1] for _, b in raw), -floor_depth) - MARGIN - MAT_THICKNESS
    items: list[Primitive] = []
    spans: list[tuple[float, float]] = []
    x_cursor = 0.0
    for i, ((body_items, (bx0, _by0, bx1, _by1)), panel) in enumerate(
        zip(raw, lay.panels, strict=True)
    ):
        body = drawn[i]
        x0, x1 = bx0 - MARGIN, bx1 + MARGIN
        frame = Frame(x0, x1, top, bottom if panel.floats else 0.0)
        behind: list[Primitive] = []
        over: list[Primitive] = []
        for f in panel.props:
            behind += draw_behind(f, body, frame)
            over += draw_front(f, body, frame)
        if lay.view == "above":
            ground = above_mat
        else:
            ground = [] if panel.floats else _ground(x0, x1, mat_span, floor_depth)
        panel_items = ground + behind + body_items + over + arrows.get(i, [])
        dx = x_cursor - x0
        # shift the panel into place and turn y downwards, in one pass
        items += [_affine(it, 1.0, dx, -1.0, top) for it in panel_items]
        spans.append((x_cursor, x_cursor + x1 - x0))
        x_cursor += (x1 - x0) + PANEL_GAP
    width = x_cursor - PANEL_GAP
    return Scene(width, top - bottom, tuple(items), tuple(spans))


def _mat_from_above(drawn: Sequence[PosedBody]) -> list[Primitive]:
    """Seen from above, the floor is the whole picture: only the mat shows, under the parts
    that lie on it in any key pose (a leg lifted off it may reach past its edge)."""
    xs: list[float] = []
    ys: list[float] = []
    for body in drawn:
        low = min(body.depth[p] - r for p, r in body.items())
        for p, r in body.items():
            if body.depth[p] - r < low + ABOVE_MAT_LOW:
                x, y = body.xy[p]
                xs += [x - r, x + r]
                ys += [y - r, y + r]
    if not xs:
        return []
    x0, y0, x1, y1 = min(xs), min(ys), max(xs), max(ys)
    pad = ABOVE_MAT_PAD
    corners = (
        (x0 - pad, y0 - pad),
        (x1 + pad, y0 - pad),
        (x1 + pad, y1 + pad),
        (x0 - pad, y1 + pad),
    )
    return [Polygon(corners, ABOVE_MAT, MAT_GREY, FLOOR_WIDTH, MAT_TAG)]


def _ground(
    x0: float, x1: float, mat_span: tuple[float, float] | None, depth: float
) -> list[Primitive]:
    """The floor: a line seen from the side; seen from the front, a band of floor with the
    mat on it, since the front view shows some depth."""
    out: list[Primitive] = []
    if depth > 0:
        out.append(Polygon(((x0, -depth), (x1, -depth), (x1, depth), (x0, depth)), FLOOR_BAND))
        if mat_span is not None:
            m0, m1 = max(mat_span[0], x0), min(mat_span[1], x1)
            out.append(
                Polygon(
                    ((m0, -depth), (m1, -depth), (m1, depth), (m0, depth)), MAT_BAND, tag=MAT_TAG
                )
            )
        out.append(Line((x0, -depth), (x1, -depth), FLOOR_WIDTH, FLOOR_GREY, "floor"))
        return out
    if mat_span is not None:
        m0, m1 = max(mat_span[0], x0), min(mat_span[1], x1)
        out.append(
            Polygon(
                ((m0, -MAT_THICKNESS), (m1, -MAT_THICKNESS), (m1, 0.0), (m0, 0.0)),
                MAT_GREY,
                tag=MAT_TAG,
            )
        )
    out.append(Line((x0, 0.0), (x1, 0.0), FLOOR_WIDTH, FLOOR_GREY, "floor"))
    return out


MAT_TAG: Final = f"prop:{PropKind.MAT.value}"
_FRAME_SIZED: Final = frozenset({PropKind.WALL, PropKind.WATER, PropKind.MAT})
_NO_FRAME: Final = Frame(0.0, 0.0, 0.0)


def _mat_span(lay: Layout) -> tuple[float, float]:
    xs: list[float] = []
    for panel in lay.panels:
        for p, r in panel.body.items():
            x, y = panel.body.xy[p]
            if y - r < 0.06:
                xs += [x - r, x + r]
    if not xs:
        return (0.0, 0.0)
    lo, hi = min(xs) - 0.15, max(xs) + 0.15
    if hi - lo < 0.9:
        mid = (lo + hi) / 2
        lo, hi = mid - 0.45, mid + 0.45
    return lo, hi


def _affine(it: Primitive, sx: float, dx: float, sy: float, dy: float) -> Primitive:
    """``it`` with every point mapped to (sx * x + dx, sy * y + dy); built directly, as this
    runs for every stroke of every figure."""

    def p(q: Point) -> Point:
        return (sx * q[0] + dx, sy * q[1] + dy)

    if isinstance(it, Line):
        return Line(p(it.a), p(it.b), it.width, it.grey, it.tag)
    if isinstance(it, Circle):
        return Circle(p(it.center), it.radius, it.fill, it.stroke, it.width, it.tag)
    if isinstance(it, Polygon):
        return Polygon(tuple(map(p, it.points)), it.fill, it.stroke, it.width, it.tag)
    if isinstance(it, Polyline):
        return Polyline(tuple(map(p, it.points)), it.width, it.grey, it.tag)
    if isinstance(it, Arrow):
        return Arrow(tuple(map(p, it.points)), it.width, it.grey, it.head, it.tag)
    return Text(p(it.at), it.text, it.size, it.grey, it.anchor, it.tag)


def mirrored(scene: Scene) -> Scene:
    """The same scene seen from the other side (``facing = "left"``)."""
    items = tuple(_affine(it, -1.0, scene.width, 1.0, 0.0) for it in scene.items)
    panels = tuple(sorted((scene.width - b, scene.width - a) for a, b in scene.panels))
    return Scene(scene.width, scene.height, items, panels)


_SCENES: OrderedDict[int, tuple[Figure, Scene]] = OrderedDict()
_SCENES_LOCK = threading.Lock()  # handouts render off the GUI thread while the app paints
SCENE_CACHE_SIZE: Final = 256


def exercise_scene(figure: Figure) -> Scene:
    """The figure's scene, remembered: figures are immutable, and a handout or a list of
    exercises asks for the same ones again and again."""
    key = id(figure)
    with _SCENES_LOCK:
        hit = _SCENES.get(key)
        if hit is not None and hit[0] is figure:
            _SCENES.move_to_end(key)
            return hit[1]
    scene = figure_scene(figure)
    if figure.facing == "left":
        scene = mirrored(scene)
    with _SCENES_LOCK:
        # the figure is kept with its scene, so its id cannot be reused by another object
        _SCENES[key] = (figure, scene)
        if len(_SCENES) > SCENE_CACHE_SIZE:
            _SCENES.popitem(last=False)
    return scene


def clear_scene_cache() -> None:
    with _SCENES_LOCK:
        _SCENES.clear()
