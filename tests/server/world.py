"""A small world of agencies, networks, users and records for the server's tests.

CO-DIJIN (Colombia) and PA-SENAFRONT (Panama) are members of ISON; MX-FGR (Mexico) of no
network; CR-OIJ (Costa Rica) is where the judge sits. CO-DIJIN shares case C1 with
ISON and keeps case C2 to itself; MX-FGR shares M1 with all; PA-SENAFRONT names CO-DIJIN
on case P1. Every agency has one user per role.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import Engine, update

from tests.helpers import write
from turquesa.ingest.loader import ingest
from turquesa.server import totp
from turquesa.server.accounts import ROLES, create_user
from turquesa.server.app import create_app
from turquesa.server.settings import ServerSettings
from turquesa.storage.store import upsert_agency
from turquesa.storage.tables import network_members, users

PASSWORD = "correct horse battery staple"
AGENCIES = {
    "CO-DIJIN": ("CO", ["ISON"]),
    "PA-SENAFRONT": ("PA", ["ISON"]),
    "MX-FGR": ("MX", []),
    "CR-OIJ": ("CR", []),
}
PERSON_HEADER = (
    "record_id,case_id,role,given_names,surnames,sex,birth_date,nationality,"
    "document_type,document_number,document_country,phones\n"
)
SUBMISSIONS = {
    "CO-DIJIN": {
        "agency.csv": "agency,country,name\nCO-DIJIN,CO,Dirección de Investigación Criminal\n",
        "cases.csv": (
            "case_id,title,crime_type,opened,status,sharing\n"
            "C1,Operación Darién,smuggling,2023-03-01,open,network:ISON\n"
            "C2,Operación Reservada,trafficking,2023-04-01,open,agency\n"
        ),
        "persons.csv": PERSON_HEADER
        + (
            "P1,C1,suspect,José Luis,Pérez Gómez,M,1985-05-17,CO,passport,AB123456,CO,"
            "+573001234567\n"
            "P3,C1,victim,Ana,Ruiz Secreta,F,2008-02-29,VE,national_id,V12345678,VE,\n"
            "P4,C2,suspect,Carlos,Reservado Oculto,M,1979-01-02,CO,passport,ZZ998877,CO,"
            "+573001112233\n"
        ),
    },
    "MX-FGR": {
        "agency.csv": "agency,country,name\nMX-FGR,MX,Fiscalía General de la República\n",
        "cases.csv": (
            "case_id,title,crime_type,opened,status,sharing\n"
            "M1,Caso Tapachula,smuggling,2023-05-01,open,all\n"
        ),
        "persons.csv": PERSON_HEADER
        + "X1,M1,suspect,Pedro,Público Abierto,M,1990-03-03,MX,passport,MX111222,MX,\n",
    },
    "PA-SENAFRONT": {
        "agency.csv": "agency,country,name\nPA-SENAFRONT,PA,Servicio Nacional de Fronteras\n",
        "cases.csv": (
            "case_id,title,crime_type,opened,status,sharing\n"
            "PC1,Caso Bajo Chiquito,smuggling,2023-06-01,open,agencies:CO-DIJIN\n"
        ),
        "persons.csv": PERSON_HEADER
        + "Q1,PC1,suspect,Rosa,Nombrada Compartida,F,1988-08-08,PA,passport,PA555444,PA,\n",
    },
}
#: record id -> (owner, sharing) of every person record above
SHARING = {
    "P1": ("CO-DIJIN", "network:ISON"),
    "P3": ("CO-DIJIN", "network:ISON"),
    "P4": ("CO-DIJIN", "agency"),
    "X1": ("MX-FGR", "all"),
    "Q1": ("PA-SENAFRONT", "agencies:CO-DIJIN"),
}
VICTIMS = {"P3"}


def username(agency: str, role: str) -> str:
    return f"{agency.lower()}-{role}"


@dataclass
class World:
    engine: Engine
    client: TestClient
    settings: ServerSettings
    secrets: dict[str, str] = field(default_factory=dict)  # admin user -> TOTP secret

    def login(self, user: str, kind: str = "bearer", code: str | None = None) -> dict[str, str]:
        body = {"username": user, "password": PASSWORD, "kind": kind}
        if code is None and user in self.secrets:
            code = totp.code_at(self.secrets[user], time.time())
        if code:
            body["code"] = code
        response = self.client.post("/api/v1/auth/login", json=body)
        assert response.status_code == 200, response.text
        return response.json()

    def headers(self, user: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.login(user)['token']}"}


def build_world(engine: Engine, tmp: Path, **settings: object) -> World:
    with engine.begin() as conn:
        for code, (country, networks) in AGENCIES.items():
            upsert_agency(conn, code, country, code)
            for network in networks:
                conn.execute(network_members.insert().values(network=network, agency=code))
    for code, files in SUBMISSIONS.items():
        report = ingest(engine, write(tmp / code, files), loaded_by="test")
        assert report.ok, report.errors
    world_secrets: dict[str, str] = {}
    with engine.begin() as conn:
        for code in AGENCIES:
            for role in ROLES:
                create_user(conn, username(code, role), code, [role], PASSWORD)
            secret = totp.new_secret()
            conn.execute(
                update(users)
                .where(users.c.username == username(code, "admin"))
                .values(totp_secret=secret, totp_enabled=True)
            )
            world_secrets[username(code, "admin")] = secret
    config = ServerSettings(
        database_url=engine.url.render_as_string(hide_password=False),
        key_dir=tmp / "keys",
        secure_cookies=False,
        **settings,  # type: ignore[arg-type]
    )
    client = TestClient(create_app(config, engine=engine))
    return World(engine, client, config, world_secrets)
