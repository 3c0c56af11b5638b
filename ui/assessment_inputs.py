"""Small input widgets for the assessment form, each able to be blank and to say what it holds.

Numbers are typed into line edits, not spin boxes: a spin box silently refuses "11" on a 0-10
scale, so the therapist never learns why the key did nothing. Here the text is kept as typed and
planner's model says what is wrong with it, next to the field. Choices that may be left
unanswered are combo boxes whose first entry is blank.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QWidget,
)

from planner.units import (
    SHOWN_PLACES,
    DistanceUnit,
    WeightUnit,
    for_input,
    from_stored,
    to_stored,
    unit_name,
)

T = TypeVar("T")

BLANK = "—"


def number_text(value: float | int | None) -> str:
    """A stored number as the therapist would type it: 42 rather than 42.0."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class ParseError(ValueError):
    """Text that is not a value of the field's kind; the message ends up beside the field."""


class NumberInput(QLineEdit):
    """A number, or nothing; the range is planner's to judge, so any number is accepted here."""

    def __init__(self, name: str, whole: bool = False, width: int = 72) -> None:
        super().__init__()
        self.whole = whole
        self.setAccessibleName(name)
        self.setMaximumWidth(width)
        self.setMaxLength(12)

    def value(self) -> int | float | None:
        text = self.text().strip().replace(",", ".")
        if not text:
            return None
        try:
            number = float(text)
        except ValueError:
            raise ParseError(f"'{self.text().strip()}' is not a number") from None
        if number != number or number in (float("inf"), float("-inf")):
            raise ParseError(f"'{self.text().strip()}' is not a number")
        if "." not in text and "e" not in text.lower():
            return int(text)
        # A whole-number field given "4.5" keeps the fraction so the model can say so.
        return int(number) if self.whole and number.is_integer() else number

    def set_value(self, value: float | int | None) -> None:
        self.setText(number_text(value))


class MeasureInput(NumberInput):
    """A distance or weight typed in the clinic's unit and read back in the stored unit.

    The model keeps km or kg; the field shows and takes ``unit`` (miles, pounds, or the stored
    unit itself), converted by planner.units. A value shown here and not edited reads back
    exactly as it was stored, so opening an assessment and saving it again never shifts a
    number by rounding. ``name`` (accessible name), ``caption`` (the label beside the field)
    and ``label`` (how error messages name it) are templates with ``{unit}``.
    """

    def __init__(self, kind: str, name: str, caption: str, label: str | None = None) -> None:
        super().__init__("")
        self.kind = kind  # "distance" | "weight", for the unit the clinic chose
        self._name, self._caption, self._label = name, caption, label or caption
        self.caption_label: QLabel | None = None  # the form's label for this field
        self.unit: DistanceUnit | WeightUnit = "km" if kind == "distance" else "kg"
        self._stored: float | int | None = None
        self._shown = ""
        self._apply_names()

    def _apply_names(self) -> None:
        word = unit_name(self.unit)
        self.setAccessibleName(self._name.format(unit=word))
        if self.caption_label is not None:
            self.caption_label.setText(self.caption)

    @property
    def caption(self) -> str:
        return self._caption.format(unit=unit_name(self.unit))

    @property
    def label(self) -> str:
        """How error messages name the field."""
        return self._label.format(unit=unit_name(self.unit))

    def set_unit(self, unit: DistanceUnit | WeightUnit) -> None:
        """Show and take values in ``unit``; what the field holds keeps its stored value."""
        if unit == self.unit:
            return
        try:
            stored = self.value()
        except ParseError:
            stored = None  # text that is not a number stays as typed
            self.unit = unit
        else:
            self.unit = unit
            self.set_value(stored)
        self._apply_names()

    def value(self) -> int | float | None:
        typed = super().value()
        if typed is None:
            return None
        if self._stored is not None and self.text() == self._shown:
            return self._stored
        return to_stored(typed, self.unit)

    def set_value(self, value: float | int | None) -> None:
        self._stored = value
        self._shown = number_text(None if value is None else for_input(value, self.unit))
        self.setText(self._shown)

    def clear(self) -> None:
        self._stored, self._shown = None, ""
        super().clear()

    def in_unit(self, stored: float) -> float | int:
        """A stored value (such as a limit the model gives) in the field's unit, for words."""
        shown = round(from_stored(stored, self.unit), SHOWN_PLACES)
        return int(shown) if shown.is_integer() else shown


class TextInput(QLineEdit):
    def __init__(self, name: str, placeholder: str = "") -> None:
        super().__init__()
        self.setAccessibleName(name)
        self.setPlaceholderText(placeholder)

    def value(self) -> str | None:
        text = self.text().strip()
        return text or None

    def set_value(self, value: str | None) -> None:
        self.setText(value or "")


class ListInput(QLineEdit):
    """Several short phrases on one line, separated by commas (or semicolons when a phrase
    itself holds a comma)."""

    def __init__(self, name: str, placeholder: str = "") -> None:
        super().__init__()
        self.setAccessibleName(name)
        self.setPlaceholderText(placeholder)
        self.setToolTip("Separate items with commas")

    def value(self) -> list[str]:
        text = self.text()
        parts = text.split(";") if ";" in text else text.split(",")
        return [p.strip() for p in parts if p.strip()]

    def set_value(self, items: Sequence[str]) -> None:
        joiner = "; " if any("," in i for i in items) else ", "
        self.setText(joiner.join(items))


