"""Member-by-member JSON decoding answers what json.loads answers, and fails where it fails."""

from __future__ import annotations

import json

import httpx
import pytest

from csr_console.api import decoding
from csr_console.api.errors import PayloadError
from csr_console.api.resources.base import OFF_LOOP_BYTES

from .helpers import FakeServer, booking, make_client, run

GOOD = [
    "{}",
    " { } ",
    '{"data":[]}',
    '{"data": [ ] , "hasMore" : false}',
    '{"hasMore":true,"continueFrom":"x","data":[{"id":1,"tags":[1,[2]]},{"id":2}]}',
    '\n{\n  "data": [\n    {"x": 1} ,\n    {"y": [2, {"z": null}]}\n  ]\n}\n',
    '{"a":1,"a":[2]}',  # the last of a repeated name wins, as in json.loads
    '{"a":[NaN, -Infinity], "b": "\\u00e9\\ud83d\\ude00"}',
    "[1, 2]",
    '"text"',
    "3.5",
    "null",
]
BAD = [
    "",
    "   ",
    "{",
    '{"data":[1',
    '{"data":[1,]}',
    '{"data":[1 2]}',
    '{"data":[]]}',
    '{"a" 1}',
    "{a:1}",
    '{"a":1,}',
    '{"a":1 "b":2}',
    "{,}",
    '{"a":1} x',
]


@pytest.mark.parametrize("text", GOOD)
def test_answers_what_json_loads_answers(text: str) -> None:
    for body in (text, text.encode(), text.encode("utf-16"), b"\xef\xbb\xbf" + text.encode()):
        assert repr(decoding.loads(body)) == repr(json.loads(body))  # repr: NaN != NaN


@pytest.mark.parametrize("text", BAD)
def test_fails_where_json_loads_fails(text: str) -> None:
    with pytest.raises(json.JSONDecodeError):
        json.loads(text)
    with pytest.raises(json.JSONDecodeError):
        decoding.loads(text)


def test_undecodable_bytes_are_a_value_error() -> None:
    with pytest.raises(ValueError):
        decoding.loads(b'{"a":"\xff"}')


def test_a_big_page_decoded_off_the_loop_reads_like_a_small_one() -> None:
    big = [booking(id=i, summary="x" * 400, active=True) for i in range(1, 400)]
    answers = iter(
        [
            httpx.Response(200, json={"hasMore": False, "continueFrom": "c1", "data": big}),
            httpx.Response(200, content=b"<html>" + b" " * OFF_LOOP_BYTES + b"</html>"),
        ]
    )
    server = FakeServer(lambda r: next(answers))
    client, _ = make_client(server)

    async def scenario() -> None:
        async with client:
            batch = await client.crm.bookings.export.fetch()
            assert [b.id for b in batch.items] == [b["id"] for b in big]
            with pytest.raises(PayloadError, match="non-JSON"):
                await client.crm.bookings.export.fetch()

    assert len(json.dumps(big)) > OFF_LOOP_BYTES
    run(scenario())
