"""The LLM client against a real HTTP server on 127.0.0.1: retries, Retry-After, timeouts,
malformed and truncated answers, JSON repair, the cache, limits and the abort threshold."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from variantgen.llm.cache import DATABASE, ResponseCache
from variantgen.llm.client import LLMClient, retry_after
from variantgen.llm.config import LLMConfig, load_config
from variantgen.llm.errors import CallFailed, RunAborted
from variantgen.llm.http import lean_transport_applies
from variantgen.llm.limits import RateLimiter
from variantgen.llm.structured import StructuredError, extract_json, object_schema, schema_errors
from variantgen.llm.testing import ChatServer, Scripted, fixed

SCHEMA = object_schema({"question": {"type": "string", "minLength": 1}}, "rewrite")
GOOD = json.dumps({"question": "A crew measures AB = 5."})
ASK = [{"role": "user", "content": "Rewrite: AB = 5."}]


def scripted(*replies: Scripted) -> Iterator[Scripted]:
    """Replies in order, then good answers."""
    yield from replies
    while True:
        yield Scripted(content=GOOD)


def client_for(server: ChatServer, tmp_path: Path, **settings: object) -> LLMClient:
    defaults = {"backoff_base": 0.01, "backoff_max": 0.05, "timeout": 1.0, "cache_dir": str(tmp_path / "cache")}
    return LLMClient(LLMConfig(base_url=server.base_url, model="test-model", **{**defaults, **settings}))


def ask(client: LLMClient, content: str = "Rewrite: AB = 5.") -> dict:
    reply = client.complete([{"role": "user", "content": content}], template_hash="t1", response_format=SCHEMA)
    return reply.data


def test_good_answer_sends_json_schema_and_counts_tokens(tmp_path: Path) -> None:
    with ChatServer(fixed(GOOD)) as server:
        client = client_for(server, tmp_path)
        assert ask(client) == {"question": "A crew measures AB = 5."}
        client.close()
    request = server.requests[0]
    assert request["model"] == "test-model"
    assert request["response_format"]["type"] == "json_schema"
    assert request["response_format"]["json_schema"]["schema"]["required"] == ["question"]
    assert client.usage.requests == 1 and client.usage.prompt_tokens > 0 and client.usage.completion_tokens > 0


def test_429_waits_for_retry_after(tmp_path: Path) -> None:
    replies = scripted(Scripted(status=429, headers={"Retry-After": "0.6"}))
    with ChatServer(lambda request: next(replies)) as server:
        client = client_for(server, tmp_path)
        start = time.monotonic()
        ask(client)
        waited = time.monotonic() - start
        client.close()
    assert waited >= 0.6  # backoff alone would be at most 0.05 s
    assert client.usage.retries == 1 and client.usage.requests == 2


@pytest.mark.parametrize(
    "failure",
    [
        Scripted(status=500),
        Scripted(status=503, headers={"retry-after-ms": "20"}),
        Scripted(hang=True),
        Scripted(body=b'{"id": "x", "choices": [{"mess'),
        Scripted(content=GOOD, truncate_body=True),
    ],
    ids=["500", "503-retry-after-ms", "timeout", "malformed-body", "truncated-body"],
)
def test_transient_failures_are_retried(tmp_path: Path, failure: Scripted) -> None:
    replies = scripted(failure, failure)
    with ChatServer(lambda request: next(replies)) as server:
        client = client_for(server, tmp_path, timeout=0.5)
        assert ask(client)["question"].startswith("A crew")
        client.close()
    assert client.usage.retries == 2 and client.usage.failed_calls == 0


def test_retries_exhausted_fail_the_call_with_the_reason(tmp_path: Path) -> None:
    with ChatServer(lambda request: Scripted(status=500)) as server:
        client = client_for(server, tmp_path, retries=2, abort_min_calls=100)
        with pytest.raises(CallFailed, match="gave up after 3 tries: HTTP 500"):
            ask(client)
        client.close()
    assert len(server.requests) == 3 and client.usage.failed_calls == 1


@pytest.mark.parametrize(
    ("bad", "feedback"),
    [
        (Scripted(content='{"question": "A crew meas', finish_reason="length"), "cut off"),
        (Scripted(content="Here is your rewrite: A crew measures AB = 5."), "no JSON object"),
        (Scripted(content='{"text": "A crew measures AB = 5."}'), "lacks the field 'question'"),
    ],
    ids=["truncated-json", "prose", "wrong-field"],
)
def test_unusable_json_is_repaired_with_feedback(tmp_path: Path, bad: Scripted, feedback: str) -> None:
    replies = scripted(bad)
    with ChatServer(lambda request: next(replies)) as server:
        client = client_for(server, tmp_path)
        assert ask(client)["question"] == "A crew measures AB = 5."
        client.close()
    repair = server.requests[1]["messages"]
    assert repair[-2] == {"role": "assistant", "content": bad.content}
    assert feedback in repair[-1]["content"]
    assert client.usage.repairs == 1


def test_servers_without_json_schema_get_plain_requests(tmp_path: Path) -> None:
    def responder(request: dict) -> Scripted:
        if "response_format" in request:
            return Scripted(status=400, error="response_format is not supported")
        return Scripted(content=f"```json\n{GOOD}\n```")

    with ChatServer(responder) as server:
        client = client_for(server, tmp_path)
        assert ask(client)["question"].startswith("A crew")
        ask(client, "Rewrite: CD = 7.")
        client.close()
    assert ["response_format" in r for r in server.requests] == [True, False, False]


def test_cache_answers_reruns_and_refresh_asks_again(tmp_path: Path) -> None:
    with ChatServer(fixed(GOOD)) as server:
        first = client_for(server, tmp_path)
        ask(first)
        first.close()
        again = client_for(server, tmp_path)
        assert ask(again)["question"].startswith("A crew")
        assert again.usage.cache_hits == 1 and again.usage.requests == 0
        assert ask(again, "Rewrite: CD = 7.") and again.usage.requests == 1  # another prompt is another key
        again.close()
        refreshed = client_for(server, tmp_path, refresh=True)
        ask(refreshed)
        refreshed.close()
    assert refreshed.usage.requests == 1 and len(server.requests) == 3


def test_error_rate_aborts_the_run_and_refusals_abort_at_once(tmp_path: Path) -> None:
    with ChatServer(lambda request: Scripted(status=500)) as server:
        client = client_for(server, tmp_path, retries=0, abort_min_calls=3, error_rate_abort=0.5)
        for _ in range(2):
            with pytest.raises(CallFailed):
                ask(client)
        with pytest.raises(RunAborted, match="3 of 3 LLM calls failed"):
            ask(client)
        sent = len(server.requests)
        with pytest.raises(RunAborted):
            ask(client, "anything else")
        client.close()
    assert len(server.requests) == sent == 3
    with ChatServer(lambda request: Scripted(status=401, error="bad key")) as server:
        client = client_for(server, tmp_path)
        with pytest.raises(RunAborted, match="HTTP 401"):
            ask(client)
        client.close()
    assert len(server.requests) == 1


def test_concurrency_bounds_requests_in_flight(tmp_path: Path) -> None:
    with ChatServer(fixed(GOOD), delay=0.1) as server:
        client = client_for(server, tmp_path, concurrency=3, refresh=True)

        async def many() -> list:
            return await asyncio.gather(*(client.acomplete(ASK, template_hash=str(i)) for i in range(12)))

        assert len(client.run(many())) == 12
        client.close()
    assert server.max_in_flight == 3


def test_rate_limiter_window() -> None:
    limiter = RateLimiter(rpm=2, tpm=100, clock=lambda: 0.0)
    for _ in range(2):
        asyncio.run(limiter.acquire(10))
    assert limiter._wait_for(10, now=10.0) == 50.0  # a third request waits for the first to leave the window
    limiter = RateLimiter(tpm=100, clock=lambda: 0.0)
    ticket = asyncio.run(limiter.acquire(60))
    assert limiter._wait_for(60, now=1.0) == 59.0  # 60 + 60 tokens > 100
    limiter.settle(ticket, 30)  # the server reported fewer tokens than estimated
    assert limiter._wait_for(60, now=1.0) == 0.0


def test_retry_after_forms() -> None:
    assert retry_after({"retry-after": "2"}) == 2.0
    assert retry_after({"retry-after-ms": "250"}) == 0.25
    assert 0 <= retry_after({"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"}) < 1  # a past date: no wait
    assert retry_after({}) is None


def test_structured_extraction() -> None:
    assert extract_json('Sure:\n```json\n{"a": {"b": 1}}\n```\nDone.') == {"a": {"b": 1}}
    with pytest.raises(StructuredError, match="cut off"):
        extract_json('{"question": "unfinished')
    schema = SCHEMA["json_schema"]["schema"]
    assert schema_errors({"question": ""}, schema) == ["field 'question' must not be empty"]
    errors = schema_errors({"question": 3, "x": 1}, schema)
    assert errors == ["the reply has an unexpected field 'x'", "field 'question' must be a JSON string"]


def test_config_precedence_and_validation(tmp_path: Path) -> None:
    config_file = tmp_path / "llm.toml"
    config_file.write_text(
        '[llm]\nbase_url = "http://file/v1"\nmodel = "file-model"\nrpm = 10\nprices = {input = 1.0, output = 2.0}\n'
    )
    environ = {"VARIANTGEN_LLM_MODEL": "env-model", "VARIANTGEN_LLM_RPM": "20", "VARIANTGEN_LLM_SOLVE_BACK": "false"}
    config = load_config({"rpm": 30, "model": None}, config_file, environ)
    assert (config.base_url, config.model, config.rpm, config.solve_back) == ("http://file/v1", "env-model", 30, False)
    assert config.prices == {"input": 1.0, "output": 2.0}
    assert "sk-" not in json.dumps(config.public())
    with pytest.raises(ValueError, match="needs a model"):
        load_config({"base_url": "http://x/v1"}, environ={})
    with pytest.raises(ValueError, match="VARIANTGEN_LLM_RPM must be a int"):
        load_config({}, environ={"VARIANTGEN_LLM_RPM": "many"})
    config_file.write_text('base_url = "http://x/v1"\nmodle = "typo"\n')
    with pytest.raises(ValueError, match="unknown LLM settings \\['modle'\\]"):
        load_config({}, config_file, {})


@pytest.mark.parametrize(
    "reply",
    [Scripted(content=GOOD, chunked=True), Scripted(content=GOOD, close=True), Scripted(content=GOOD, delay=0.05)],
    ids=["chunked", "connection-close", "keep-alive"],
)
def test_lean_transport_reads_every_framing_and_reuses_connections(tmp_path: Path, reply: Scripted) -> None:
    with ChatServer(lambda request: reply) as server:
        client = client_for(server, tmp_path)
        for index in range(4):
            assert ask(client, f"Rewrite: AB = {index}.")["question"] == "A crew measures AB = 5."
        client.close()
    assert client.usage.retries == 0 and client.usage.requests == 4
    assert server.connections == (4 if reply.close else 1)  # one kept-alive connection unless the server closes it


def test_lean_transport_only_for_plain_http_without_a_proxy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY", "VARIANTGEN_LLM_TRANSPORT"):
        monkeypatch.delenv(name, raising=False)
    assert lean_transport_applies("http://127.0.0.1:8000/v1")
    assert not lean_transport_applies("https://api.openai.com/v1")
    monkeypatch.setenv("HTTP_PROXY", "http://proxy:3128")
    assert not lean_transport_applies("http://gpu-box:8000/v1")
    monkeypatch.setenv("NO_PROXY", "gpu-box")
    assert lean_transport_applies("http://gpu-box:8000/v1")
    monkeypatch.delenv("HTTP_PROXY")
    monkeypatch.setenv("VARIANTGEN_LLM_TRANSPORT", "httpx")  # httpx's own transport, still working
    assert not lean_transport_applies("http://127.0.0.1:8000/v1")
    replies = scripted(Scripted(status=503), Scripted(hang=True))
    with ChatServer(lambda request: next(replies)) as server:
        client = client_for(server, tmp_path, timeout=0.5)
        assert ask(client)["question"].startswith("A crew")
        client.close()
    assert client.usage.retries == 2


def test_cache_is_one_database_shared_live_and_reads_old_per_file_entries(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    first, second = ResponseCache(folder), ResponseCache(folder)
    assert second.get("a" * 40) is None  # opened before the answer exists
    first.put("a" * 40, {"content": "one"})
    assert second.get("a" * 40) == {"content": "one"}  # another instance (or process) sees it at once
    assert (folder / DATABASE).exists() and not list(folder.glob("??/*.json"))
    legacy = first._path("b" * 40)  # an answer cached one file per request by an earlier version
    legacy.parent.mkdir(parents=True)
    legacy.write_text(json.dumps({"content": "old"}))
    assert ResponseCache(folder).get("b" * 40) == {"content": "old"}
    assert ResponseCache(folder, refresh=True).get("a" * 40) is None
    first.close()
    second.close()


@pytest.mark.parametrize(
    "answer",
    [
        b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 11\r\nX-A: 1\r\n\r\nhello world",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\nhello\r\n6\r\n world\r\n0\r\nX-T: 1\r\n\r\n",
        b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nhello world",
    ],
    ids=["interim-then-length", "chunked-with-trailer", "until-close"],
)
def test_lean_transport_parses_answers_arriving_byte_by_byte(answer: bytes) -> None:
    from variantgen.llm.http import _Connection

    class Wire:
        def __init__(self) -> None:
            self.sent = b""

        def write(self, data: bytes) -> None:
            self.sent += data

        def close(self) -> None:
            pass

    async def exchange() -> tuple:
        connection = _Connection()
        connection.connection_made(Wire())  # type: ignore[arg-type]
        task = asyncio.ensure_future(connection.exchange(b"GET / HTTP/1.1\r\n\r\n", 5.0, False))
        await asyncio.sleep(0)
        for index in range(len(answer)):
            connection.data_received(answer[index : index + 1])
        if answer.startswith(b"HTTP/1.0"):
            connection.connection_lost(None)
        return await task

    status, headers, body, reusable = asyncio.run(exchange())
    assert (status, body) == (200, b"hello world")
    assert reusable == (not answer.startswith(b"HTTP/1.0"))


def test_ordered_map_hands_over_what_finished_after_an_abort() -> None:
    from variantgen.llm.run import ordered_map

    def work(index: int) -> int:
        if index == 2:
            time.sleep(0.3)  # the later items finish meanwhile
            raise RunAborted("the endpoint failed too often")
        return index

    yielded = []
    with pytest.raises(RunAborted) as aborted:
        for result in ordered_map(work, range(6), threads=3):
            yielded.append(result)
    assert yielded == [0, 1] and aborted.value.finished == [3, 4, 5]