class ChoiceInput(QComboBox, Generic[T]):
    """One of a few values, or blank. Typing the first letter picks an entry."""

    def __init__(
        self, name: str, choices: Iterable[tuple[str, T]], blank: bool = True, width: int = 0
    ) -> None:
        super().__init__()
        self.setAccessibleName(name)
        self._values: list[T | None] = []
        if blank:
            self.addItem(BLANK)
            self._values.append(None)
        for label, value in choices:
            self.addItem(label)
            self._values.append(value)
        if width:
            self.setMinimumWidth(width)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)

    def value(self) -> T | None:
        index = self.currentIndex()
        return self._values[index] if 0 <= index < len(self._values) else None

    def set_value(self, value: Any) -> None:
        for n, v in enumerate(self._values):
            if v == value:
                self.setCurrentIndex(n)
                return
        self.setCurrentIndex(0)


def date_order() -> str:
    """The order the user's locale writes a date in: "dmy", "mdy" or "ymd"."""
    pattern = QLocale().dateFormat(QLocale.FormatType.ShortFormat)
    found = {part: pattern.find(part) for part in "dMy"}
    if any(at < 0 for at in found.values()):
        return "dmy"
    return "".join(sorted(found, key=found.__getitem__)).lower()


_PATTERNS = {"dmy": "dd/mm/yyyy", "mdy": "mm/dd/yyyy", "ymd": "yyyy-mm-dd"}
_EXAMPLES = {"dmy": "14/03/1988", "mdy": "03/14/1988", "ymd": "1988-03-14"}


def parse_date(text: str, order: str) -> date:
    """A typed date in the locale's ``order`` (or ISO, year first, whatever the locale)."""
    text = text.strip()
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    parts = re.fullmatch(r"(\d{1,4})[/.\- ](\d{1,2})[/.\- ](\d{1,4})", text)
    hint = f"type {_PATTERNS[order]}, e.g. {_EXAMPLES[order]}"
    if iso:
        year, month, day = (int(g) for g in iso.groups())
    elif parts:
        values = dict(zip(order, parts.groups(), strict=True))
        if len(values["y"]) != 4:
            raise ParseError(f"'{text}': give the year in full ({hint})")
        day, month, year = int(values["d"]), int(values["m"]), int(values["y"])
    else:
        raise ParseError(f"'{text}' is not a date; {hint}")
    try:
        return date(year, month, day)
    except ValueError:
        raise ParseError(f"'{text}' is not a real date ({hint})") from None


def format_date(value: date, order: str) -> str:
    """A date as the locale writes it, with a four-digit year so it reads back the same."""
    if order == "ymd":
        return value.isoformat()
    first, second = (value.day, value.month) if order == "dmy" else (value.month, value.day)
    return f"{first:02d}/{second:02d}/{value.year:04d}"


class DateInput(QLineEdit):
    """A date typed in the locale's order (also year-month-day); blank when ``optional``.

    A line edit rather than a date spin box: a clinician types "14/03/1988" straight through
    (a date spin box turns that into another day as the digits land in its sections), and a
    half-typed or impossible date is reported beside the field instead of being bent into
    some other day. Blank means not known; the field never starts at an invented date.
    """

    def __init__(self, name: str, optional: bool = False) -> None:
        super().__init__()
        self.setAccessibleName(name)
        self.optional = optional
        self.order = date_order()
        self.setPlaceholderText(_PATTERNS[self.order] + (", or blank" if optional else ""))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("0000-00-00, or blank") + 16)
        self.setMaximumWidth(self.minimumWidth() + 20)
        self.setMaxLength(10)

    def value(self) -> date | None:
        text = self.text().strip()
        if not text:
            if self.optional:
                return None
            raise ParseError(f"enter a date ({_PATTERNS[self.order]})")
        return parse_date(text, self.order)

    def set_value(self, value: date | None) -> None:
        self.setText(format_date(value, self.order) if value is not None else "")


class CheckSet(QWidget, Generic[T]):
    """A tick box per code, laid out in columns; reads back the ticked codes in code order."""

    changed = Signal()

    def __init__(
        self,
        name: str,
        items: Iterable[tuple[str, T]],
        columns: int = 3,
        tips: dict[T, str] | None = None,
    ) -> None:
        super().__init__()
        self.setAccessibleName(name)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(2)
        self.boxes: dict[T, QCheckBox] = {}
        self._loaded: list[T] = []
        entries = list(items)
        rows = (len(entries) + columns - 1) // columns
        for n, (label, code) in enumerate(entries):
            box = QCheckBox(label)
            box.setAccessibleName(f"{name}: {label}")
            if tips and code in tips:
                box.setToolTip(tips[code])
            box.toggled.connect(lambda _on: self.changed.emit())
            # Column by column, so reading down a column follows the order tab takes.
            grid.addWidget(box, n % rows, n // rows, Qt.AlignmentFlag.AlignLeft)
            self.boxes[code] = box

    def value(self) -> list[T]:
        """Ticked codes in the order they were loaded, then new ticks in screen order, so
        showing a file and reading it back gives the same list."""
        kept = [
            code for code in self._loaded if code in self.boxes and self.boxes[code].isChecked()
        ]
        added = [c for c, box in self.boxes.items() if box.isChecked() and c not in kept]
        return kept + added

    def set_value(self, codes: Iterable[T]) -> None:
        self._loaded = list(codes)
        wanted = set(self._loaded)
        for code, box in self.boxes.items():
            box.setChecked(code in wanted)

    def focus_order(self) -> list[QWidget]:
        """Column-major, matching the layout."""
        return list(self.boxes.values())
