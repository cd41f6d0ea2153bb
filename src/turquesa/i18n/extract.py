"""Keep the catalogues in step with the code: extract, update, check.

`extract` reads every `_()`, `N_()`, `gettext()` and `ngettext()` in the package's
Python files and every translatable text of its Jinja2 templates, and merges them into
the four `.po` files: existing translations are kept, new messages arrive empty, and
messages the code no longer uses are dropped (git keeps their history). `check` lists
what a translator still has to do. Line numbers are left out of the catalogues so that
moving code does not rewrite them.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract
from babel.messages.pofile import read_po, write_po

import turquesa
from turquesa.i18n.catalogues import DOMAIN, LANGUAGES

PACKAGE_ROOT = Path(turquesa.__file__).resolve().parent
LOCALE_ROOT = PACKAGE_ROOT / "i18n" / "locale"

KEYWORDS: dict[str, object] = {
    "_": None,
    "N_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
}
TEMPLATE_SUFFIXES = (".html", ".svg", ".txt", ".j2")
JINJA_OPTIONS = {"extensions": "jinja2.ext.i18n", "trimmed": "true"}
SOURCE_LANGUAGE = "en"

_PERCENT = re.compile(r"%\((\w+)\)[#0\- +]?\d*(?:\.\d+)?[sdifgr]|%[sd]")
_BRACE = re.compile(r"(?<!\{)\{(\w*)(?:[:!][^{}]*)?\}(?!\})")


def _python_files(root: Path) -> Iterator[Path]:
    for path in sorted(root.rglob("*.py")):
        if "locale" not in path.relative_to(root).parts:
            yield path


def _template_files(root: Path) -> Iterator[Path]:
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).parts
        if path.is_file() and "templates" in rel and path.suffix in TEMPLATE_SUFFIXES:
            yield path


def _jinja_extractor():  # type: ignore[no-untyped-def]
    from jinja2.ext import babel_extract

    return babel_extract


def extract_messages(root: Path = PACKAGE_ROOT) -> Catalog:
    """Every message the code and templates under `root` use, as a template catalogue."""
    template = Catalog(domain=DOMAIN, project="Turquesa", version=turquesa.__version__)
    sources: list[tuple[Path, object, dict[str, str]]] = [
        (path, "python", {}) for path in _python_files(root)
    ]
    sources += [(path, _jinja_extractor(), JINJA_OPTIONS) for path in _template_files(root)]
    for path, method, options in sources:
        location = path.relative_to(root).as_posix()
        with path.open("rb") as handle:
            for lineno, message, comments, context in extract(
                method,  # type: ignore[arg-type]
                handle,
                keywords=KEYWORDS,  # type: ignore[arg-type]
                comment_tags=("Translators:",),
                options=options,
                strip_comment_tags=True,
            ):
                if not message or (isinstance(message, tuple) and not message[0]):
                    continue
                template.add(
                    message,
                    None,
                    [(location, lineno)],
                    auto_comments=comments,
                    context=context,
                )
    return template


def po_path(lang: str, locale_root: Path = LOCALE_ROOT) -> Path:
    return locale_root / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalogue(lang: str, locale_root: Path = LOCALE_ROOT) -> Catalog:
    path = po_path(lang, locale_root)
    if not path.exists():
        return Catalog(locale=lang, domain=DOMAIN, project="Turquesa")
    with path.open("rb") as handle:
        return read_po(handle, locale=lang, domain=DOMAIN)


def update_catalogues(
    template: Catalog, locale_root: Path = LOCALE_ROOT, languages: tuple[str, ...] = LANGUAGES
) -> dict[str, int]:
    """Merge `template` into each language's catalogue; returns new messages per language."""
    added: dict[str, int] = {}
    for lang in languages:
        catalogue = read_catalogue(lang, locale_root)
        known = {message.id for message in catalogue if message.id}
        catalogue.update(template, no_fuzzy_matching=True, update_header_comment=False)
        catalogue.project = "Turquesa"
        catalogue.version = turquesa.__version__
        catalogue.revision_date = datetime.now(UTC)
        catalogue.language_team = f"Turquesa <{lang}>"
        catalogue.fuzzy = False
        catalogue.header_comment = (
            f"# Turquesa: messages in {lang}.\n"
            "# Distributed under the same licence as Turquesa (GPL-3.0-or-later).\n"
            "# Update with `python -m turquesa.i18n extract`; check with `... check`."
        )
        added[lang] = sum(1 for message in catalogue if message.id and message.id not in known)
        path = po_path(lang, locale_root)
        if (
            path.exists()
            and not added[lang]
            and _entries(catalogue) == _entries(read_catalogue(lang, locale_root))
        ):
            continue  # nothing changed: leave the file (and its dates) alone
        path.parent.mkdir(parents=True, exist_ok=True)
        buffer = io.BytesIO()
        write_po(buffer, catalogue, width=100, ignore_obsolete=True, include_lineno=False)
        path.write_bytes(buffer.getvalue())
    return added


def _entries(catalogue: Catalog) -> set[tuple[object, object]]:
    return {
        (m.id, m.string if isinstance(m.string, str) else tuple(m.string))
        for m in catalogue
        if m.id
    }


def placeholders(text: str) -> tuple[list[str], set[str]]:
    """The `%(name)s` placeholders (with repeats, sorted) and the `{name}` ones."""
    return sorted(_PERCENT.findall(text)), set(_BRACE.findall(text))


@dataclass(frozen=True)
class Problem:
    lang: str
    kind: str  # missing, untranslated, fuzzy, placeholders
    message: str

    def __str__(self) -> str:
        return f"{self.lang}: {self.kind}: {self.message!r}"


def _strings(value: str | tuple[str, ...] | list[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def message_problems(lang: str, message: Message) -> list[Problem]:
    """What is wrong with one entry of `lang`'s catalogue."""
    key = message.id if isinstance(message.id, str) else message.id[0]
    problems: list[Problem] = []
    if message.fuzzy:
        problems.append(Problem(lang, "fuzzy", key))
    every = _strings(message.string)
    strings = [text for text in every if text]
    if not strings or len(strings) < len(every):
        if lang != SOURCE_LANGUAGE:  # English may show the msgid itself
            problems.append(Problem(lang, "untranslated", key))
        return problems
    sources = _strings(message.id)
    reference = placeholders(sources[-1])
    for index, text in enumerate(strings):
        expected = placeholders(sources[min(index, len(sources) - 1)])
        found = placeholders(text)
        if found != expected and found != reference:
            problems.append(Problem(lang, "placeholders", key))
            break
    return problems


def check_catalogues(
    root: Path = PACKAGE_ROOT,
    locale_root: Path = LOCALE_ROOT,
    languages: tuple[str, ...] = LANGUAGES,
) -> list[Problem]:
    """Everything that stops the catalogues from covering the code in every language."""
    used = {message.id for message in extract_messages(root) if message.id}
    problems: list[Problem] = []
    for lang in languages:
        catalogue = read_catalogue(lang, locale_root)
        present = {message.id for message in catalogue if message.id}
        for missing in sorted(used - present, key=str):
            key = missing if isinstance(missing, str) else missing[0]
            problems.append(Problem(lang, "missing", key))
        for message in catalogue:
            if message.id:
                problems.extend(message_problems(lang, message))
    return problems
