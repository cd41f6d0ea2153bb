"""State shared by the commands of one invocation: the chosen database, opened lazily."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine

from turquesa.storage.engine import database_url, open_database


@dataclass
class AppState:
    db_option: str | None
    _engine: Engine | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return database_url(self.db_option)

    def engine(self) -> Engine:
        """The database, created and migrated on first use (OUTPUTS.md: no separate step)."""
        if self._engine is None:
            self._engine = open_database(self.url)
        return self._engine

    def display_url(self) -> str:
        return self.engine().url.render_as_string(hide_password=True)
