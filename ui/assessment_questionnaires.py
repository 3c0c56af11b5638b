"""The questionnaires part of the assessment form: Oswestry, STarT Back, PSFS, Roland-Morris.

Each item says what it is about and what its answers mean, in our own words, so the therapist
can fill it in from what the client said without the paper form beside the keyboard. A
questionnaire left half done is not an error: the assessment is kept as a draft, the items
still blank are listed, and the scores wait until it is complete.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QGridLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from planner.assessment.model import Bothersomeness, Questionnaires
from ui.assessment_inputs import ChoiceInput, NumberInput, TextInput
from ui.assessment_parts import FieldError, Path, Section, caption, pairs_grid

# Oswestry sections: what each is about, and what 0 and 5 mean for it (our words).
ODI_SECTIONS: tuple[tuple[str, str], ...] = (
    ("Pain intensity", "0: no pain at the moment; 5: the worst pain imaginable right now"),
    ("Personal care", "0: washes and dresses as usual; 5: cannot wash or dress, stays in bed"),
    ("Lifting", "0: lifts heavy things with no extra pain; 5: cannot lift or carry anything"),
    ("Walking", "0: pain does not limit walking; 5: in bed most of the time"),
    ("Sitting", "0: sits in any chair as long as wanted; 5: cannot sit at all"),
    ("Standing", "0: stands as long as wanted; 5: cannot stand at all"),
    ("Sleeping", "0: sleep is never broken by pain; 5: pain stops sleep completely"),
    ("Sex life", "0: normal, no extra pain; 5: pain prevents it (blank if not answered)"),
    ("Social life", "0: normal, no extra pain; 5: no social life because of pain"),
    ("Travelling", "0: travels anywhere without pain; 5: travels only for treatment"),
)

# STarT Back items 1-8 in our words, so the therapist finds the item on the client's sheet.
START_BACK_TOPICS = (
    "Pain spreads down a leg",
    "Shoulder or neck pain as well",
    "Walks only short distances",
    "Dresses more slowly",
    "Activity does not feel safe",
    "Worrying thoughts a lot of the time",
    "Feels it will never get better",
    "Enjoys things less",
)

BOTHER_LABELS = {
    Bothersomeness.NOT_AT_ALL: "Not at all",
    Bothersomeness.SLIGHTLY: "Slightly",
    Bothersomeness.MODERATELY: "Moderately",
    Bothersomeness.VERY_MUCH: "Very much",
    Bothersomeness.EXTREMELY: "Extremely",
}

# What each Roland-Morris statement is about, short and in our words; a tick means the client
# said the statement is true of them today.
ROLAND_MORRIS_TOPICS = (
    "Stays at home most of the time",
    "Keeps changing position to ease the back",
    "Walks more slowly than usual",
    "Not doing the usual jobs at home",
    "Needs the handrail on stairs",
    "Lies down to rest more often",
    "Holds on to something to get out of a chair",
    "Asks others to do things",
    "Dresses more slowly than usual",
    "Stands only for short times",
    "Tries not to bend or kneel",
    "Finds it hard to get up from a chair",
    "Back hurts almost all the time",
    "Finds it hard to turn over in bed",
    "Appetite is not good",
    "Struggles to put on socks or tights",
    "Walks only short distances",
    "Sleeps less well",
    "Gets dressed with help",
    "Sits down most of the day",
    "Avoids heavy jobs at home",
    "More irritable than usual",
    "Goes upstairs more slowly",
    "Stays in bed most of the time",
)

PSFS_ROWS = 5
ODI_ITEMS = len(ODI_SECTIONS)
START_BACK_ITEMS = len(START_BACK_TOPICS)
ROLAND_MORRIS_ITEMS = len(ROLAND_MORRIS_TOPICS)

Track = Callable[..., None]
Get = Callable[[Path, str, QWidget], Any]


class QuestionnaireInputs:
    """The questionnaire widgets, how they show a stored answer and how they read back."""

    def build(self, track: Track) -> Section:
        s = Section("&Questionnaires", "questionnaires")

        odi_box = QGroupBox(
            "Oswestry Disability Index: 0 (no trouble) to 5 (cannot), blank if skipped"
        )
        odi_box.setObjectName("section_odi")
        self.odi: list[NumberInput] = []
        pairs: list[tuple[str, QWidget]] = []
        for n, (name, meaning) in enumerate(ODI_SECTIONS):
            w = NumberInput(f"ODI section {n + 1}: {name}", whole=True, width=48)
            w.setToolTip(meaning)
            w.setPlaceholderText("0-5")
            self.odi.append(w)
            pairs.append((f"{n + 1}. {name}", w))
        grid = pairs_grid(pairs, down=True)
        for n in range(grid.count()):
            item = grid.itemAt(n).widget()
            if isinstance(item, QLabel) and item.buddy() is not None:
                item.setToolTip(item.buddy().toolTip())
        odi_box.setLayout(grid)
        track(*self.odi)

        sb_box = QGroupBox("STarT Back: did the client agree? Item 9: how bothersome")
        sb_box.setToolTip(
            "Items 1-8: agree or disagree with each statement; item 9: how much the back pain "
            "bothered the client in the last 2 weeks"
        )
        sb_box.setObjectName("section_start_back")
        self.start_back: list[ChoiceInput[int]] = [
            ChoiceInput(
                f"STarT Back item {n + 1}: {topic}", [("Agree", 1), ("Disagree", 0)], width=96
            )
            for n, topic in enumerate(START_BACK_TOPICS)
        ]
        self.bother = ChoiceInput(
            "STarT Back item 9: bothersomeness",
            [(text, code) for code, text in BOTHER_LABELS.items()],
            width=110,
        )
        sb_items: list[tuple[str, QWidget]] = [
            (f"{n + 1}. {topic}", w)
            for n, (topic, w) in enumerate(zip(START_BACK_TOPICS, self.start_back, strict=True))
        ]
        sb_items.append(("9. How bothersome in the last 2 weeks", self.bother))
        sb_box.setLayout(pairs_grid(sb_items, columns=1))
        track(*self.start_back, self.bother)

        psfs_box = QGroupBox("Patient-Specific Functional Scale: up to 5 activities, 0-10")
        psfs_box.setObjectName("section_psfs")
        psfs_grid = QGridLayout(psfs_box)
        psfs_grid.addWidget(caption("Activity the client finds hard"), 0, 1)
        psfs_grid.addWidget(caption("Score (0 = unable, 10 = as before)"), 0, 2)
        self.psfs: list[tuple[TextInput, NumberInput]] = []
        for n in range(PSFS_ROWS):
            act = TextInput(f"PSFS activity {n + 1}")
            score = NumberInput(f"PSFS score {n + 1}", width=56)
            psfs_grid.addWidget(QLabel(f"{n + 1}."), n + 1, 0)
            psfs_grid.addWidget(act, n + 1, 1)
            psfs_grid.addWidget(score, n + 1, 2)
            self.psfs.append((act, score))
            track(act, score)
        psfs_grid.setColumnStretch(1, 1)

        rm_box = QGroupBox("Roland-Morris: tick each statement the client marked as true today")
        rm_box.setObjectName("section_roland_morris")
        rm_layout = QVBoxLayout(rm_box)
        self.rm_done = QCheckBox("Roland-Morris completed (leave unticked if not given)")
        self.rm_done.setAccessibleName("Roland-Morris completed")
        rm_grid = QGridLayout()
        self.roland_morris: list[QCheckBox] = []
        rows = ROLAND_MORRIS_ITEMS  # one column: the statements read down like the form
        for n, topic in enumerate(ROLAND_MORRIS_TOPICS):
            box = QCheckBox(f"{n + 1}. {topic}")
            box.setAccessibleName(f"Roland-Morris statement {n + 1}: {topic}")
            box.setEnabled(False)
            rm_grid.addWidget(box, n % rows, n // rows, Qt.AlignmentFlag.AlignLeft)
            self.roland_morris.append(box)
        self.rm_done.toggled.connect(self._rm_enabled)
        rm_layout.addWidget(self.rm_done, 0, Qt.AlignmentFlag.AlignLeft)
        rm_layout.addLayout(rm_grid)
        track(self.rm_done, *self.roland_morris)

        for box in (odi_box, sb_box, psfs_box, rm_box):
            s.layout.addWidget(box)
        return s

    def _rm_enabled(self, on: bool) -> None:
        for box in self.roland_morris:
            box.setEnabled(on)

    def load(self, q: Questionnaires) -> None:
        for w, odi_value in zip(self.odi, q.odi or [], strict=False):
            w.set_value(odi_value)
        if q.start_back is not None:
            for w, sb_value in zip(self.start_back, q.start_back.answers, strict=True):
                w.set_value(sb_value)
            self.bother.set_value(q.start_back.bothersomeness)
        self.load_psfs([item.model_dump() for item in q.psfs or []])
        self.load_roland_morris(q.roland_morris)

    def load_psfs(self, items: list[dict[str, Any]]) -> None:
        for (act, score), item in zip(self.psfs, items, strict=False):
            act.set_value(item.get("activity"))
            score.set_value(item.get("score"))

    def load_roland_morris(self, ticks: list[bool] | None) -> None:
        self.rm_done.setChecked(ticks is not None)
        for box, ticked in zip(self.roland_morris, ticks or [], strict=False):
            box.setChecked(ticked)

    def read(self, get: Get, errors: list[FieldError]) -> dict[str, Any]:
        q: dict[str, Any] = {}
        odi = [
            get(("questionnaires", "odi", n), f"ODI section {n + 1} ({ODI_SECTIONS[n][0]})", w)
            for n, w in enumerate(self.odi)
        ]
        if any(v is not None for v in odi):
            q["odi"] = odi
        answers = [
            get(("questionnaires", "start_back", "answers", n), f"STarT Back item {n + 1}", w)
            for n, w in enumerate(self.start_back)
        ]
        bother = get(
            ("questionnaires", "start_back", "bothersomeness"), "STarT Back item 9", self.bother
        )
        given = [a for a in answers if a is not None] + ([bother] if bother else [])
        if given:
            blank = START_BACK_ITEMS + 1 - len(given)
            if blank:
                errors.append(
                    FieldError(
                        ("questionnaires", "start_back"),
                        "STarT Back",
                        f"{blank} of the 9 items {'is' if blank == 1 else 'are'} still blank; "
                        "it is kept as a draft until every item is answered",
                    )
                )
            else:
                q["start_back"] = {"answers": answers, "bothersomeness": bother}
        psfs = []
        for n, (act, score) in enumerate(self.psfs):
            place = ("questionnaires", "psfs", len(psfs))
            activity = get((*place, "activity"), f"PSFS activity {n + 1}", act)
            value = get((*place, "score"), f"PSFS score {n + 1}", score)
            if activity is None and value is None:
                continue
            if activity is None or value is None:
                missing = "the activity" if activity is None else "a score (0-10)"
                errors.append(
                    FieldError(place, f"PSFS activity {n + 1}", f"give {missing} as well")
                )
                continue
            psfs.append({"activity": activity, "score": value})
        if psfs:
            q["psfs"] = psfs
        if self.rm_done.isChecked():
            q["roland_morris"] = [box.isChecked() for box in self.roland_morris]
        return q
