import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from turquesa.errors import InvalidValue
from turquesa.normalise.names import name_key, parse_person_name
from turquesa.normalise.text import fold


def parts(**kwargs):
    n = parse_person_name(**kwargs)
    return n.given_names, n.surnames, n.given_key, n.surname_key


@pytest.mark.parametrize(
    ("full", "given", "surnames", "given_key", "surname_key"),
    [
        (
            "José Luis Pérez Gómez",
            "José Luis",
            ("Pérez", "Gómez"),
            ("jose", "luis"),
            ("perez", "gomez"),
        ),
        (
            "PEREZ GOMEZ, JOSE LUIS",
            "Jose Luis",
            ("Perez", "Gomez"),
            ("jose", "luis"),
            ("perez", "gomez"),
        ),
        ("PEREZ, JOSE", "Jose", ("Perez",), ("jose",), ("perez",)),
        ("Jose Perez", "Jose", ("Perez",), ("jose",), ("perez",)),
        (
            "María de los Ángeles García y López",
            "María de los Ángeles",
            ("García", "López"),
            ("maria", "angeles"),
            ("garcia", "lopez"),
        ),
        ("MARIA DEL CARMEN PEREZ", "Maria del Carmen", ("Perez",), ("maria", "carmen"), ("perez",)),
        ("Maria de la Cruz Pérez", "Maria", ("de la Cruz", "Pérez"), ("maria",), ("cruz", "perez")),
        ("MARIA DE LA CRUZ PEREZ", "Maria", ("de la Cruz", "Perez"), ("maria",), ("cruz", "perez")),
        (
            "Ana Paula dos Santos Oliveira",
            "Ana Paula",
            ("dos Santos", "Oliveira"),
            ("ana", "paula"),
            ("santos", "oliveira"),
        ),
        (
            "João Carlos da Silva Pereira Santos",
            "João Carlos",
            ("da Silva", "Pereira", "Santos"),
            ("joao", "carlos"),
            ("silva", "pereira", "santos"),
        ),
        ("Jean-Baptiste Joseph", "Jean-Baptiste", ("Joseph",), ("jean", "baptiste"), ("joseph",)),
        ("JEAN-BAPTISTE JOSEPH", "Jean-Baptiste", ("Joseph",), ("jean", "baptiste"), ("joseph",)),
        ("Mohammed Al-Hassan", "Mohammed", ("Al-Hassan",), ("mohammed",), ("al hassan",)),
        ("Wang Xiuying", "Xiuying", ("Wang",), ("xiuying",), ("wang",)),
        ("Li Wei", "Wei", ("Li",), ("wei",), ("li",)),
        ("CHEN LI MING", "Li Ming", ("Chen",), ("li", "ming"), ("chen",)),
        ("Nguyen Van An", "Van An", ("Nguyen",), ("van", "an"), ("nguyen",)),
        ("Le Thi Mai", "Thi Mai", ("Le",), ("thi", "mai"), ("le",)),
        ("John Michael Smith", "John Michael", ("Smith",), ("john", "michael"), ("smith",)),
        (
            "Juan Carlos Rodríguez",
            "Juan Carlos",
            ("Rodríguez",),
            ("juan", "carlos"),
            ("rodriguez",),
        ),
        ("Juan Rodríguez Ortiz", "Juan", ("Rodríguez", "Ortiz"), ("juan",), ("rodriguez", "ortiz")),
        (
            "Kwame Mensah Boateng Ofori",
            "Kwame Mensah",
            ("Boateng", "Ofori"),
            ("kwame", "mensah"),
            ("boateng", "ofori"),
        ),
        (
            "Juan Pablo Martín Díaz",
            "Juan Pablo",
            ("Martín", "Díaz"),
            ("juan", "pablo"),
            ("martin", "diaz"),
        ),
        ("Juan San Martín", "Juan", ("San Martín",), ("juan",), ("san martin",)),
        (
            "Abdul Rahman Ahmadzai",
            "Abdul Rahman",
            ("Ahmadzai",),
            ("abdul", "rahman"),
            ("ahmadzai",),
        ),
        ("MA LUISA GOMEZ", "Ma Luisa", ("Gomez",), ("ma", "luisa"), ("gomez",)),
        ("RONALD MCDONALD", "Ronald", ("McDonald",), ("ronald",), ("mcdonald",)),
        ("patrick o'neil", "Patrick", ("O'Neil",), ("patrick",), ("o neil",)),
        ("Ludwig van Beethoven", "Ludwig", ("van Beethoven",), ("ludwig",), ("beethoven",)),
        ("Carlos", "Carlos", (), ("carlos",), ()),
        (
            "MARIE ROSELAURE JEAN-LOUIS",
            "Marie Roselaure",
            ("Jean-Louis",),
            ("marie", "roselaure"),
            ("jean louis",),
        ),
    ],
)
def test_full_name(full, given, surnames, given_key, surname_key):
    assert parts(full_name=full) == (given, surnames, given_key, surname_key)


