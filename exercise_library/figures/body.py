"""The body model: segment sizes, joint names with their limits, and forward kinematics.

The body is a 3D stick skeleton, so a pose reads the way a clinician describes it (hip flexion,
knee flexion, side-bend) and one pose can be drawn from the side or from the front. Each segment
is drawn as a rounded limb of fixed thickness; the thickness also tells where the body surface
is, so a figure lying on its back rests on its back and not on its spine line.

Body frame, before the whole-body rotation: x points forward (the way the face looks), y up the
spine, z out of the body's *near* side (its right side, the side a side-view camera looks at).
Lengths are in metres for a person about 1.75 m tall (proportions after Winter's segment table,
rounded); only proportions matter for drawing.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

Vec = tuple[float, float, float]
Mat = tuple[float, float, float, float, float, float, float, float, float]

SIDES: Final = ("near", "far")

# Segment lengths (m).
THIGH: Final = 0.44
SHIN: Final = 0.44
HEEL: Final = 0.05
TOE: Final = 0.19
# The ankle sits this far above the line of the foot, so the thicker shin does not poke
# through the sole of a foot standing flat.
ANKLE_HEIGHT: Final = 0.02
LOWER_TRUNK: Final = 0.22
UPPER_TRUNK: Final = 0.30
NECK: Final = 0.09
UPPER_ARM: Final = 0.31
FOREARM: Final = 0.26
HAND: Final = 0.09
HIP_HALF_WIDTH: Final = 0.09
SHOULDER_HALF_WIDTH: Final = 0.17
SHOULDER_DROP: Final = 0.04

# Half-thickness of each segment as drawn (m): where the skin is, for ground contact.
R_PELVIS: Final = 0.105
R_LOWER_TRUNK: Final = 0.11
R_UPPER_TRUNK: Final = 0.125
R_SHOULDERS: Final = 0.06
R_NECK: Final = 0.045
R_HEAD: Final = 0.11
R_THIGH: Final = 0.072
R_SHIN: Final = 0.052
R_FOOT: Final = 0.032
R_UPPER_ARM: Final = 0.048
R_FOREARM: Final = 0.04
R_HAND: Final = 0.03

# Joint limits in degrees. Wide enough for every yoga and Pilates shape in the library, narrow
# enough that a typing slip (a knee bent 250 degrees) is caught when the file is loaded.
_TRUNK_JOINTS: dict[str, tuple[float, float]] = {
    "tilt": (-180.0, 180.0),
    "roll": (-180.0, 180.0),
    "turn": (-180.0, 180.0),
    "lumbar": (-60.0, 90.0),
    "lumbar_side": (-45.0, 45.0),
    "lumbar_rot": (-60.0, 60.0),
    "thoracic": (-60.0, 90.0),
    "thoracic_side": (-45.0, 45.0),
    "thoracic_rot": (-60.0, 60.0),
    "neck": (-60.0, 80.0),
    "neck_side": (-45.0, 45.0),
    "neck_rot": (-80.0, 80.0),
}
_LIMB_JOINTS: dict[str, tuple[float, float]] = {
    "shoulder": (-80.0, 190.0),
    "shoulder_abd": (-40.0, 190.0),
    "shoulder_rot": (-100.0, 100.0),
    "elbow": (0.0, 160.0),
    "wrist": (-100.0, 110.0),
    "hip": (-50.0, 160.0),
    "hip_abd": (-45.0, 90.0),
    "hip_rot": (-70.0, 80.0),
    "knee": (0.0, 160.0),
    "ankle": (-90.0, 45.0),
}
JOINT_LIMITS: Final[dict[str, tuple[float, float]]] = {
    **_TRUNK_JOINTS,
    **{f"{name}_{side}": lim for name, lim in _LIMB_JOINTS.items() for side in SIDES},
}
LIMB_JOINT_NAMES: Final = tuple(_LIMB_JOINTS)


# --- small 3D algebra on tuples (fast enough without numpy, and no dependency) ---------------


def rot_x(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return (1.0, 0.0, 0.0, 0.0, c, -s, 0.0, s, c)


def rot_y(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return (c, 0.0, s, 0.0, 1.0, 0.0, -s, 0.0, c)


def rot_z(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return (c, -s, 0.0, s, c, 0.0, 0.0, 0.0, 1.0)


def mul(a: Mat, b: Mat) -> Mat:
    a0, a1, a2, a3, a4, a5, a6, a7, a8 = a
    b0, b1, b2, b3, b4, b5, b6, b7, b8 = b
    return (
        a0 * b0 + a1 * b3 + a2 * b6,
        a0 * b1 + a1 * b4 + a2 * b7,
        a0 * b2 + a1 * b5 + a2 * b8,
        a3 * b0 + a4 * b3 + a5 * b6,
        a3 * b1 + a4 * b4 + a5 * b7,
        a3 * b2 + a4 * b5 + a5 * b8,
        a6 * b0 + a7 * b3 + a8 * b6,
        a6 * b1 + a7 * b4 + a8 * b7,
        a6 * b2 + a7 * b5 + a8 * b8,
    )


def apply(m: Mat, v: Vec) -> Vec:
    x, y, z = v
    return (
        m[0] * x + m[1] * y + m[2] * z,
        m[3] * x + m[4] * y + m[5] * z,
        m[6] * x + m[7] * y + m[8] * z,
    )


def add(a: Vec, b: Vec) -> Vec:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def distance(a: Vec, b: Vec) -> float:
    return math.dist(a, b)


# --- the skeleton -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    """One drawn limb or trunk piece: a capsule from point ``a`` to point ``b``."""

    name: str
    a: str
    b: str
    radius: float
    length: float
    group: str


def _limb_segments(side: str) -> list[Segment]:
    leg, arm = f"{side}_leg", f"{side}_arm"
    return [
        Segment(f"thigh_{side}", f"hip_{side}", f"knee_{side}", R_THIGH, THIGH, leg),
        Segment(f"shin_{side}", f"knee_{side}", f"ankle_{side}", R_SHIN, SHIN, leg),
        Segment(f"foot_{side}", f"heel_{side}", f"toe_{side}", R_FOOT, HEEL + TOE, leg),
        Segment(
            f"upper_arm_{side}", f"shoulder_{side}", f"elbow_{side}", R_UPPER_ARM, UPPER_ARM, arm
        ),
        Segment(f"forearm_{side}", f"elbow_{side}", f"wrist_{side}", R_FOREARM, FOREARM, arm),
        Segment(f"hand_{side}", f"wrist_{side}", f"hand_{side}", R_HAND, HAND, arm),
    ]


SEGMENTS: Final[tuple[Segment, ...]] = (
    Segment("pelvis", "hip_far", "hip_near", R_PELVIS, 2 * HIP_HALF_WIDTH, "trunk"),
    Segment("lower_trunk", "pelvis", "waist", R_LOWER_TRUNK, LOWER_TRUNK, "trunk"),
    Segment("upper_trunk", "waist", "neck", R_UPPER_TRUNK, UPPER_TRUNK, "trunk"),
    Segment(
        "shoulders", "shoulder_far", "shoulder_near", R_SHOULDERS, 2 * SHOULDER_HALF_WIDTH, "trunk"
    ),
    Segment("neck", "neck", "head", R_NECK, NECK + R_HEAD, "head"),
    *_limb_segments("far"),
    *_limb_segments("near"),
)
SEGMENT_BY_NAME: Final = {s.name: s for s in SEGMENTS}

# The rigid offsets that are not segments but must stay fixed too (a joint that drifted off its
# parent would show as a detached limb).
RIGID_LINKS: Final[tuple[tuple[str, str, float], ...]] = (
    ("pelvis", "hip_near", HIP_HALF_WIDTH),
    ("pelvis", "hip_far", HIP_HALF_WIDTH),
    ("heel_near", "ankle_near", math.hypot(HEEL, ANKLE_HEIGHT)),
    ("heel_far", "ankle_far", math.hypot(HEEL, ANKLE_HEIGHT)),
    ("neck", "shoulder_near", math.hypot(SHOULDER_HALF_WIDTH, SHOULDER_DROP)),
    ("neck", "shoulder_far", math.hypot(SHOULDER_HALF_WIDTH, SHOULDER_DROP)),
)


def _sided(builder: dict[str, list[tuple[str, float]]]) -> dict[str, tuple[tuple[str, float], ...]]:
    """Expand 'feet'-style groups into both-sides, near-only and far-only versions."""
    out: dict[str, tuple[tuple[str, float], ...]] = {}
    for plural, (singular, items) in _SIDED_GROUPS.items():
        both = [(f"{p}_{side}", r) for side in SIDES for p, r in items]
        out[plural] = tuple(both)
        for side in SIDES:
            out[f"{side}_{singular}"] = tuple((f"{p}_{side}", r) for p, r in items)
    out.update({k: tuple(v) for k, v in builder.items()})
    return out


_SIDED_GROUPS: dict[str, tuple[str, list[tuple[str, float]]]] = {
    "feet": ("foot", [("heel", R_FOOT), ("toe", R_FOOT)]),
    "toes": ("toes", [("toe", R_FOOT)]),
    "heels": ("heel", [("heel", R_FOOT)]),
    "shins": ("shin", [("knee", R_SHIN), ("ankle", R_SHIN)]),
    "knees": ("knee", [("knee", R_SHIN)]),
    "thighs": ("thigh", [("hip", R_THIGH), ("knee", R_THIGH)]),
    "hands": ("hand", [("wrist", R_HAND), ("hand", R_HAND)]),
    "forearms": ("forearm", [("elbow", R_FOREARM), ("wrist", R_FOREARM)]),
    "elbows": ("elbow", [("elbow", R_FOREARM)]),
}

# Named body regions: used for contacts (what touches the floor or a prop), for prop anchors
# and for arrows. Each is a list of (point, surface radius).
GROUPS: Final[dict[str, tuple[tuple[str, float], ...]]] = _sided(
    {
        "seat": [("pelvis", R_PELVIS), ("hip_near", R_PELVIS), ("hip_far", R_PELVIS)],
        "lower_back": [("pelvis", R_LOWER_TRUNK), ("waist", R_LOWER_TRUNK)],
        "upper_back": [("waist", R_UPPER_TRUNK), ("neck", R_UPPER_TRUNK)],
        "chest": [("waist", R_UPPER_TRUNK), ("neck", R_UPPER_TRUNK)],
        "trunk": [
            ("pelvis", R_PELVIS),
            ("hip_near", R_PELVIS),
            ("hip_far", R_PELVIS),
            ("waist", R_LOWER_TRUNK),
            ("neck", R_UPPER_TRUNK),
        ],
        "shoulders": [
            ("neck", R_UPPER_TRUNK),
            ("shoulder_near", R_SHOULDERS),
            ("shoulder_far", R_SHOULDERS),
        ],
        "head": [("head", R_HEAD)],
    }
)

# Seen from the front (or from above) the trunk is wider than it is deep from the side.
FRONT_RADIUS: Final[dict[float, float]] = {R_LOWER_TRUNK: 0.13, R_UPPER_TRUNK: 0.145}


def _widened(r: float, view: str) -> float:
    return r if view == "side" else FRONT_RADIUS.get(r, r)


def segments_for(view: str) -> tuple[Segment, ...]:
    """The segments with the trunk as thick as it looks from ``view``."""
    return _SEGMENTS_BY_VIEW[view]


def groups_for(view: str) -> dict[str, tuple[tuple[str, float], ...]]:
    return _GROUPS_BY_VIEW[view]


_SEGMENTS_BY_VIEW: Final = {
    view: tuple(
        Segment(s.name, s.a, s.b, _widened(s.radius, view), s.length, s.group) for s in SEGMENTS
    )
    for view in ("side", "front", "above")
}
_GROUPS_BY_VIEW: Final = {
    view: {g: tuple((p, _widened(r, view)) for p, r in items) for g, items in GROUPS.items()}
    for view in ("side", "front", "above")
}

# Segments whose proximal joint can be solved to lay them flat on what they rest on: naming
# one of these groups as a contact makes the figure put the foot, hand, forearm or shin flat.
FLATTEN: Final[dict[str, tuple[tuple[str, str], ...]]] = {}
for _side in SIDES:
    FLATTEN[f"{_side}_foot"] = ((f"ankle_{_side}", f"foot_{_side}"),)
    FLATTEN[f"{_side}_hand"] = ((f"wrist_{_side}", f"hand_{_side}"),)
    FLATTEN[f"{_side}_forearm"] = ((f"elbow_{_side}", f"forearm_{_side}"),)
    FLATTEN[f"{_side}_shin"] = ((f"knee_{_side}", f"shin_{_side}"),)
for _plural, _single in (
    ("feet", "foot"),
    ("hands", "hand"),
    ("forearms", "forearm"),
    ("shins", "shin"),
):
    FLATTEN[_plural] = FLATTEN[f"near_{_single}"] + FLATTEN[f"far_{_single}"]


@dataclass(frozen=True)
class Hinge:
    """A joint's parent frame (body frame, before the whole-body rotation), the local direction
    of the segment it moves, and the sign its angle turns with about the frame's z axis; enough
    to solve the angle that lays the segment level."""

    frame: Mat
    local: Vec
    sign: float


@dataclass(frozen=True)
class Skeleton:
    """Joint positions in the body frame plus the hinges that contacts may flatten."""

    points: dict[str, Vec]
    hinges: dict[str, Hinge]


def forward_kinematics(j: Mapping[str, float]) -> Skeleton:
    """Joint positions for joint angles ``j`` (degrees; missing joints are 0), pelvis at the
    origin, before the whole-body rotation (tilt, roll, turn)."""
    g = j.get
    pts: dict[str, Vec] = {"pelvis": (0.0, 0.0, 0.0)}
    hinges: dict[str, Hinge] = {}

    # Spine: each bend is applied in the frame of the segment below it.
    r_lumbar = mul(
        mul(rot_z(-g("lumbar", 0.0)), rot_x(g("lumbar_side", 0.0))), rot_y(-g("lumbar_rot", 0.0))
    )
    pts["waist"] = apply(r_lumbar, (0.0, LOWER_TRUNK, 0.0))
    r_thor = mul(
        mul(mul(r_lumbar, rot_z(-g("thoracic", 0.0))), rot_x(g("thoracic_side", 0.0))),
        rot_y(-g("thoracic_rot", 0.0)),
    )
    neck = add(pts["waist"], apply(r_thor, (0.0, UPPER_TRUNK, 0.0)))
    pts["neck"] = neck
    r_neck = mul(
        mul(mul(r_thor, rot_z(-g("neck", 0.0))), rot_x(g("neck_side", 0.0))),
        rot_y(-g("neck_rot", 0.0)),
    )
    pts["head"] = add(neck, apply(r_neck, (0.0, NECK + R_HEAD, 0.0)))
    pts["nose"] = add(pts["head"], apply(r_neck, (R_HEAD + 0.02, -0.015, 0.0)))

    for side, s in (("near", 1.0), ("far", -1.0)):
        # Leg: flexion about z, then abduction and rotation in the flexed thigh's own frame.
        hip = (0.0, 0.0, s * HIP_HALF_WIDTH)
        pts[f"hip_{side}"] = hip
        r_thigh = mul(
            mul(rot_z(g(f"hip_{side}", 0.0)), rot_x(-s * g(f"hip_abd_{side}", 0.0))),
            rot_y(-s * g(f"hip_rot_{side}", 0.0)),
        )
        knee = add(hip, apply(r_thigh, (0.0, -THIGH, 0.0)))
        pts[f"knee_{side}"] = knee
        hinges[f"knee_{side}"] = Hinge(r_thigh, (0.0, -SHIN, 0.0), -1.0)
        r_shin = mul(r_thigh, rot_z(-g(f"knee_{side}", 0.0)))
        ankle = add(knee, apply(r_shin, (0.0, -SHIN, 0.0)))
        pts[f"ankle_{side}"] = ankle
        hinges[f"ankle_{side}"] = Hinge(r_shin, (1.0, 0.0, 0.0), 1.0)
        r_foot = mul(r_shin, rot_z(g(f"ankle_{side}", 0.0)))
        pts[f"heel_{side}"] = add(ankle, apply(r_foot, (-HEEL, -ANKLE_HEIGHT, 0.0)))
        pts[f"toe_{side}"] = add(ankle, apply(r_foot, (TOE, -ANKLE_HEIGHT, 0.0)))

        # Arm: same pattern from the shoulder, carried by the upper trunk.
        shoulder = add(neck, apply(r_thor, (0.0, -SHOULDER_DROP, s * SHOULDER_HALF_WIDTH)))
        pts[f"shoulder_{side}"] = shoulder
        r_arm = mul(
            mul(
                mul(r_thor, rot_z(g(f"shoulder_{side}", 0.0))),
                rot_x(-s * g(f"shoulder_abd_{side}", 0.0)),
            ),
            rot_y(-s * g(f"shoulder_rot_{side}", 0.0)),
        )
        elbow = add(shoulder, apply(r_arm, (0.0, -UPPER_ARM, 0.0)))
        pts[f"elbow_{side}"] = elbow
        hinges[f"elbow_{side}"] = Hinge(r_arm, (0.0, -FOREARM, 0.0), 1.0)
        r_fore = mul(r_arm, rot_z(g(f"elbow_{side}", 0.0)))
        wrist = add(elbow, apply(r_fore, (0.0, -FOREARM, 0.0)))
        pts[f"wrist_{side}"] = wrist
        hinges[f"wrist_{side}"] = Hinge(r_fore, (0.0, -HAND, 0.0), 1.0)
        r_hand = mul(r_fore, rot_z(g(f"wrist_{side}", 0.0)))
        pts[f"hand_{side}"] = add(wrist, apply(r_hand, (0.0, -HAND, 0.0)))
    return Skeleton(pts, hinges)


def root_rotation(j: Mapping[str, float]) -> Mat:
    """The whole-body rotation: lean forward (tilt), lean sideways (roll), then turn."""
    return mul(
        mul(rot_y(-j.get("turn", 0.0)), rot_x(j.get("roll", 0.0))), rot_z(-j.get("tilt", 0.0))
    )
