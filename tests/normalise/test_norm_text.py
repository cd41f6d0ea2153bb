from hypothesis import given, settings
from hypothesis import strategies as st

from turquesa.normalise.text import clean_text, fold


def test_fold_examples():
    assert fold("José  Pérez-Gómez") == "jose perez gomez"
    assert fold("STRAẞE Ærø Łódź Đorđe") == "strasse aero lodz dorde"
    assert fold("O’Neil") == "o neil"
    assert fold("d'Artagnan (Fils)") == "d artagnan fils"
    assert fold("  São_Paulo/SP.  ") == "sao paulo sp"
    assert fold("") == ""
    assert fold("…") == ""


def test_fold_invisible_characters_do_not_split_words():
    assert fold("Ma\u200bría") == "maria"
    assert fold("Ma\u00adria") == "maria"


def test_clean_text_examples():
    assert clean_text("  José \t Pérez\n") == "José Pérez"
    assert clean_text("Jose\u0301") == "José"  # NFC
    assert clean_text("a\x00b\u200bc") == "abc"
    assert clean_text("ÑANDÚ") == "ÑANDÚ"


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_fold_idempotent(text):
    once = fold(text)
    assert fold(once) == once
    assert once == once.strip()
    assert "  " not in once


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_clean_text_idempotent(text):
    once = clean_text(text)
    assert clean_text(once) == once
    assert "  " not in once
