"""Every text a user reads, in the four languages of the region: es, pt, en, fr.

Messages live in gettext catalogues (`locale/<lang>/LC_MESSAGES/turquesa.po`), compiled
in memory when first used so that a checkout or a wheel needs no build step. Code that
shows text takes a gettext-style callable `_` (see :func:`gettext_for`) and writes its
English strings as `_("...")` literals, so that `python -m turquesa.i18n extract` finds
them and the catalogue test fails on anything left untranslated.
"""

from __future__ import annotations

from turquesa.i18n.catalogues import (
    DEFAULT_LANGUAGE,
    DOMAIN,
    LANGUAGES,
    N_,
    Gettext,
    gettext_for,
    identity,
    ngettext_for,
    normalise_language,
    translations,
)
from turquesa.i18n.formatting import (
    country_name,
    format_date,
    format_datetime,
    format_decimal,
    format_integer,
    format_percent,
    format_period,
)

__all__ = [
    "DEFAULT_LANGUAGE",
    "DOMAIN",
    "LANGUAGES",
    "N_",
    "Gettext",
    "country_name",
    "format_date",
    "format_datetime",
    "format_decimal",
    "format_integer",
    "format_percent",
    "format_period",
    "gettext_for",
    "identity",
    "ngettext_for",
    "normalise_language",
    "translations",
]
