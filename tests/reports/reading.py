"""Reading a generated PDF back the way a tester with pypdf can: text per page, fonts, images."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any

from pypdf import PdfReader


def flat(text: str) -> str:
    """Text with every run of whitespace as one space, as line wrapping leaves it."""
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class ReadPdf:
    reader: PdfReader
    pages: list[str]

    @property
    def text(self) -> str:
        return " ".join(self.pages)

    def pages_with(self, needle: str) -> list[int]:
        """0-based numbers of the pages whose text holds ``needle``."""
        wanted = flat(needle)
        return [n for n, page in enumerate(self.pages) if wanted in page]

    @property
    def sizes(self) -> list[tuple[float, float]]:
        return [(float(p.mediabox.width), float(p.mediabox.height)) for p in self.reader.pages]

    def fonts(self) -> list[Any]:
        out = []
        for page in self.reader.pages:
            resources = page.get("/Resources") or {}
            fonts = resources.get_object().get("/Font") or {}
            out.extend(f.get_object() for f in fonts.get_object().values())
        return out

    def images_on(self, page: int) -> int:
        resources = self.reader.pages[page].get("/Resources").get_object()
        xobjects = resources.get("/XObject") or {}
        return sum(
            1 for x in xobjects.get_object().values() if x.get_object().get("/Subtype") == "/Image"
        )

    def text_sizes(self, page: int, above_y: float = 0.0) -> list[tuple[float, str]]:
        """(font size in points, text) of every piece of text drawn higher than ``above_y``."""
        found: list[tuple[float, str]] = []

        def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
            if not text.strip():
                return
            scale = (tm[3] or 1) * (cm[3] or 1)
            y = tm[5] * (cm[3] or 1) + cm[5]
            if y > above_y:
                found.append((round(size * scale, 2), text))

        self.reader.pages[page].extract_text(visitor_text=visit)
        return found


def read(pdf: bytes) -> ReadPdf:
    assert pdf.startswith(b"%PDF-"), "not a PDF"
    reader = PdfReader(io.BytesIO(pdf))
    return ReadPdf(reader, [flat(p.extract_text()) for p in reader.pages])
