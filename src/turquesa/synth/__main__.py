"""``python -m turquesa.synth OUT --seed N --persons N``: write a synthetic data set."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .generate import generate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m turquesa.synth", description=__doc__)
    parser.add_argument("out", type=Path, help="output folder")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--persons", type=int, default=2000)
    args = parser.parse_args(argv)
    summary = generate(
        args.out,
        seed=args.seed,
        persons=args.persons,
        progress=lambda n: print(f"{n} persons", file=sys.stderr),
    )
    rows = sum(summary.records.values())
    print(f"{summary.persons} persons, {rows} rows, {len(summary.agencies)} agencies")
    print(f"{summary.seconds:.1f} s, {summary.persons / max(summary.seconds, 1e-9):.0f} persons/s")
    for kind, n in summary.records.items():
        print(f"  {kind}: {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
