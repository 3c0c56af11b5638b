"""Named base poses. An exercise's key pose names one and overrides a few joints, so ~360 poses
stay short enough to write and review by hand.

Each preset lists the joints it sets (all others are 0: standing tall, arms by the sides, feet
flat) and the body regions that touch the floor, which the poser uses to level and flatten the
figure (see :mod:`exercise_library.figures.posing`). The README beside this file describes each
preset; a test keeps the two in step.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final


@dataclass(frozen=True)
class Preset:
    summary: str
    joints: dict[str, float] = field(default_factory=dict)
    contacts: tuple[str, ...] = ()
    view: str = "side"


def _both(**limb: float) -> dict[str, float]:
    """The same limb angle on the near and the far side."""
    return {f"{k}_{side}": v for k, v in limb.items() for side in ("near", "far")}


_ARMS_RELAXED = _both(shoulder=5, elbow=10)
# Lying on one side: the lower arm along the floor past the head, bent up so the head rests
# by the hand (an arm stretched out overhead made side-lying figures a third longer, so they
# printed smaller than the others).
_HEAD_ON_LOWER_ARM = {"shoulder_abd_far": 170, "shoulder_rot_far": 90, "elbow_far": 120}

PRESETS: Final[dict[str, Preset]] = {
    "standing": Preset(
        "Standing tall, arms by the sides, feet flat.",
        {**_ARMS_RELAXED},
        ("feet",),
    ),
    "supine_knees_bent": Preset(
        "Lying on the back, knees bent, feet flat on the floor, arms by the sides.",
        {"tilt": -90, **_both(hip=50, knee=100, shoulder=10, elbow=0)},
        ("trunk", "feet"),
    ),
    "supine_legs_straight": Preset(
        "Lying on the back, legs straight, toes to the ceiling, arms by the sides.",
        {"tilt": -90, **_both(shoulder=10)},
        ("trunk", "heels"),
    ),
    "supine_tabletop": Preset(
        "Lying on the back, hips and knees bent to 90 degrees, shins level, arms to the ceiling.",
        {"tilt": -90, **_both(hip=90, knee=90, shoulder=90, ankle=-20)},
        ("trunk",),
    ),
    "prone": Preset(
        "Lying face down, legs long, arms by the sides, forehead down.",
        {"tilt": 90, "neck": 10, **_both(ankle=-85, shoulder=0, elbow=0)},
        ("chest", "toes"),
    ),
    "prone_on_elbows": Preset(
        "Lying face down propped on the forearms, elbows under the shoulders (sphinx).",
        {
            "tilt": 90,
            "lumbar": -20,
            "thoracic": -10,
            "neck": -10,
            **_both(ankle=-85, shoulder=80, elbow=90),
        },
        ("thighs", "forearms"),
    ),
    "forearm_plank": Preset(
        "Plank on the forearms and toes, body in one straight line.",
        {"tilt": 80, **_both(shoulder=90, elbow=90, ankle=0)},
        ("forearms", "toes"),
    ),
    "high_plank": Preset(
        "Plank on straight arms and toes, hands under the shoulders.",
        {"tilt": 70, **_both(shoulder=75, wrist=90, ankle=0)},
        ("hands", "toes"),
    ),
    "quadruped": Preset(
        "On hands and knees, hands under the shoulders, knees under the hips, back flat.",
        {"tilt": 90, **_both(hip=90, knee=90, shoulder=90, wrist=90, ankle=-85)},
        ("hands", "shins"),
    ),
    "kneeling": Preset(
        "Kneeling upright, thighs vertical, shins on the floor.",
        {**_both(knee=90, ankle=-85), **_ARMS_RELAXED},
        ("shins",),
    ),
    "kneel_sitting": Preset(
        "Kneeling and sitting back on the heels, trunk upright.",
        {**_both(hip=62, knee=150, ankle=-85, shoulder=15, elbow=40)},
        ("shins",),
    ),
    "half_kneeling": Preset(
        "Kneeling on the far knee, near foot flat in front, trunk upright.",
        {"hip_near": 90, "knee_near": 90, "knee_far": 90, "ankle_far": -85, **_ARMS_RELAXED},
        ("far_shin", "near_foot"),
    ),
    "sitting_floor": Preset(
        "Sitting on the floor, legs straight in front, trunk upright, hands beside the hips.",
        {**_both(hip=90, shoulder=35, elbow=15)},
        ("seat", "heels"),
    ),
    "sitting_knees_bent": Preset(
        "Sitting on the floor, knees bent, feet flat, trunk upright.",
        {**_both(hip=135, knee=90, shoulder=30, elbow=20)},
        ("seat", "feet"),
    ),
    "sitting_chair": Preset(
        "Sitting tall on a chair, feet flat, hands on the thighs.",
        {**_both(hip=90, knee=85, shoulder=20, elbow=60)},
        ("feet",),
    ),
    "childs_pose": Preset(
        "Kneeling, sitting back towards the heels, trunk folded over the thighs, arms forward.",
        {
            "tilt": 92,
            "lumbar": 5,
            "neck": 10,
            **_both(hip=155, knee=150, ankle=-85, shoulder=170, wrist=0),
        },
        ("shins", "hands"),
    ),
    "squat_bottom": Preset(
        "Bottom of a squat: hips back, knees bent, heels down, arms forward for balance.",
        {"tilt": 40, "lumbar": -5, **_both(hip=110, knee=110, shoulder=80, elbow=5)},
        ("feet",),
    ),
    "lunge": Preset(
        "Lunge: near foot forward with the knee over the ankle, far knee bent close to the floor.",
        {
            "hip_near": 85,
            "knee_near": 90,
            "hip_far": -15,
            "knee_far": 95,
            "ankle_far": 20,
            **_ARMS_RELAXED,
        },
        ("near_foot", "far_toes"),
    ),
    "hinge": Preset(
        "Hip hinge: trunk leaning forward from the hips with a long back, knees soft.",
        {"tilt": 60, **_both(hip=75, knee=20, shoulder=60, elbow=5)},
        ("feet",),
    ),
    "downward_dog": Preset(
        "Hips high, arms and back in one line, legs long, heels reaching to the floor.",
        {"tilt": 135, **_both(hip=100, shoulder=175, wrist=90)},
        ("hands", "feet"),
    ),
    "side_lying": Preset(
        "Lying on the far side, legs long and stacked, head resting on the lower arm (seen from "
        "the front).",
        {"roll": -90, **_HEAD_ON_LOWER_ARM, "shoulder_near": 0},
        (),
        "front",
    ),
    "side_lying_knees_bent": Preset(
        "Lying on the far side, hips and knees bent, feet together, head resting on the lower "
        "arm (seen from the front).",
        {"roll": -90, **_HEAD_ON_LOWER_ARM, **_both(hip=45, knee=90)},
        (),
        "front",
    ),
    "side_plank_forearm": Preset(
        "Side plank on the far forearm and the far foot, body straight (seen from the front).",
        {
            "roll": -70,
            "shoulder_abd_far": 85,
            "shoulder_rot_far": 90,
            "elbow_far": 90,
            "shoulder_abd_near": 10,
            "elbow_near": 100,
        },
        ("far_forearm", "far_foot"),
        "front",
    ),
    "walking": Preset(
        "Walking mid-stride: near heel landing in front, far foot pushing off, arms swinging.",
        {
            "hip_near": 25,
            "knee_near": 5,
            "ankle_near": 10,
            "hip_far": -15,
            "knee_far": 15,
            "ankle_far": -20,
            "shoulder_near": -20,
            "shoulder_far": 25,
            **_both(elbow=20),
        },
        ("near_heel", "far_toes"),
    ),
    "running": Preset(
        "Running: leaning a little forward, near knee driving up, far foot pushing off, arms bent.",
        {
            "tilt": 10,
            "hip_near": 60,
            "knee_near": 90,
            "hip_far": -25,
            "knee_far": 25,
            "ankle_far": -25,
            "shoulder_near": -40,
            "shoulder_far": 50,
            **_both(elbow=90),
        },
        ("far_toes",),
    ),
    "bike": Preset(
        "Riding a bike: seated, leaning forward, hands on the bars, one pedal up.",
        {
            "tilt": 30,
            "hip_near": 95,
            "knee_near": 100,
            "hip_far": 45,
            "knee_far": 35,
            **_both(shoulder=60, elbow=20),
        },
        (),
    ),
    "recumbent_bike": Preset(
        "Sitting back on a recumbent bike, legs reaching forward to the pedals.",
        {
            "tilt": -25,
            "hip_near": 110,
            "knee_near": 90,
            "hip_far": 85,
            "knee_far": 30,
            **_both(shoulder=10, elbow=40),
        },
        (),
    ),
    "swimming": Preset(
        "Floating face down at the water surface, one arm reaching ahead, legs long.",
        {
            "tilt": 88,
            "shoulder_near": 170,
            "shoulder_far": 10,
            **_both(ankle=-60),
        },
        (),
    ),
}
