"""Load the shipped catalogues, compiled in memory, once per language per process.

Why in memory: a `.mo` file is a build product that drifts from its `.po` and that a
source checkout would lack. Babel reads the `.po` and writes the `.mo` bytes into a
buffer in a few milliseconds, so the `.po` is the only file we keep.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable
from importlib import resources

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from turquesa.errors import TurquesaError

DOMAIN = "turquesa"
LANGUAGES: tuple[str, ...] = ("es", "pt", "en", "fr")
DEFAULT_LANGUAGE = "en"

Gettext = Callable[[str], str]


def identity(message: str) -> str:
    """The English text itself: the default `_` of functions that show text."""
    return message


def N_(message: str) -> str:
    """Mark a string for extraction where it is defined; translate it where shown."""
    return message


def normalise_language(lang: str) -> str:
    """`es_CO`, `pt-BR` or `FR` to one of the four catalogue languages, or refuse."""
    base = lang.strip().replace("-", "_").split("_")[0].lower()
    if base not in LANGUAGES:
        raise TurquesaError(f"no translation for {lang!r}: use one of {', '.join(LANGUAGES)}")
    return base


def catalogue_path(lang: str) -> resources.abc.Traversable:
    """Where the `.po` file of `lang` lives inside the installed package."""
    return (
        resources.files("turquesa.i18n")
        .joinpath("locale")
        .joinpath(lang)
        .joinpath("LC_MESSAGES")
        .joinpath(f"{DOMAIN}.po")
    )


def translations(lang: str) -> Translations:
    """The compiled catalogue of `lang` (fuzzy and empty entries fall back to English)."""
    return _compiled(normalise_language(lang))


@functools.cache
def _compiled(code: str) -> Translations:
    with catalogue_path(code).open("rb") as handle:
        catalog = read_po(handle, locale=code, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def gettext_for(lang: str) -> Gettext:
    """The `_` to hand to anything that shows text in `lang`."""
    return translations(lang).gettext


def ngettext_for(lang: str) -> Callable[[str, str, int], str]:
    """Plural-aware lookup: `ngettext_for("fr")("%(n)s case", "%(n)s cases", n)`."""
    return translations(lang).ngettext
