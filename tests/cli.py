"""The command line in-process, as a user meets it: exit status, stdout and stderr.

Running `physio-planner` as a subprocess costs a second of start-up per call; the same
`main()` the installed script calls runs here in-process, with the report commands the
launcher adds, so each command group needs only one subprocess smoke test of its own.
"""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass

from ui import launcher


@dataclass(frozen=True)
class Ran:
    returncode: int
    stdout: str
    stderr: str


def run(*argv: str) -> Ran:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = launcher.main(list(argv))
        except SystemExit as exc:  # argparse's own exits (--help, --version, bad arguments)
            code = exc.code if isinstance(exc.code, int) else 2
    return Ran(code, out.getvalue(), err.getvalue())
