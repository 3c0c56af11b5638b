"""Figure files: one SVG (or PNG) per exercise, and a contact sheet of the whole library.

``physio-planner library figures --out DIR`` calls :func:`write_figures` and
:func:`write_contact_sheet`; ``python -m exercise_library.figures.export OUT_DIR`` does the same
without the app's command line, for pose authors.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Final, Literal

from exercise_library.figures.geometry import exercise_scene
from exercise_library.figures.primitives import Scene
from exercise_library.schema import Exercise

CONTACT_SHEET_NAME: Final = "contact-sheet.png"
SHEET_COLUMNS: Final = 6
CELL_W: Final = 330  # px
CELL_FIGURE_H: Final = 170  # px
CELL_LABEL_H: Final = 34  # px
SHEET_MARGIN: Final = 16  # px
SECTION_H: Final = 46  # px
SVG_WIDTH_MM: Final = 70.0
PNG_WIDTH_PX: Final = 600


def _with_figures(catalogue: Iterable[Exercise]) -> list[Exercise]:
    return [ex for ex in catalogue if ex.figure is not None]


def _scene(ex: Exercise) -> Scene:
    assert ex.figure is not None
    return exercise_scene(ex.figure)


def write_figures(
    catalogue: Iterable[Exercise], out_dir: Path, fmt: Literal["svg", "png"] = "svg"
) -> list[Path]:
    """Write ``<code>.svg`` (or ``.png``) for every exercise that has a figure; returns the
    files written, in library order."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for ex in _with_figures(catalogue):
        scene = _scene(ex)
        path = out_dir / f"{ex.code}.{fmt}"
        if fmt == "svg":
            from exercise_library.figures.svg import scene_svg

            path.write_text(scene_svg(scene, SVG_WIDTH_MM, ex.name), encoding="utf-8")
        else:
            from exercise_library.figures.raster import scene_image

            scene_image(scene, PNG_WIDTH_PX).save(path, optimize=True)
        written.append(path)
    return written


def write_contact_sheet(catalogue: Iterable[Exercise], path: Path) -> Path:
    """All figures on one PNG, grouped by modality, the exercise name under each: the page a
    reviewer scans to see that every picture shows its exercise."""
    from PIL import Image, ImageDraw

    from exercise_library.figures.raster import SUPERSAMPLE, draw_scene, font

    exercises = _with_figures(catalogue)
    sections: dict[str, list[Exercise]] = {}
    for ex in exercises:
        sections.setdefault(ex.modality.label, []).append(ex)
    cell_h = CELL_FIGURE_H + CELL_LABEL_H
    height = SHEET_MARGIN * 2
    for items in sections.values():
        rows = -(-len(items) // SHEET_COLUMNS)
        height += SECTION_H + rows * cell_h
    width = SHEET_MARGIN * 2 + SHEET_COLUMNS * CELL_W
    k = SUPERSAMPLE
    big = Image.new("L", (width * k, max(height, 100) * k), 255)
    draw = ImageDraw.Draw(big)
    label_font = font(12 * k)
    title_font = font(20 * k)
    y = SHEET_MARGIN
    for title, items in sections.items():
        draw.text((SHEET_MARGIN * k, (y + 30) * k), title, fill=0, font=title_font, anchor="ls")
        draw.line(
            (SHEET_MARGIN * k, (y + 38) * k, (width - SHEET_MARGIN) * k, (y + 38) * k),
            fill=160,
            width=k,
        )
        y += SECTION_H
        for i, ex in enumerate(items):
            col, row = i % SHEET_COLUMNS, i // SHEET_COLUMNS
            x0 = SHEET_MARGIN + col * CELL_W
            y0 = y + row * cell_h
            box = ((x0 + 8) * k, (y0 + 4) * k, (CELL_W - 16) * k, (CELL_FIGURE_H - 8) * k)
            draw_scene(big, _scene(ex), box)
            draw.text(
                ((x0 + CELL_W / 2) * k, (y0 + CELL_FIGURE_H + 16) * k),
                _fit_label(ex.name, 44),
                fill=0,
                font=label_font,
                anchor="ms",
            )
        y += -(-len(items) // SHEET_COLUMNS) * cell_h
    sheet = big.resize((width, max(height, 100)), Image.Resampling.LANCZOS)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(path, optimize=True)
    return path


def _fit_label(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m exercise_library.figures.export",
        description="Write one figure per exercise and a contact sheet of them all.",
    )
    parser.add_argument("out_dir", type=Path, help="folder for the figure files")
    parser.add_argument("--png", action="store_true", help="write PNG files instead of SVG")
    parser.add_argument(
        "--sheet", type=Path, help=f"contact sheet path (default: OUT_DIR/{CONTACT_SHEET_NAME})"
    )
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)

    from exercise_library.catalogue import builtin_catalogue

    cat = builtin_catalogue()
    for problem in cat.problems:
        print(f"PROBLEM {problem}", file=sys.stderr)
    files = write_figures(cat, args.out_dir, "png" if args.png else "svg")
    sheet = write_contact_sheet(cat, args.sheet or args.out_dir / CONTACT_SHEET_NAME)
    missing = [ex.code for ex in cat if ex.figure is None]
    print(f"{len(files)} figures in {args.out_dir}; contact sheet {sheet}")
    if missing:
        print(f"{len(missing)} exercises have no figure yet: {', '.join(missing)}")
    return 1 if cat.problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
