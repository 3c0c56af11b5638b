"""PySide6 windows, models, dialogs and workers. Thin: planner makes every decision shown."""
