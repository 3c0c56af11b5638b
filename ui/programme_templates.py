"""The Programme tab's Templates menu: apply a built-in or saved template, save one.

Applying goes through planner's operation, which refuses a client whose referral blocks
exercise and leaves out exercises their conditions rule out, saying which.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError
from PySide6.QtWidgets import QFileDialog, QMenu

from planner.errors import PlannerError
from planner.operations.programmes import replace_with_template
from planner.programme.templates import (
    Template,
    builtin_templates,
    read_template_file,
    template_from_programme,
    write_template_file,
)
from planner.store.database import default_data_dir
from ui.programme_dialogs import Ask, SaveTemplateDialog

if TYPE_CHECKING:
    from ui.programme_tab import ProgrammeTab


class TemplatesMenu:
    def __init__(self, host: ProgrammeTab, menu: QMenu) -> None:
        self.host = host
        self.menu = menu
        menu.aboutToShow.connect(self.fill)

    def folder(self) -> Path:
        """Where saved templates live (a setting; by default beside the local database)."""
        folder = self.host.ctx.state().value("templates/folder")
        return Path(str(folder)) if folder else default_data_dir() / "templates"

    def saved(self) -> list[Template]:
        found = []
        folder = self.folder()
        for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
            try:
                found.append(read_template_file(path))
            except PlannerError as exc:
                self.host.ctx.events.status.emit(f"Skipped a template: {exc}")
        return found

    def all(self) -> list[Template]:
        return [*builtin_templates(), *self.saved()]

    def fill(self) -> None:
        menu = self.menu
        menu.clear()
        host = self.host
        has = host.programme is not None and host.block is None
        header = menu.addAction("Apply a template to this programme:")
        header.setEnabled(False)
        for template in builtin_templates():
            act = menu.addAction(f"{template.title} ({template.total_weeks} weeks)")
            act.setToolTip(template.description)
            act.setEnabled(has)
            act.triggered.connect(lambda _c=False, t=template: self.apply(t))
        saved = self.saved()
        if saved:
            menu.addSeparator()
            for template in saved:
                act = menu.addAction(f"Saved: {template.title} ({template.total_weeks} weeks)")
                act.setEnabled(has)
                act.triggered.connect(lambda _c=False, t=template: self.apply(t))
        menu.addSeparator()
        from_file = menu.addAction("Apply a template file...")
        from_file.setEnabled(has)
        from_file.triggered.connect(self.apply_file)
        save = menu.addAction("Save this programme as a template...")
        save.setEnabled(host.programme is not None)
        save.triggered.connect(self.save_as_template)

    def apply_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.host, "Apply a template", str(self.folder()), "Templates (*.json)"
        )
        if not path:
            return
        try:
            template = read_template_file(path)
        except PlannerError as exc:
            self.host.say(str(exc), error=True)
            return
        self.apply(template)

    def apply(self, template: Template) -> None:
        host = self.host
        p = host.programme
        if p is None or host.programme_id is None:
            return
        if p.items and not Ask.confirm(
            host,
            "Apply template",
            f"Replace the {len(p.items)} exercises and {len(p.phases)} phase(s) of "
            f"'{p.title}' with template '{template.title}'?\n\nYou can undo this (Ctrl+Z).",
        ):
            return
        client_id = host.client.id if host.client else None
        result = host.run_op(
            lambda before, version: replace_with_template(
                host.services, host.programme_id or 0, version, before, template,
                client_id=client_id,
            ),
            f"Apply template '{template.title}'",
        )  # fmt: skip
        if result is not None:
            after = result.value[0]
            host.say(
                " ".join(
                    [
                        f"Applied template '{template.title}': {len(after.phases)} phase(s), "
                        f"{len(after.items)} exercises, reviews at each phase change.",
                        *result.notes,
                    ]
                )
            )

    def save_as_template(self) -> None:
        host = self.host
        p = host.programme
        if p is None:
            return
        answer = SaveTemplateDialog.ask(host, p.title)
        if answer is None:
            return
        code, title, description = answer
        path = self.folder() / f"{code}.json"
        if path.exists() and not Ask.confirm(
            host, "Save as template", f"A saved template '{code}' exists. Replace it?"
        ):
            return
        try:
            template = template_from_programme(
                p, code, host.catalogue, title=title, description=description
            )
            path.parent.mkdir(parents=True, exist_ok=True)
            write_template_file(path, template)
        except (PlannerError, ValidationError, OSError) as exc:
            host.say(f"The template was not saved: {exc}", error=True)
            return
        host.ctx.events.status.emit(f"Saved template '{title}'")
        host.say(f"Saved template '{title}' to {path}.")
