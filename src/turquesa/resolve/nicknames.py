"""Hypocorisms: the short names people go by in the region, and the names they stand for.

A police file may record "Pepe Rodríguez" where a passport says "José Rodríguez". The
resolution compares given names through this table too, so that a nickname counts as
evidence for the names it can stand for, and for nothing else. Keys and values are
folded (lower case, no accents), as the name keys are.
"""

from __future__ import annotations

_TABLE: dict[str, tuple[str, ...]] = {
    # Spanish
    "pepe": ("jose",),
    "pepito": ("jose",),
    "chepe": ("jose",),
    "cheo": ("jose",),
    "pancho": ("francisco",),
    "paco": ("francisco",),
    "curro": ("francisco",),
    "kiko": ("francisco", "enrique"),
    "chucho": ("jesus",),
    "chuy": ("jesus",),
    "lupe": ("guadalupe",),
    "lupita": ("guadalupe",),
    "manolo": ("manuel",),
    "manu": ("manuel", "manuela"),
    "nacho": ("ignacio",),
    "beto": ("roberto", "alberto", "norberto", "humberto"),
    "tito": ("alberto", "roberto", "hector"),
    "chayo": ("rosario",),
    "charo": ("rosario",),
    "gaby": ("gabriela", "gabriel"),
    "gabi": ("gabriela", "gabriel"),
    "tono": ("antonio",),
    "tonio": ("antonio",),
    "toni": ("antonio",),
    "quique": ("enrique",),
    "lalo": ("eduardo",),
    "memo": ("guillermo",),
    "guille": ("guillermo",),
    "goyo": ("gregorio",),
    "chema": ("jose",),
    "chelo": ("consuelo", "marcelo"),
    "chela": ("graciela",),
    "conchi": ("concepcion",),
    "concha": ("concepcion",),
    "conchita": ("concepcion",),
    "lola": ("dolores",),
    "lolita": ("dolores",),
    "maru": ("maria",),
    "mari": ("maria",),
    "marucha": ("maria",),
    "nena": ("elena",),
    "lencho": ("lorenzo",),
    "poncho": ("alfonso",),
    "fito": ("adolfo", "rodolfo"),
    "rafa": ("rafael",),
    "fer": ("fernando", "fernanda"),
    "nando": ("fernando",),
    "dani": ("daniel", "daniela"),
    "naty": ("natalia",),
    "nati": ("natalia",),
    "vale": ("valentina",),
    "cami": ("camila",),
    "caro": ("carolina",),
    "juanca": ("juan",),
    "juancho": ("juan",),
    "juanjo": ("juan",),
    "santi": ("santiago",),
    "sebas": ("sebastian",),
    "alex": ("alejandro", "alexander", "alexandra", "alejandra"),
    "ale": ("alejandro", "alejandra"),
    "andy": ("andres", "andrea"),
    "mayo": ("mario",),
    "chalo": ("gonzalo",),
    "pili": ("pilar",),
    "susi": ("susana",),
    "meche": ("mercedes",),
    "nico": ("nicolas",),
    "richi": ("ricardo",),
    "wicho": ("luis",),
    "licha": ("alicia",),
    "yoli": ("yolanda",),
    "tere": ("teresa",),
    "teté": ("teresa",),
    "cuca": ("refugio",),
    "pachi": ("patricia",),
    "paty": ("patricia",),
    "pati": ("patricia",),
    "rosi": ("rosa",),
    "chabela": ("isabel",),
    "chavela": ("isabel",),
    "isa": ("isabel",),
    "toto": ("ernesto",),
    "neto": ("ernesto",),
    "tavo": ("gustavo",),
    "cuauh": ("cuauhtemoc",),
    # Portuguese
    "ze": ("jose",),
    "zezinho": ("jose",),
    "joaozinho": ("joao",),
    "tiao": ("sebastiao",),
    "chico": ("francisco",),
    "toninho": ("antonio",),
    "bia": ("beatriz",),
    "duda": ("maria", "eduarda"),
    "nanda": ("fernanda",),
    "gui": ("guilherme",),
    "juju": ("juliana",),
    # French and Haitian Creole
    "jb": ("jean",),
    "ti": ("petit",),
    "manno": ("emmanuel",),
    "mano": ("emmanuel",),
    "ti jean": ("jean",),
    "jojo": ("joseph", "josue"),
    "fanfan": ("francois", "francoise"),
    # Arabic and English
    "mo": ("mohammed", "mohamed", "muhammad"),
    # Abbreviations clerks write ("Ma. del Carmen", "Fco. Javier", "Ma. Gpe."): the
    # name parser keeps the dot out of the key, so they meet the names here.
    "ma": ("maria",),
    "fco": ("francisco",),
    "gpe": ("guadalupe",),
    "fdo": ("fernando",),
    "jph": ("joseph",),
    "wm": ("william",),
    "moe": ("mohammed", "mohamed", "muhammad"),
    "mike": ("michael", "miguel"),
    "bill": ("william",),
    "bob": ("robert",),
    "tony": ("anthony", "antonio"),
}

NICKNAMES: dict[str, tuple[str, ...]] = {k.replace("é", "e"): v for k, v in _TABLE.items()}


def expand(tokens: list[str]) -> list[str]:
    """The tokens and, for each nickname among them, the names it stands for."""
    out = list(tokens)
    for token in tokens:
        out.extend(NICKNAMES.get(token, ()))
    return out
