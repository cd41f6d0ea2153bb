"""The corridors groups work along, as stages of alternative place sequences.

A route is a list of stages; each stage offers weighted alternatives, and an alternative
is a short sequence of places (so that "Ciudad Juárez → El Paso" stays a pair and never
becomes "Tijuana → El Paso"). Origins can depend on the traveller's nationality: Chinese
and Indian migrants fly into Quito, Afghans and Cameroonians into São Paulo, Cubans and
Haitians straight to Managua. The weights follow the route shares reported for the
Darién, the Caribbean and the Andean corridors in 2021-2024.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

from .places import P

Stage = tuple[tuple[tuple[str, ...], float], ...]


class Route(NamedTuple):
    key: str
    crime: str  # "smuggling" or "trafficking"
    stages: tuple[Stage, ...]
    nationalities: tuple[tuple[str, float], ...]
    origins: Mapping[str, tuple[str, ...]] = MappingProxyType({})
    exploitation_place: str = ""


_DARIEN: tuple[Stage, ...] = (
    (
        (("necocli", "capurgana"), 0.6),
        (("necocli", "acandi"), 0.25),
        (("turbo", "capurgana"), 0.15),
    ),
    ((("bajo_chiquito", "lajas_blancas"), 0.7), (("canaan", "san_vicente"), 0.3)),
    ((("paso_canoas", "penas_blancas"), 1.0),),
)
_NORTH: tuple[Stage, ...] = (
    ((("trojes",), 0.6), (("danli",), 0.4)),
    (
        (("esquipulas", "tecun_uman", "ciudad_hidalgo", "tapachula"), 0.65),
        (("esquipulas", "flores", "el_ceibo", "tenosique", "villahermosa"), 0.35),
    ),
    (
        (("cdmx", "ciudad_juarez", "el_paso"), 0.35),
        (("cdmx", "reynosa", "mcallen"), 0.3),
        (("cdmx", "tijuana", "san_diego"), 0.15),
        (("cdmx", "piedras_negras", "eagle_pass"), 0.2),
    ),
)
_VIA_QUITO = ("quito", "tulcan", "ipiales", "cali", "medellin")

ROUTES: dict[str, Route] = {
    r.key: r
    for r in (
        Route(
            "darien_ve",
            "smuggling",
            (
                (
                    (("caracas", "san_antonio", "cucuta", "medellin"), 0.4),
                    (("valencia", "san_antonio", "villa_rosario", "medellin"), 0.3),
                    (("maracaibo", "san_antonio", "cucuta", "medellin"), 0.3),
                ),
                *_DARIEN,
                *_NORTH,
            ),
            (("VE", 0.86), ("CO", 0.05), ("EC", 0.03), ("HT", 0.06)),
        ),
        Route(
            "darien_andean",
            "smuggling",
            (
                (
                    (_VIA_QUITO, 0.6),
                    (("guayaquil", *_VIA_QUITO), 0.25),
                    (("cali", "medellin"), 0.15),
                ),
                *_DARIEN,
                *_NORTH,
            ),
            (("EC", 0.7), ("CO", 0.2), ("VE", 0.1)),
            {"CO": ("cali", "medellin")},
        ),
        Route(
            "darien_extra",
            "smuggling",
            (((("sao_paulo", *_VIA_QUITO), 1.0),), *_DARIEN, *_NORTH),
            (
                ("CN", 0.28),
                ("IN", 0.14),
                ("AF", 0.12),
                ("NP", 0.07),
                ("BD", 0.07),
                ("CM", 0.1),
                ("SN", 0.07),
                ("AO", 0.05),
                ("HT", 0.1),
            ),
            {
                "CN": ("beijing", *_VIA_QUITO),
                "IN": ("delhi", *_VIA_QUITO),
                "NP": ("kathmandu", *_VIA_QUITO),
                "BD": ("dhaka", *_VIA_QUITO),
                "AF": ("kabul", "sao_paulo", *_VIA_QUITO),
                "CM": ("douala", "sao_paulo", *_VIA_QUITO),
                "SN": ("dakar", "sao_paulo", *_VIA_QUITO),
                "AO": ("luanda", "sao_paulo", *_VIA_QUITO),
            },
        ),
        Route(
            "nicaragua_air",
            "smuggling",
            (((("havana", "managua"), 1.0),), *_NORTH),
            (("CU", 0.55), ("HT", 0.45)),
            {"HT": ("port_au_prince", "managua")},
        ),
        Route(
            "caribbean_tt",
            "smuggling",
            (((("tucupita", "cedros"), 0.5), (("guiria", "chaguaramas"), 0.5)),),
            (("VE", 1.0),),
        ),
        Route(
            "caribbean_abc",
            "smuggling",
            (
                (
                    (("la_vela", "willemstad"), 0.45),
                    (("punto_fijo", "willemstad"), 0.35),
                    (("punto_fijo", "oranjestad"), 0.2),
                ),
            ),
            (("VE", 1.0),),
        ),
        Route(
            "hispaniola",
            "smuggling",
            (
                (
                    (
                        ("port_au_prince", "cap_haitien", "ouanaminthe", "dajabon", "santiago_do"),
                        0.6,
                    ),
                    (("port_au_prince", "ouanaminthe", "dajabon", "santo_domingo"), 0.4),
                ),
            ),
            (("HT", 1.0),),
        ),
        Route(
            "brazil_north",
            "smuggling",
            (
                (
                    (("puerto_ordaz", "santa_elena", "pacaraima", "boa_vista"), 0.7),
                    (("caracas", "puerto_ordaz", "santa_elena", "pacaraima", "boa_vista"), 0.3),
                ),
                ((("manaus",), 0.3), ((), 0.7)),
            ),
            (("VE", 1.0),),
        ),
        Route(
            "andean_south",
            "smuggling",
            (
                (
                    (("caracas", "san_antonio", "cucuta", "bogota", "cali", "ipiales"), 0.8),
                    (("bogota", "cali", "ipiales"), 0.2),
                ),
                ((("tulcan", "quito", "huaquillas", "tumbes", "lima"), 1.0),),
                ((("tacna", "arica"), 0.35), ((), 0.65)),
            ),
            (("VE", 0.9), ("CO", 0.1)),
            {"CO": ("bogota", "cali", "ipiales")},
        ),
        # trafficking
        Route(
            "t_co_pa",
            "trafficking",
            (
                (
                    (("pereira", "bogota", "panama_city"), 0.5),
                    (("medellin", "bogota", "panama_city"), 0.5),
                ),
            ),
            (("CO", 0.8), ("VE", 0.2)),
            exploitation_place="panama_city",
        ),
        Route(
            "t_co_mx",
            "trafficking",
            (((("cali", "bogota", "cancun"), 0.6), (("medellin", "bogota", "cancun"), 0.4)),),
            (("CO", 0.85), ("VE", 0.15)),
            exploitation_place="cancun",
        ),
        Route(
            "t_ve_tt",
            "trafficking",
            (
                (
                    (("tucupita", "cedros", "port_of_spain"), 0.6),
                    (("guiria", "chaguaramas", "port_of_spain"), 0.4),
                ),
            ),
            (("VE", 1.0),),
            exploitation_place="port_of_spain",
        ),
        Route(
            "t_ve_co",
            "trafficking",
            (
                (
                    (("maracaibo", "san_antonio", "cucuta", "bogota"), 0.5),
                    (("caracas", "san_antonio", "villa_rosario", "medellin"), 0.5),
                ),
            ),
            (("VE", 1.0),),
            exploitation_place="bogota",
        ),
        Route(
            "t_hn_mx",
            "trafficking",
            (
                (
                    (
                        (
                            "san_pedro_sula",
                            "esquipulas",
                            "tecun_uman",
                            "ciudad_hidalgo",
                            "tapachula",
                        ),
                        0.5,
                    ),
                    (
                        (
                            "tegucigalpa",
                            "esquipulas",
                            "ciudad_guatemala",
                            "tecun_uman",
                            "ciudad_hidalgo",
                            "tapachula",
                        ),
                        0.5,
                    ),
                ),
            ),
            (("HN", 0.6), ("GT", 0.25), ("SV", 0.15)),
            exploitation_place="tapachula",
        ),
        Route(
            "t_ht_do",
            "trafficking",
            (((("port_au_prince", "ouanaminthe", "dajabon", "santo_domingo"), 1.0),),),
            (("HT", 1.0),),
            exploitation_place="santo_domingo",
        ),
        Route(
            "t_ve_br",
            "trafficking",
            (((("puerto_ordaz", "santa_elena", "pacaraima", "boa_vista"), 1.0),),),
            (("VE", 1.0),),
            exploitation_place="boa_vista",
        ),
        Route(
            "t_ec_pe",
            "trafficking",
            (((("machala", "huaquillas", "tumbes", "lima", "puerto_maldonado"), 1.0),),),
            (("EC", 0.5), ("VE", 0.3), ("PE", 0.2)),
            exploitation_place="puerto_maldonado",
        ),
    )
}

SMUGGLING_WEIGHTS = (
    ("darien_ve", 0.30),
    ("darien_andean", 0.10),
    ("darien_extra", 0.12),
    ("nicaragua_air", 0.12),
    ("caribbean_tt", 0.05),
    ("caribbean_abc", 0.05),
    ("hispaniola", 0.08),
    ("brazil_north", 0.08),
    ("andean_south", 0.10),
)
TRAFFICKING_WEIGHTS = (
    ("t_co_pa", 0.16),
    ("t_co_mx", 0.14),
    ("t_ve_tt", 0.12),
    ("t_ve_co", 0.14),
    ("t_hn_mx", 0.14),
    ("t_ht_do", 0.10),
    ("t_ve_br", 0.10),
    ("t_ec_pe", 0.10),
)


_TOTALS: dict[int, tuple[object, float]] = {}


def pick(rng: random.Random, weighted: tuple[tuple[object, float], ...]) -> object:
    """One item of a (value, weight) table."""
    total = _TOTALS.get(id(weighted))
    if total is None or total[0] is not weighted:
        total = _TOTALS[id(weighted)] = (weighted, sum(w for _, w in weighted))
    x = rng.random() * total[1]
    for value, w in weighted:
        x -= w
        if x < 0:
            return value
    return weighted[-1][0]


def build_path(route: Route, rng: random.Random, nationality: str) -> list[str]:
    """Place keys of one journey along the route, origin chosen for the nationality."""
    path: list[str] = []
    for i, stage in enumerate(route.stages):
        if i == 0 and nationality in route.origins:
            path.extend(route.origins[nationality])
            continue
        path.extend(pick(rng, stage))  # type: ignore[arg-type]
    return path


def countries_of(route: Route) -> list[str]:
    """Countries along the route's most likely path, in order, without repeats."""
    out: list[str] = []
    for stage in route.stages:
        best = max(stage, key=lambda o: o[1])[0]
        for key in best:
            c = P[key].country
            if not out or out[-1] != c:
                out.append(c)
    return out
