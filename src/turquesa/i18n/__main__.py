"""`python -m turquesa.i18n extract|check`: maintenance of the translation catalogues."""

from __future__ import annotations

import argparse
import sys

from turquesa.i18n.extract import check_catalogues, extract_messages, update_catalogues


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m turquesa.i18n", description="Maintain Turquesa's catalogues."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("extract", help="extract messages and update the four .po catalogues")
    sub.add_parser("check", help="list missing, untranslated and fuzzy entries")
    args = parser.parse_args(argv)
    if args.command == "extract":
        template = extract_messages()
        added = update_catalogues(template)
        print(f"{len(template)} messages in the code and templates")
        for lang, count in added.items():
            print(f"{lang}: {count} new")
        return 0
    problems = check_catalogues()
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problems", file=sys.stderr)
        return 1
    print("catalogues complete")
    return 0


if __name__ == "__main__":
    sys.exit(main())