def test_display():
    assert parse_person_name(full_name="JOSE LUIS PEREZ GOMEZ").display == "Jose Luis Perez Gomez"
    assert parse_person_name(full_name="Wang Xiuying").display == "Wang Xiuying"
    assert parse_person_name(full_name="María García y López").display == "María García López"
    # mixed case is kept as written; in the comma form each side is judged alone
    assert parse_person_name(full_name="PÉREZ GÓMEZ, José Luis").display == "José Luis Pérez Gómez"
    assert parse_person_name(full_name="JoAnn DeVito").display == "JoAnn DeVito"


def test_fields():
    n = parse_person_name(given_names="JOSE LUIS", surnames="DE LA CRUZ PEREZ")
    assert n.given_names == "Jose Luis"
    assert n.surnames == ("de la Cruz", "Perez")
    assert n.surname_key == ("cruz", "perez")
    n = parse_person_name(given_names="María", surnames="Pérez y Gómez")
    assert n.surnames == ("Pérez", "Gómez")
    assert parse_person_name(surnames="PÉREZ-GÓMEZ").surname_key == ("perez gomez",)
    # split fields win over full_name
    assert (
        parse_person_name(given_names="Ana", surnames="Ruiz", full_name="X Y").display == "Ana Ruiz"
    )


@pytest.mark.parametrize(
    ("full", "display", "aliases", "alias_keys"),
    [
        ("alias El Flaco", "", ("El Flaco",), ("flaco",)),
        ("José Pérez alias El Flaco", "José Pérez", ("El Flaco",), ("flaco",)),
        ("JOSE PEREZ ALIAS EL FLACO", "Jose Perez", ("El Flaco",), ("flaco",)),
        ("José Pérez alias: El Flaco", "José Pérez", ("El Flaco",), ("flaco",)),
        ("JOSE PEREZ (a) EL FLACO", "Jose Perez", ("El Flaco",), ("flaco",)),
        ("José Pérez a.k.a. Skinny", "José Pérez", ("Skinny",), ("skinny",)),
        ("José Pérez aka The Skinny", "José Pérez", ("The Skinny",), ("skinny",)),
        ("João da Silva vulgo Zé Pequeno", "João da Silva", ("Zé Pequeno",), ("ze pequeno",)),
        ("Jean Pierre dit Ti-Jean", "Jean Pierre", ("Ti-Jean",), ("ti jean",)),
        ("Juan Gómez conocido como El Mono", "Juan Gómez", ("El Mono",), ("mono",)),
        ("Juan Gómez apodado Chucho", "Juan Gómez", ("Chucho",), ("chucho",)),
        ("Juan Gómez (alias Chucho)", "Juan Gómez", ("Chucho",), ("chucho",)),
        ('José "El Flaco" Pérez', "José Pérez", ("El Flaco",), ("flaco",)),
        ("José 'Flaco' Pérez", "José Pérez", ("Flaco",), ("flaco",)),
        ("José «El Flaco» Pérez", "José Pérez", ("El Flaco",), ("flaco",)),
        (
            "PEREZ GOMEZ, JOSE LUIS ALIAS EL FLACO",
            "Jose Luis Perez Gomez",
            ("El Flaco",),
            ("flaco",),
        ),
        (
            "José Pérez alias El Flaco / El Negro",
            "José Pérez",
            ("El Flaco", "El Negro"),
            ("flaco", "negro"),
        ),
        (
            "Ana Ruiz alias La Güera alias Güerita",
            "Ana Ruiz",
            ("La Güera", "Güerita"),
            ("guera", "guerita"),
        ),
    ],
)
def test_aliases(full, display, aliases, alias_keys):
    n = parse_person_name(full_name=full)
    assert (n.display, n.aliases, n.alias_keys) == (display, aliases, alias_keys)


def test_alias_argument_and_fields():
    n = parse_person_name(
        given_names="JOSE alias PEPE",
        surnames="PEREZ",
        aliases="El Flaco; alias El Negro; ;el flaco",
    )
    assert n.given_names == "Jose"
    assert n.aliases == ("Pepe", "El Flaco", "El Negro")
    assert n.alias_keys == ("pepe", "flaco", "negro")


