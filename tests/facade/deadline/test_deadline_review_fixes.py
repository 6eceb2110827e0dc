"""Two refusals found in review: odd ``AWS_MAX_ATTEMPTS`` values and a negative search ``StartingToken``."""

from __future__ import annotations

from typing import Any

import pytest
import taskfacade
from deadline_support import deadline_requests, make_client
from taskfacade import deadline
from taskfacade_emulator import Emulator


@pytest.mark.parametrize("value", ["\u00b2", "\u0663", "1000000000000", "0"])
def test_aws_max_attempts_is_refused_by_its_own_name(value: str) -> None:
    environ = {"AWS_MAX_ATTEMPTS": value, "AWS_ACCESS_KEY_ID": "AKIDEMULATOR", "AWS_SECRET_ACCESS_KEY": "secret-value"}
    with pytest.raises(taskfacade.InvalidArgument) as caught:
        deadline.client(endpoint_url="http://127.0.0.1:1", environ=environ)
    assert caught.value.parameter == "AWS_MAX_ATTEMPTS"


def test_a_negative_search_starting_token_is_refused_before_any_request(emu: Emulator, seeded: dict[str, Any]) -> None:
    client = make_client(emu)
    before = deadline_requests(emu)
    pages = client.get_paginator("search_tasks").paginate(
        farmId=seeded["farmId"], queueIds=[seeded["queueId"]], PaginationConfig={"StartingToken": "-5"}
    )
    with pytest.raises(taskfacade.InvalidArgument) as caught:
        list(pages)
    assert caught.value.parameter == "PaginationConfig.StartingToken"
    assert deadline_requests(emu) == before
