"""One family of errors for the whole product.

Every layer raises these; the CLI turns them into a message and an exit code, the
API (later) into one JSON envelope, the ingest into a row of its report. Keeping the
family small and shared is what lets an error raised deep in a cleaner reach the
analyst with its file, row and column intact.
"""

from __future__ import annotations


class TurquesaError(Exception):
    """Base of every error Turquesa reports to a person."""

    code = "error"
    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidValue(TurquesaError):
    """One value cannot be read (an impossible date, a country nobody knows).

    Cleaners raise it with the reason only; the ingest adds file, row and column.
    """

    code = "invalid_value"


class InvalidInput(TurquesaError):
    """A whole file or submission is refused (no header, unreadable bytes...).

    `file`, `row` and `column` say where, so that the load report can file the error
    in its columns as well as in the message.
    """

    code = "invalid_input"

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        super().__init__(message)
        self.file = file
        self.row = row
        self.column = column


class InvalidMapping(TurquesaError):
    """A mapping file does not describe a usable mapping."""

    code = "invalid_mapping"


class NotFound(TurquesaError):
    code = "not_found"


class Forbidden(TurquesaError):
    code = "forbidden"


class UsageError(TurquesaError):
    """The command was used wrongly (exit code 2, as exchange/OUTPUTS.md says)."""

    code = "usage"
    exit_code = 2
