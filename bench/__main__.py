"""Run every benchmark (or the named ones): `python -m bench search figures`."""

from __future__ import annotations

import importlib
import os
import platform
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def main(argv: list[str]) -> int:
    here = Path(__file__).parent
    names = argv or sorted(p.stem.removesuffix("_bench") for p in here.glob("*_bench.py"))
    print(f"Machine: {machine()}\n")
    for name in names:
        module = importlib.import_module(f"bench.{name}_bench")
        print(f"## {name}\n")
        module.main()
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
