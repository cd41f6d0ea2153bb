"""The four catalogues are complete, cover every message the code shows, and keep
their placeholders; the maintenance commands extract, merge and check as promised."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from babel.messages.catalog import Message

from turquesa.errors import TurquesaError
from turquesa.i18n import (
    LANGUAGES,
    country_name,
    format_decimal,
    format_integer,
    format_percent,
    format_period,
    gettext_for,
    normalise_language,
    translations,
)
from turquesa.i18n.__main__ import main
from turquesa.i18n.extract import (
    check_catalogues,
    extract_messages,
    message_problems,
    placeholders,
    po_path,
    read_catalogue,
    update_catalogues,
)
from turquesa.i18n.labels import VOCABULARY_LABELS, label, model_vocabularies, title

TRANSLATED = ("es", "pt", "fr")


def _ids(catalogue) -> set[object]:  # type: ignore[no-untyped-def]
    return {message.id for message in catalogue if message.id}


@pytest.fixture(scope="module")
def used() -> set[object]:
    return _ids(extract_messages())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_the_code_and_templates_use_is_in_the_catalogue(
    lang: str, used: set[object]
) -> None:
    missing = used - _ids(read_catalogue(lang))
    assert not missing, (
        f"run `python -m turquesa.i18n extract` and translate: {sorted(map(str, missing))}"
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogue_has_no_untranslated_fuzzy_or_broken_entry(lang: str) -> None:
    problems = [p for p in check_catalogues(languages=(lang,)) if p.kind != "missing"]
    assert not problems, "\n".join(map(str, problems))


def test_extraction_sees_the_report_template_and_python_labels(used: set[object]) -> None:
    assert "Figure %(number)s" in used  # report.html, newstyle gettext with a variable
    assert "Contents" in used  # report.html
    assert "Forced labour" in used  # i18n/labels.py, an N_() literal
    assert "RESTRICTED — law enforcement use only" in used  # report/render.py


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_translation_keeps_the_placeholders_of_its_message(lang: str) -> None:
    for message in read_catalogue(lang):
        if not message.id or not message.string:
            continue
        source = message.id if isinstance(message.id, str) else message.id[0]
        target = message.string if isinstance(message.string, str) else message.string[0]
        assert placeholders(target) == placeholders(source), (lang, source, target)


def test_a_lost_placeholder_an_empty_and_a_fuzzy_entry_are_each_reported() -> None:
    lost = Message("Figure %(number)s", "Figura")
    kinds = [p.kind for p in message_problems("es", lost)]
    assert kinds == ["placeholders"]
    brace = Message("{route}: {persons} persons", "{ruta}: {persons} personas")
    assert [p.kind for p in message_problems("es", brace)] == ["placeholders"]
    assert [p.kind for p in message_problems("fr", Message("Sea", ""))] == ["untranslated"]
    assert message_problems("en", Message("Sea", "")) == []  # English shows the msgid
    fuzzy = Message("Sea", "Mar", flags=["fuzzy"])
    assert [p.kind for p in message_problems("pt", fuzzy)] == ["fuzzy"]


def test_the_four_languages_load_and_say_the_field_s_terms() -> None:
    expected = {
        "es": "Trata de personas",
        "pt": "Tráfico de pessoas",
        "en": "Trafficking in persons",
        "fr": "Traite des personnes",
    }
    for lang, text in expected.items():
        assert translations(lang).gettext("Trafficking in persons") == text
    smuggling = {lang: gettext_for(lang)("Smuggling of migrants") for lang in LANGUAGES}
    assert smuggling["es"] == "Tráfico ilícito de migrantes"
    assert smuggling["fr"] == "Trafic illicite de migrants"
    assert translations("es") is translations("es-CO")  # cached, region ignored


def test_language_codes_are_normalised_and_unknown_ones_refused() -> None:
    assert normalise_language("pt-BR") == "pt"
    assert normalise_language("ES_co") == "es"
    with pytest.raises(TurquesaError, match="es, pt, en, fr"):
        normalise_language("de")


def test_every_value_of_every_model_vocabulary_has_a_written_label() -> None:
    for vocabulary, values in model_vocabularies().items():
        if vocabulary not in VOCABULARY_LABELS:
            continue
        unlabelled = [v for v in values if v not in VOCABULARY_LABELS[vocabulary]]
        assert not unlabelled, f"{vocabulary}: add labels for {unlabelled}"
    for vocabulary in (
        "role",
        "perpetrator_role",
        "exploitation_type",
        "recruitment_method",
        "means_of_control",
        "mode",
        "event_type",
        "crime_type",
        "sex",
        "age_group",
    ):
        assert vocabulary in VOCABULARY_LABELS


def test_labels_translate_and_missing_values_read_as_not_recorded() -> None:
    es = gettext_for("es")
    assert label("exploitation_type", "forced_labour", es) == "Trabajo forzoso"
    assert label("mode", "river", gettext_for("pt")) == "Fluvial"
    assert label("sex", None, gettext_for("fr")) == "Sexe non enregistré"
    assert label("means_of_control", "a_new_value") == "A new value"
    assert title("exploitation_type", es) == "Forma de explotación"
    # "other" agrees with its noun in Spanish, so each vocabulary names its own
    assert label("exploitation_type", "other", es) == "Otra forma de explotación"
    assert label("recruitment_method", "other", es) == "Otro método de captación"


def test_numbers_dates_and_countries_follow_each_language() -> None:
    assert format_integer(1234567, "es") == "1.234.567"
    assert format_integer(1234567, "en") == "1,234,567"
    assert format_decimal(1234.5, "pt") == "1.234,5"
    assert format_decimal(1234.5, "fr").replace("\u202f", " ") == "1 234,5"
    assert format_percent(0.25, "fr").replace("\xa0", " ") == "25 %"
    assert format_percent(0.254, "en", 1) == "25.4%"
    assert "2023" in format_period(date(2022, 1, 1), date(2023, 12, 31), "es")
    assert country_name("HT", "fr") == "Haïti"
    assert country_name("BR", "es") == "Brasil"
    assert country_name("ZZ", "es") == "ZZ"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")


def test_extract_keeps_translations_adds_new_messages_empty_and_check_reports_them(
    tmp_path: Path,
) -> None:
    package = tmp_path / "pkg"
    locale = tmp_path / "locale"
    _write(package / "mod.py", 'def f(_):\n    return _("Route"), N_("Corridor")\n')
    _write(package / "templates" / "page.html", '<p>{{ _("Hello %(name)s", name=x) }}</p>\n')
    first = extract_messages(package)
    assert _ids(first) == {"Route", "Corridor", "Hello %(name)s"}
    update_catalogues(first, locale, languages=("es",))
    catalogue = read_catalogue("es", locale)
    catalogue["Route"].string = "Ruta"
    catalogue["Corridor"].string = "Corredor"
    catalogue["Hello %(name)s"].string = "Hola %(name)s"
    from babel.messages.pofile import write_po

    with po_path("es", locale).open("wb") as handle:
        write_po(handle, catalogue)
    assert check_catalogues(package, locale, ("es",)) == []

    _write(package / "mod.py", 'def f(_):\n    return _("Route"), _("Crossing point")\n')
    problems = check_catalogues(package, locale, ("es",))
    assert [(p.kind, p.message) for p in problems] == [("missing", "Crossing point")]
    added = update_catalogues(extract_messages(package), locale, languages=("es",))
    assert added == {"es": 1}
    updated = read_catalogue("es", locale)
    assert updated["Route"].string == "Ruta"  # kept
    assert updated["Crossing point"].string == ""  # new, empty
    assert updated.get("Corridor") is None  # no longer used: dropped
    assert [(p.kind, p.message) for p in check_catalogues(package, locale, ("es",))] == [
        ("untranslated", "Crossing point")
    ]


def test_check_command_passes_on_the_shipped_catalogues(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 0
    assert "complete" in capsys.readouterr().out