def test_alias_only_and_no_name():
    n = parse_person_name(full_name="alias El Flaco")
    assert (n.given_names, n.surnames, n.given_key, n.surname_key) == ("", (), (), ())
    n = parse_person_name(aliases="El Flaco")
    assert n.alias_keys == ("flaco",)
    for kwargs in [
        {},
        {"full_name": ""},
        {"full_name": "  "},
        {"full_name": "NN"},
        {"given_names": "desconocido", "surnames": "N/N"},
    ]:
        with pytest.raises(InvalidValue, match="no name"):
            parse_person_name(**kwargs)


def test_name_key():
    assert name_key("Banco de la Nación y Asociados") == "banco nacion asociados"
    assert name_key("DE LA CRUZ") == "cruz"
    assert name_key("de la") == "de la"


# --- properties ----------------------------------------------------------------------

GIVEN = [
    "José",
    "Luis",
    "MARIA",
    "Ana",
    "Paula",
    "Jean-Baptiste",
    "Mohammed",
    "Wilmer",
    "Kofi",
    "Xiomara",
    "Carlos",
    "Juan",
    "Zhao",
    "Wei",
    "Van",
]
SURNAME = [
    "Pérez",
    "GOMEZ",
    "García",
    "López",
    "Santos",
    "Oliveira",
    "Joseph",
    "Al-Hassan",
    "Li",
    "Wang",
    "Nguyen",
    "Cruz",
    "Martín",
    "O'Neil",
    "McDonald",
    "Mensah",
]
PARTICLE = ["de", "del", "de la", "de los", "da", "dos", "van", "y", "DE LA", "San"]
word = st.sampled_from(GIVEN + SURNAME + PARTICLE) | st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzáéíóúñçãôABCDEFGHIJKLMNOPQRSTUVWXYZÁÉÑ-'",
    min_size=1,
    max_size=9,
)
names = st.lists(word, min_size=1, max_size=6).map(" ".join)
alias_word = st.text(alphabet="qxzkw", min_size=4, max_size=8).map(lambda s: "Qq" + s)


@settings(max_examples=200, deadline=None)
@given(names, st.booleans())
def test_deterministic_folded_and_reparse_stable(full, comma):
    text = full.replace(" ", ", ", 1) if comma else full
    try:
        a = parse_person_name(full_name=text)
    except InvalidValue:
        return
    assert parse_person_name(full_name=text) == a
    for key in (*a.given_key, *a.surname_key, *a.alias_keys):
        assert fold(key) == key
        assert key
    if a.given_names or a.surnames:
        b = parse_person_name(given_names=a.given_names, surnames=" ".join(a.surnames))
        assert (b.given_key, b.surname_key) == (a.given_key, a.surname_key)
        assert len(b.surnames) == len(a.surnames)


@settings(max_examples=200, deadline=None)
@given(
    names,
    alias_word,
    st.sampled_from(
        [
            "alias {}",
            "(a) {}",
            "aka {}",
            '"{}"',
            "vulgo {}",
            "(alias {})",
            "conocido como {}",
            "«{}»",
        ]
    ),
)
def test_alias_text_never_in_name_keys(full, alias, pattern):
    text = f"{full} {pattern.format(alias)}"
    try:
        n = parse_person_name(full_name=text)
    except InvalidValue:
        return
    folded = fold(alias)
    assert folded not in n.given_key
    assert all(folded not in k for k in n.surname_key)
    assert folded in n.alias_keys


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40), st.sampled_from(["full_name", "given_names", "surnames", "aliases"]))
def test_only_invalid_value(text, field):
    try:
        n = parse_person_name(**{field: text})
    except InvalidValue:
        return
    for key in (*n.given_key, *n.surname_key, *n.alias_keys):
        assert fold(key) == key


def test_placeholders_inside_a_name():
    n = parse_person_name(full_name="NN PEREZ GOMEZ")
    assert (n.given_names, n.surnames) == ("", ("Perez", "Gomez"))
    n = parse_person_name(given_names="Ana", surnames="NN")
    assert (n.given_key, n.surname_key) == (("ana",), ())


def test_lexicon_surnames_and_keys_are_folded():
    from turquesa.normalise._lexicon import CHINESE_SURNAMES, GIVEN_NAMES, MARIAN_COMPLEMENTS

    for word in GIVEN_NAMES | CHINESE_SURNAMES | MARIAN_COMPLEMENTS:
        assert fold(word) == word
