"""Gazetteer of the places on the smuggling and trafficking corridors of the region.

Coordinates are approximate town centres (WGS84, 3-4 decimals), enough to draw the
routes and to let the map and the route analysis place every leg. ``arrive`` is how one
usually reaches the place on these routes (the boat from Necoclí to Capurganá, the
piragua down to Lajas Blancas, the raft over the Suchiate); ``crossing`` is the name of
the border post, port or airport written on a leg that ends here.
"""

from __future__ import annotations

from typing import NamedTuple


class Place(NamedTuple):
    name: str
    country: str
    lat: float
    lon: float
    arrive: str = "land"
    crossing: str = ""


P: dict[str, Place] = {
    # Venezuela
    "caracas": Place("Caracas", "VE", 10.4806, -66.9036),
    "valencia": Place("Valencia", "VE", 10.1620, -68.0077),
    "maracaibo": Place("Maracaibo", "VE", 10.6427, -71.6125),
    "san_antonio": Place("San Antonio del Táchira", "VE", 7.8145, -72.4431),
    "guiria": Place("Güiria", "VE", 10.5725, -62.2997),
    "tucupita": Place("Tucupita", "VE", 9.0592, -62.0508),
    "punto_fijo": Place("Punto Fijo", "VE", 11.7167, -70.1833),
    "la_vela": Place("La Vela de Coro", "VE", 11.4594, -69.5650),
    "puerto_ordaz": Place("Puerto Ordaz", "VE", 8.2964, -62.7117),
    "santa_elena": Place("Santa Elena de Uairén", "VE", 4.6019, -61.1101),
    # Colombia
    "cucuta": Place(
        "Cúcuta", "CO", 7.8939, -72.5078, crossing="Puente Internacional Simón Bolívar"
    ),
    "villa_rosario": Place(
        "Villa del Rosario", "CO", 7.8336, -72.4742, crossing="Puente Francisco de Paula Santander"
    ),
    "bogota": Place("Bogotá", "CO", 4.7110, -74.0721, crossing="Aeropuerto El Dorado"),
    "medellin": Place("Medellín", "CO", 6.2442, -75.5812),
    "pereira": Place("Pereira", "CO", 4.8133, -75.6961),
    "cali": Place("Cali", "CO", 3.4516, -76.5320),
    "ipiales": Place("Ipiales", "CO", 0.8303, -77.6444, crossing="Puente de Rumichaca"),
    "necocli": Place("Necoclí", "CO", 8.4260, -76.7870),
    "turbo": Place("Turbo", "CO", 8.0926, -76.7282),
    "capurgana": Place("Capurganá", "CO", 8.6333, -77.3500, "sea", "Muelle de Capurganá"),
    "acandi": Place("Acandí", "CO", 8.5111, -77.2783, "sea", "Muelle de Acandí"),
    # Panama
    "bajo_chiquito": Place("Bajo Chiquito", "PA", 8.1350, -77.6100, "land", "Selva del Darién"),
    "canaan": Place("Canaán Membrillo", "PA", 7.9200, -77.5300, "land", "Selva del Darién"),
    "lajas_blancas": Place("Lajas Blancas", "PA", 8.3300, -77.8000, "river", "ERM Lajas Blancas"),
    "san_vicente": Place("San Vicente", "PA", 8.4500, -77.9900, "river", "ERM San Vicente"),
    "meteti": Place("Metetí", "PA", 8.5000, -77.9833),
    "panama_city": Place(
        "Ciudad de Panamá", "PA", 8.9824, -79.5199, "air", "Aeropuerto de Tocumen"
    ),
    # Costa Rica
    "paso_canoas": Place("Paso Canoas", "CR", 8.5333, -82.8383, crossing="Paso Canoas"),
    "san_jose": Place("San José", "CR", 9.9281, -84.0907),
    "los_chiles": Place("Los Chiles", "CR", 11.0333, -84.7167),
    # Nicaragua
    "penas_blancas": Place("Peñas Blancas", "NI", 11.2247, -85.6181, crossing="Peñas Blancas"),
    "managua": Place(
        "Managua", "NI", 12.1364, -86.2514, "air", "Aeropuerto Internacional Augusto C. Sandino"
    ),
    # Honduras
    "trojes": Place("Trojes", "HN", 14.0667, -85.9833, crossing="Trojes"),
    "danli": Place("Danlí", "HN", 14.0333, -86.5833, crossing="Las Manos"),
    "tegucigalpa": Place("Tegucigalpa", "HN", 14.0723, -87.1921),
    "san_pedro_sula": Place("San Pedro Sula", "HN", 15.5000, -88.0333),
    # Guatemala
    "esquipulas": Place("Esquipulas", "GT", 14.5667, -89.3500, crossing="Agua Caliente"),
    "ciudad_guatemala": Place("Ciudad de Guatemala", "GT", 14.6349, -90.5069),
    "flores": Place("Flores", "GT", 16.9300, -89.8900),
    "el_ceibo": Place("El Ceibo", "GT", 17.2500, -90.9800),
    "tecun_uman": Place("Tecún Umán", "GT", 14.6786, -92.1378),
    # Mexico
    "ciudad_hidalgo": Place("Ciudad Hidalgo", "MX", 14.6792, -92.1500, "river", "Río Suchiate"),
    "tapachula": Place("Tapachula", "MX", 14.9039, -92.2575),
    "tenosique": Place("Tenosique", "MX", 17.4736, -91.4228, crossing="El Ceibo"),
    "villahermosa": Place("Villahermosa", "MX", 17.9892, -92.9475),
    "cdmx": Place("Ciudad de México", "MX", 19.4326, -99.1332),
    "cancun": Place("Cancún", "MX", 21.1619, -86.8515, "air", "Aeropuerto Internacional de Cancún"),
    "ciudad_juarez": Place("Ciudad Juárez", "MX", 31.6904, -106.4245),
    "reynosa": Place("Reynosa", "MX", 26.0508, -98.2979),
    "tijuana": Place("Tijuana", "MX", 32.5149, -117.0382),
    "piedras_negras": Place("Piedras Negras", "MX", 28.7000, -100.5231),
    # United States
    "el_paso": Place("El Paso", "US", 31.7619, -106.4850, crossing="Puente Paso del Norte"),
    "mcallen": Place("McAllen", "US", 26.2034, -98.2300, crossing="Río Bravo (Hidalgo)"),
    "san_diego": Place("San Diego", "US", 32.7157, -117.1611, crossing="San Ysidro"),
    "eagle_pass": Place("Eagle Pass", "US", 28.7091, -100.4995, "river", "Río Bravo (Eagle Pass)"),
    # Caribbean
    "havana": Place("La Habana", "CU", 23.1136, -82.3666),
    "port_au_prince": Place("Port-au-Prince", "HT", 18.5944, -72.3074),
    "cap_haitien": Place("Cap-Haïtien", "HT", 19.7578, -72.2042),
    "ouanaminthe": Place("Ouanaminthe", "HT", 19.5500, -71.7250),
    "dajabon": Place("Dajabón", "DO", 19.5486, -71.7083, crossing="Ouanaminthe–Dajabón"),
    "santiago_do": Place("Santiago de los Caballeros", "DO", 19.4517, -70.6970),
    "santo_domingo": Place("Santo Domingo", "DO", 18.4861, -69.9312),
    "cedros": Place("Cedros", "TT", 10.1167, -61.8333, "sea", "Cedros"),
    "chaguaramas": Place("Chaguaramas", "TT", 10.6833, -61.6333, "sea", "Chaguaramas"),
    "port_of_spain": Place("Port of Spain", "TT", 10.6549, -61.5019),
    "oranjestad": Place("Oranjestad", "AW", 12.5186, -70.0358, "sea", "Oranjestad"),
    "willemstad": Place("Willemstad", "CW", 12.1091, -68.9316, "sea", "Willemstad"),
    # Brazil
    "pacaraima": Place("Pacaraima", "BR", 4.4286, -61.1478, crossing="Pacaraima"),
    "boa_vista": Place("Boa Vista", "BR", 2.8235, -60.6758),
    "manaus": Place("Manaus", "BR", -3.1190, -60.0217),
    "sao_paulo": Place("São Paulo", "BR", -23.5505, -46.6333, "air", "Aeroporto de Guarulhos"),
    # Ecuador, Peru, Chile
    "quito": Place("Quito", "EC", -0.1807, -78.4678, "air", "Aeropuerto Mariscal Sucre"),
    "guayaquil": Place("Guayaquil", "EC", -2.1709, -79.9224),
    "tulcan": Place("Tulcán", "EC", 0.8118, -77.7172, crossing="Rumichaca"),
    "machala": Place("Machala", "EC", -3.2581, -79.9554),
    "huaquillas": Place("Huaquillas", "EC", -3.4814, -80.2432),
    "tumbes": Place("Tumbes", "PE", -3.5669, -80.4515, crossing="CEBAF Huaquillas–Tumbes"),
    "lima": Place("Lima", "PE", -12.0464, -77.0428),
    "puerto_maldonado": Place("Puerto Maldonado", "PE", -12.5933, -69.1891),
    "tacna": Place("Tacna", "PE", -18.0066, -70.2463),
    "arica": Place("Arica", "CL", -18.4783, -70.3126, crossing="Chacalluta"),
    # Origins overseas (air legs start here)
    "beijing": Place("Beijing", "CN", 40.0799, 116.6031),
    "delhi": Place("New Delhi", "IN", 28.5562, 77.1000),
    "kathmandu": Place("Kathmandu", "NP", 27.6966, 85.3591),
    "dhaka": Place("Dhaka", "BD", 23.8433, 90.3978),
    "kabul": Place("Kabul", "AF", 34.5658, 69.2123),
    "douala": Place("Douala", "CM", 4.0061, 9.7194),
    "dakar": Place("Dakar", "SN", 14.7397, -17.4902),
    "luanda": Place("Luanda", "AO", -8.8584, 13.2312),
}
