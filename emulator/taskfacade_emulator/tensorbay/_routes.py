"""TensorBay's HTTP routes: ``X-Token`` auth on every route, parameter validation, then the repo or a verb.

Unknown query parameters are refused (400), so a client's misspelt parameter fails in tests instead of being
silently ignored. Every refusal (auth, bad parameter, unknown id, a verb the job's state forbids, a method the
path does not have) answers TensorBay's ``{code, message}`` body with the status its SDK expects for that code.
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable, Mapping

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from .._body import read_body
from . import _params as params
from ._repo import Repo
from ._verbs import Verbs
from ._wire import DRAFT_STATUSES, JOB_STATUSES, PREFIX, ApiError, error_body, ok, ok_empty

Handler = Callable[[Request], Awaitable[Response]]
#: Every path accepts every method, so an unsupported one gets TensorBay's error body, not Starlette's text.
ALL_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "QUERY"]


class Api:
    """The handlers, bound to one service's repo, verbs and access key."""

    def __init__(self, repo: Repo, verbs: Verbs, access_key: str) -> None:
        self.repo = repo
        self.verbs = verbs
        self._access_key = access_key.encode()

    def routes(self) -> list[BaseRoute]:
        jobs = f"{PREFIX}/datasets/{{dataset_id}}/jobs"
        table: dict[str, dict[str, Handler]] = {
            f"{PREFIX}/datasets": {"GET": self.list_datasets},
            f"{PREFIX}/datasets/{{dataset_id}}": {"GET": self.get_dataset},
            f"{PREFIX}/datasets/{{dataset_id}}/drafts": {"GET": self.list_drafts},
            jobs: {"GET": self.list_jobs, "POST": self.create_job},
            f"{jobs}/{{job_id}}": {"GET": self.get_job, "DELETE": self.delete_job},
            f"{jobs}/{{job_id}}/abort": {"POST": self.abort_job},
            f"{jobs}/{{job_id}}/retry": {"POST": self.retry_job},
            f"{PREFIX}/searchResults/{{job_id}}/datasets": {"POST": self.dataset_from_search},
        }
        return [Route(path, self._endpoint(handlers), methods=ALL_METHODS) for path, handlers in table.items()]

    def _endpoint(self, handlers: Mapping[str, Handler]) -> Handler:
        allowed = ", ".join(sorted(handlers))

        async def endpoint(request: Request) -> Response:
            try:
                self._authenticate(request)
                handler = handlers.get("GET" if request.method == "HEAD" else request.method)
                if handler is None:
                    raise ApiError(405, f"method {request.method} is not allowed here; allowed: {allowed}")
                return await handler(request)
            except ApiError as error:
                headers = {"Allow": allowed} if error.status == 405 else None
                return error_body(error.status, error.message, code=error.code, headers=headers)

        return endpoint

    def _authenticate(self, request: Request) -> None:
        token = request.headers.get("x-token")
        if not token:
            raise ApiError(401, "the X-Token header with your access key is required")
        if not hmac.compare_digest(token.encode(), self._access_key):
            raise ApiError(401, "the access key in X-Token is not valid")

    @staticmethod
    def _job_type_only(request: Request) -> str:
        params.only(request.query_params, "jobType")
        return params.job_type(request.query_params)

    # handlers -------------------------------------------------------------------------------------------------

    async def list_datasets(self, request: Request) -> Response:
        query = request.query_params
        params.only(query, "name", "offset", "limit")
        name = query.get("name") or None
        return ok(self.repo.list_datasets(name, params.page(query)))

    async def get_dataset(self, request: Request) -> Response:
        params.only(request.query_params)
        return ok(self.repo.get_dataset(request.path_params["dataset_id"]))

    async def list_drafts(self, request: Request) -> Response:
        query = request.query_params
        params.only(query, "status", "branchName", "offset", "limit")
        page = params.page(query)
        status = params.choice(query, "status", (*DRAFT_STATUSES, "ALL"))
        branch = query.get("branchName") or None
        draft_status = None if status == "ALL" else status
        return ok(self.repo.list_drafts(request.path_params["dataset_id"], draft_status, branch, page))

    async def list_jobs(self, request: Request) -> Response:
        query = request.query_params
        params.only(query, "jobType", "status", "offset", "limit")
        job_type = params.job_type(query)
        status = params.choice(query, "status", JOB_STATUSES)
        page = params.page(query)
        return ok(self.repo.list_jobs(request.path_params["dataset_id"], job_type, status, page))

    async def create_job(self, request: Request) -> Response:
        params.only(request.query_params)
        dataset_id = request.path_params["dataset_id"]
        self.repo.dataset_row(dataset_id)
        job = params.new_job(params.json_object(await read_body(request)))
        return ok(self.repo.create_job(dataset_id, job))

    async def get_job(self, request: Request) -> Response:
        job_type = self._job_type_only(request)
        return ok(self.repo.get_job(request.path_params["dataset_id"], request.path_params["job_id"], job_type))

    async def delete_job(self, request: Request) -> Response:
        job_type = self._job_type_only(request)
        self.verbs.delete(request.path_params["dataset_id"], request.path_params["job_id"], job_type)
        return ok_empty()

    async def abort_job(self, request: Request) -> Response:
        job_type = self._job_type_only(request)
        dataset_id, job_id = request.path_params["dataset_id"], request.path_params["job_id"]
        self.verbs.abort(dataset_id, job_id, job_type, request.headers.get("x-request-id"))
        return ok_empty()

    async def retry_job(self, request: Request) -> Response:
        job_type = self._job_type_only(request)
        dataset_id, job_id = request.path_params["dataset_id"], request.path_params["job_id"]
        self.verbs.retry(dataset_id, job_id, job_type, request.headers.get("x-request-id"))
        return ok_empty()

    async def dataset_from_search(self, request: Request) -> Response:
        params.only(request.query_params)
        new = params.new_dataset(params.json_object(await read_body(request)))
        self.verbs.dataset_from_search(request.path_params["job_id"], new)
        return ok_empty()
