"""Submissions uploaded through the API: the same all-or-nothing ingest as the CLI.

The files go to a fresh private folder under names the server chooses (the template
each file claims to be, checked against the model), never under a path the client
sends; the total size is capped; the agency is the uploader's own, whatever the files
say; and the load report comes back as it would on the command line.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, UploadFile
from starlette.concurrency import run_in_threadpool

from turquesa.i18n import N_
from turquesa.ingest.loader import ingest
from turquesa.model import load_model
from turquesa.server.endpoint import ApiError, Ctx
from turquesa.server.journal import note
from turquesa.server.name_search import refresh

router = APIRouter(tags=["uploads"])

ALLOWED_SUFFIXES = (".csv", ".xlsx", ".json", ".jsonl")
UPLOAD_ROLES = ("investigator", "prosecutor", "analyst", "admin")
_SAFE_STEM = re.compile(r"^[a-z_]{2,40}$")


@router.post("/submissions", status_code=201, responses={400: {}, 413: {}, 422: {}})
async def upload(files: list[UploadFile], ctx: Ctx) -> dict[str, Any]:
    """Load one submission: the exchange templates as separate files (`persons.csv`,
    `cases.csv`…) or one `.xlsx` with a sheet per template. All of it loads, or none."""
    if not ctx.viewer.has(*UPLOAD_ROLES):
        raise ApiError(403, "forbidden", N_("your role cannot load submissions"))
    templates = set(load_model().templates)
    limit = ctx.settings.upload_max_bytes
    total = 0
    with tempfile.TemporaryDirectory(prefix="turquesa-upload-") as folder:
        target = Path(folder)
        names: list[str] = []
        for upload_file in files:
            claimed = Path((upload_file.filename or "").replace("\\", "/")).name.lower()
            stem, dot, suffix = claimed.rpartition(".")
            suffix = dot + suffix
            if suffix not in ALLOWED_SUFFIXES or not _SAFE_STEM.match(stem or ""):
                raise ApiError(
                    422,
                    "invalid_upload",
                    N_("%(name)s is not a template file name"),
                    name=repr(claimed[:60]),
                )
            if suffix != ".xlsx" and stem not in templates:
                raise ApiError(
                    422, "invalid_upload", N_("%(name)s is not an exchange template"), name=stem
                )
            if claimed in names:
                raise ApiError(422, "invalid_upload", N_("%(name)s sent twice"), name=claimed)
            path = target / claimed
            with path.open("wb") as out:
                while chunk := await upload_file.read(1 << 20):
                    total += len(chunk)
                    if total > limit:
                        raise ApiError(
                            413,
                            "too_large",
                            N_("a submission may hold %(bytes)s bytes"),
                            bytes=f"{limit:,}",
                        )
                    out.write(chunk)
            names.append(claimed)
        if not names:
            raise ApiError(422, "invalid_upload", N_("no files"))
        # the ingest runs its own all-or-nothing transaction: end the request's first,
        # so that SQLite's single writer is free for it
        ctx.conn.commit()
        report = await run_in_threadpool(
            ingest, ctx.conn.engine, target, agency=ctx.viewer.agency, loaded_by=ctx.viewer.username
        )
    if report.ok:
        await run_in_threadpool(refresh, ctx.conn.engine)
    body = report.as_dict()
    note(
        ctx.conn,
        ctx.viewer,
        "upload",
        ctx.source,
        target=f"submission:{ctx.viewer.agency}",
        detail={"files": names, "ok": report.ok},
    )
    if not report.ok:
        raise ApiError(422, "refused", _first_error(body))
    return body


def _first_error(body: dict[str, Any]) -> str:
    for issue in body.get("issues", []):
        if issue.get("severity") == "error":
            where = ", ".join(str(issue[k]) for k in ("file", "row", "column") if issue.get(k))
            return f"{where}: {issue['reason']}" if where else str(issue["reason"])
    return "the submission was refused; nothing was loaded"
