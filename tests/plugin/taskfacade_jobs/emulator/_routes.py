"""The jobs service's HTTP routes: bearer auth, strict parameters, then the repo. Every refusal answers the
service's ``{code, message}`` body."""

from __future__ import annotations

import hmac
import json
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route
from taskfacade_emulator._body import parse_json, read_body

from ._repo import STATES, JobsRepo, Refused

__all__ = ["CODE_OF_STATUS", "MAX_BATCH", "MAX_PAGE_SIZE", "JobsApi", "error_body"]

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 50
MAX_BATCH = 50
#: The error code of each status (5xx are all ``INTERNAL``).
CODE_OF_STATUS = {400: "INVALID_ARGUMENT", 401: "UNAUTHENTICATED", 404: "NOT_FOUND", 405: "INVALID_ARGUMENT"}
CODE_OF_STATUS |= {409: "FAILED_PRECONDITION", 413: "INVALID_ARGUMENT", 429: "RESOURCE_EXHAUSTED"}

Handler = Callable[[Request], Awaitable[Response]]


def error_body(
    status: int, message: str, code: str | None = None, headers: Mapping[str, str] | None = None
) -> Response:
    """A ``{code, message}`` error answer."""
    code = code or ("INTERNAL" if status >= 500 else CODE_OF_STATUS.get(status, "UNKNOWN"))
    return JSONResponse({"code": code, "message": message}, status_code=status, headers=headers)


def _ok(body: Any) -> Response:
    return Response(json.dumps(body, separators=(",", ":")), media_type="application/json")


def _bad(message: str) -> Refused:
    return Refused(400, "INVALID_ARGUMENT", message)


class JobsApi:
    """The handlers, bound to one repo and the token the service accepts."""

    def __init__(self, repo: JobsRepo, token: str) -> None:
        self.repo = repo
        self._token = token.encode()

    def routes(self) -> list[BaseRoute]:
        return [
            Route("/v1/jobs", self._endpoint(self.list_jobs), methods=["GET"]),
            Route("/v1/jobs:batchGet", self._endpoint(self.batch_get), methods=["POST"]),
            Route("/v1/jobs/{job_id}", self._endpoint(self.get_job), methods=["GET"]),
            Route("/v1/jobs/{job_id}/cancel", self._endpoint(self.cancel_job), methods=["POST"]),
        ]

    def _endpoint(self, handler: Handler) -> Handler:
        async def endpoint(request: Request) -> Response:
            try:
                self._authenticate(request)
                return await handler(request)
            except Refused as refused:
                return error_body(refused.status, refused.message, refused.code)

        return endpoint

    def _authenticate(self, request: Request) -> None:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise Refused(401, "UNAUTHENTICATED", "an 'Authorization: Bearer <token>' header is required")
        if not hmac.compare_digest(token.encode(), self._token):
            raise Refused(401, "UNAUTHENTICATED", "the bearer token is not valid")

    @staticmethod
    def _only(request: Request, *accepted: str) -> None:
        unknown = sorted(set(request.query_params) - set(accepted))
        if unknown:
            raise _bad(f"unknown query parameter {unknown[0]!r}; accepted: {', '.join(accepted) or 'none'}")

    async def list_jobs(self, request: Request) -> Response:
        self._only(request, "state", "page_size", "page_token")
        query = request.query_params
        state = query.get("state")
        if state is not None and state not in STATES:
            raise _bad(f"state must be one of {', '.join(STATES)}, got {state!r}")
        raw_size = query.get("page_size", str(DEFAULT_PAGE_SIZE))
        if not (raw_size.isascii() and raw_size.isdigit() and 1 <= int(raw_size) <= MAX_PAGE_SIZE):
            raise _bad(f"page_size must be an integer from 1 to {MAX_PAGE_SIZE}, got {raw_size!r}")
        token = query.get("page_token", "o0")
        if not (token.startswith("o") and token[1:].isascii() and token[1:].isdigit() and len(token) < 12):
            raise _bad(f"page_token {token!r} is not a token this service issued")
        jobs, next_offset = self.repo.page(state, int(token[1:]), int(raw_size))
        body: dict[str, Any] = {"jobs": jobs}
        if next_offset is not None:
            body["next_page_token"] = f"o{next_offset}"
        return _ok(body)

    async def get_job(self, request: Request) -> Response:
        self._only(request)
        return _ok(self.repo.get(request.path_params["job_id"]))

    async def cancel_job(self, request: Request) -> Response:
        self._only(request)
        return _ok(self.repo.cancel(request.path_params["job_id"]))

    async def batch_get(self, request: Request) -> Response:
        self._only(request)
        body = parse_json(await read_body(request))
        if not isinstance(body, dict) or set(body) != {"ids"}:
            raise _bad('the body must be {"ids": [...]} and nothing else')
        ids = body["ids"]
        if not isinstance(ids, list) or not 1 <= len(ids) <= MAX_BATCH or not all(isinstance(i, str) for i in ids):
            raise _bad(f"ids must be a list of 1 to {MAX_BATCH} job ids (strings)")
        jobs, not_found = self.repo.get_many(ids)
        return _ok({"jobs": jobs, "not_found": not_found})
