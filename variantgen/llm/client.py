"""One shared async OpenAI-compatible client for a whole run, callable from any thread.

Transforms are synchronous and run in worker threads; the ``openai`` async client wants one event
loop. So the client lives on a background event-loop thread, and ``complete`` reads the disk cache
in the calling thread, submits the HTTP exchange to the loop and waits for it. Every request of the
run passes the same gates: the disk cache, a semaphore of ``concurrency`` requests in flight, the
RPM/TPM window, and a retry loop with exponential backoff and full jitter that honours
``Retry-After``. Plain-HTTP endpoints are reached through ``variantgen.llm.http``'s lean transport
under the openai client (a fraction of httpcore's CPU per request). The client counts requests,
tokens and failures; once the share of calls that ended without a usable answer passes
``error_rate_abort``, every further call raises ``RunAborted`` — a BaseException, so it is not
mistaken for one corner's failure and stops the run before the current shard is committed.
"""

from __future__ import annotations

import asyncio
import atexit
import email.utils
import itertools
import json
import logging
import os
import random
import sys
import threading
import time
from collections.abc import Coroutine, Sequence
from dataclasses import asdict, dataclass
from typing import Any, TypeVar

import openai

from variantgen.llm.cache import ResponseCache
from variantgen.llm.config import LLMConfig
from variantgen.llm.errors import CallFailed, RunAborted
from variantgen.llm.http import LeanTransport, httpx, lean_transport_applies
from variantgen.llm.limits import RateLimiter
from variantgen.llm.structured import StructuredError, parse_structured

log = logging.getLogger(__name__)
T = TypeVar("T")

_RETRY_STATUS = {408, 409, 425, 429, 500, 502, 503, 504}
_FATAL = (openai.AuthenticationError, openai.PermissionDeniedError, openai.NotFoundError)
_RETRY_AFTER_CAP = 300.0
_CONNECTIONS_PER_CLIENT = 8


async def _close_all(clients: list[openai.AsyncOpenAI]) -> None:
    await asyncio.gather(*(client.close() for client in clients))


class _Abort(Exception):
    """Raised inside the event loop; turned into RunAborted at the thread boundary."""


@dataclass
class Usage:
    """Counts for the run summary and manifest. ``calls`` are logical requests (one answer
    wanted), ``requests`` the HTTP requests sent for them (retries and repairs included)."""

    calls: int = 0
    cache_hits: int = 0
    requests: int = 0
    retries: int = 0
    repairs: int = 0
    failed_calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cached_prompt_tokens: int = 0
    cached_completion_tokens: int = 0

    def cost(self, prices: dict[str, float] | Any) -> float | None:
        """USD spent, from a price table in USD per million tokens; None without one."""
        if not prices:
            return None
        return (self.prompt_tokens * prices.get("input", 0.0) + self.completion_tokens * prices.get("output", 0.0)) / 1e6

    def to_dict(self, prices: Any = None) -> dict[str, Any]:
        data: dict[str, Any] = asdict(self)
        cost = self.cost(prices)
        if cost is not None:
            data["cost_usd"] = round(cost, 6)
        return data


@dataclass(frozen=True)
class Reply:
    """A usable answer: the text, the parsed object when a schema was asked for, and its origin."""

    content: str
    data: dict[str, Any] | None
    model: str
    cached: bool


def _completion(body: bytes) -> tuple[str, str, dict[str, int]]:
    """The answer's text, model and token counts from a chat.completion body; ValueError,
    KeyError, TypeError or IndexError when the body is not one."""
    data = json.loads(body)
    content = data["choices"][0]["message"].get("content")
    if content is not None and not isinstance(content, str):
        raise TypeError(f"the message content is {type(content).__name__}, not text")
    usage = data.get("usage") or {}
    counts = {name: int(usage.get(name) or 0) for name in ("prompt_tokens", "completion_tokens")}
    model = data.get("model")
    return content or "", model if isinstance(model, str) else "", counts


def retry_after(headers: Any) -> float | None:
    """Seconds the server asked us to wait (``retry-after-ms``, ``Retry-After`` as seconds or date)."""
    if headers is None:
        return None
    millis = headers.get("retry-after-ms")
    try:
        if millis is not None:
            return max(float(millis) / 1000, 0.0)
    except ValueError:
        pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        when = email.utils.parsedate_to_datetime(value) if value else None
        return max(when.timestamp() - time.time(), 0.0) if when else None


class LLMClient:
    """The run's client. ``complete`` is thread-safe; ``acomplete`` runs on the client's loop."""

    def __init__(self, config: LLMConfig) -> None:
        self.config = config
        self.cache = ResponseCache(config.cache_dir, config.refresh)
        self.usage = Usage()
        self._schema_supported = config.json_schema
        self._aborted: str | None = None
        self._lock = threading.Lock()
        self._pid = -1
        self._loop: asyncio.AbstractEventLoop | None = None

    # -- the background loop -------------------------------------------------------------
    def _start(self) -> asyncio.AbstractEventLoop:
        """Start (or, in a forked child, restart) the loop thread and the HTTP client on it."""
        with self._lock:
            if self._loop is None or self._pid != os.getpid():
                loop = asyncio.new_event_loop()
                thread = threading.Thread(target=loop.run_forever, name="variantgen-llm", daemon=True)
                thread.start()
                self._pid, self._loop = os.getpid(), loop
                settings = {"base_url": self.config.base_url, "api_key": self.config.api_key(), "max_retries": 0}
                if lean_transport_applies(self.config.base_url):
                    # Plain HTTP: one client whose transport costs a fraction of httpcore's CPU.
                    http_client = openai.DefaultAsyncHttpxClient(transport=LeanTransport())
                    clients = [openai.AsyncOpenAI(**settings, timeout=self.config.timeout, http_client=http_client)]
                else:
                    # httpx's own transport: several clients, each with a few connections, because
                    # its pool scans all of its connections on every request (quadratic CPU at 64).
                    clients = [
                        openai.AsyncOpenAI(**settings, timeout=self.config.timeout)
                        for _ in range(-(-self.config.concurrency // _CONNECTIONS_PER_CLIENT))
                    ]
                # The absolute URL (openai's base URL always ends in "/") spares two URL parses a request.
                self._clients = [
                    (c, f"{c.base_url}chat/completions" if not c.base_url.query else "/chat/completions") for c in clients
                ]
                self._turn = itertools.count()
                self._semaphore = asyncio.Semaphore(self.config.concurrency)
                self._limiter = RateLimiter(self.config.rpm, self.config.tpm)
                atexit.register(self.close)
            return self._loop

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        """Run a coroutine on the client's loop from any other thread and wait for its result."""
        future = asyncio.run_coroutine_threadsafe(coroutine, self._start())
        try:
            return future.result()
        except _Abort as exc:
            raise RunAborted(str(exc)) from None

    def close(self) -> None:
        """Close the HTTP connections, stop the loop thread and close the cache (safe to call twice)."""
        self.cache.close()
        loop, self._loop = self._loop, None
        if loop is None or self._pid != os.getpid() or not loop.is_running():
            return
        asyncio.run_coroutine_threadsafe(_close_all([client for client, _ in self._clients]), loop).result(timeout=10)
        loop.call_soon_threadsafe(loop.stop)

    # -- calls ---------------------------------------------------------------------------
    def complete(
        self,
        messages: Sequence[dict[str, Any]],
        *,
        template_hash: str,
        response_format: dict[str, Any] | None = None,
        temperature: float | None = None,
    ) -> Reply:
        """Ask once (cached): the reply, parsed and schema-checked when ``response_format`` is given.

        Raises CallFailed when no usable answer came, RunAborted when the run must stop. The cache
        is read and written in the calling thread; only the HTTP exchange runs on the loop."""
        if self._aborted:
            raise RunAborted(self._aborted)
        messages = list(messages)
        params = self._params(response_format, temperature)
        key = ResponseCache.key(self.config.model, template_hash, messages, params)
        reply = self._lookup(key, response_format)
        if reply is None:
            reply, spent = self.run(self._fetch(messages, params, response_format))
            self._store(key, reply, spent)
        return reply

    async def acomplete(
        self,
        messages: Sequence[dict[str, Any]],
        *,
        template_hash: str,
        response_format: dict[str, Any] | None = None,
        temperature: float | None = None,
    ) -> Reply:
        """``complete`` for coroutines running on the client's loop (``client.run(...)``)."""
        self._start()
        if self._aborted:
            raise _Abort(self._aborted)
        messages = list(messages)
        params = self._params(response_format, temperature)
        key = ResponseCache.key(self.config.model, template_hash, messages, params)
        reply = self._lookup(key, response_format)
        if reply is None:
            reply, spent = await self._fetch(messages, params, response_format)
            self._store(key, reply, spent)
        return reply

    def _params(self, response_format: dict[str, Any] | None, temperature: float | None) -> dict[str, Any]:
        return {
            "temperature": self.config.temperature if temperature is None else temperature,
            "max_tokens": self.config.max_tokens,
            "response_format": response_format,
        }

    def _lookup(self, key: str, response_format: dict[str, Any] | None) -> Reply | None:
        """Count the call; the cached reply when there is a usable one."""
        with self._lock:
            self.usage.calls += 1
        stored = self.cache.get(key)
        if stored is None:
            return None
        try:
            data = parse_structured(stored["content"], response_format) if response_format else None
        except StructuredError:
            return None  # an entry that no longer parses (schema changed) is asked again
        with self._lock:
            self.usage.cache_hits += 1
            self.usage.cached_prompt_tokens += stored.get("prompt_tokens", 0)
            self.usage.cached_completion_tokens += stored.get("completion_tokens", 0)
        return Reply(stored["content"], data, stored.get("model", self.config.model), True)

    def _store(self, key: str, reply: Reply, spent: dict[str, int]) -> None:
        self.cache.put(key, {"content": reply.content, "model": reply.model, **spent})

    async def _fetch(
        self, messages: list[dict[str, Any]], params: dict[str, Any], response_format: dict[str, Any] | None
    ) -> tuple[Reply, dict[str, int]]:
        try:
            return await self._ask(messages, params, response_format)
        except CallFailed:
            self._count_failure()
            raise

    async def _ask(
        self, messages: list[dict[str, Any]], params: dict[str, Any], response_format: dict[str, Any] | None
    ) -> tuple[Reply, dict[str, int]]:
        """Send, and when the reply is not the object asked for, tell the model what was wrong."""
        spent = {"prompt_tokens": 0, "completion_tokens": 0}
        problem = ""
        for repair in range(self.config.attempts):
            content, model, usage = await self._send(messages, params, response_format)
            for name in spent:
                spent[name] += usage.get(name, 0)
            if response_format is None:
                return Reply(content, None, model, False), spent
            try:
                return Reply(content, parse_structured(content, response_format), model, False), spent
            except StructuredError as exc:
                problem = str(exc)
            if repair + 1 < self.config.attempts:
                with self._lock:
                    self.usage.repairs += 1
                messages = [
                    *messages,
                    {"role": "assistant", "content": content},
                    {"role": "user", "content": f"That reply cannot be used: {problem}. Reply again with only the JSON object."},
                ]
        raise CallFailed(f"no valid JSON after {self.config.attempts} replies: {problem}")

    async def _send(
        self, messages: list[dict[str, Any]], params: dict[str, Any], response_format: dict[str, Any] | None
    ) -> tuple[str, str, dict[str, int]]:
        """One answer over HTTP, retrying what can succeed on a second try."""
        reason = ""
        estimate = sum(len(str(m.get("content", ""))) for m in messages) // 4 + self.config.max_tokens
        for attempt in range(self.config.retries + 1):
            if self._aborted:
                raise _Abort(self._aborted)
            wait: float | None = None
            try:
                async with self._semaphore:
                    ticket = await self._limiter.acquire(estimate)
                    with self._lock:
                        self.usage.requests += 1
                    body = await self._post(self._request(messages, params, response_format))
                content, model, usage = _completion(body)
                self._limiter.settle(ticket, usage["prompt_tokens"] + usage["completion_tokens"] or estimate)
                with self._lock:
                    self.usage.prompt_tokens += usage["prompt_tokens"]
                    self.usage.completion_tokens += usage["completion_tokens"]
                return content, model or self.config.model, usage
            except openai.BadRequestError as exc:
                if response_format is not None and self._schema_supported:
                    log.warning("endpoint rejected response_format json_schema (%s); using JSON extraction", exc.message)
                    self._schema_supported = False
                    reason = f"HTTP 400: {exc.message}"
                    wait = 0.0
                else:
                    raise CallFailed(f"the endpoint rejected the request: HTTP 400: {exc.message}") from None
            except _FATAL as exc:
                self._abort(
                    f"the endpoint refuses the request (HTTP {exc.status_code}: {exc.message}); check the URL, model and key"
                )
            except openai.APIStatusError as exc:
                if exc.status_code not in _RETRY_STATUS:
                    raise CallFailed(f"HTTP {exc.status_code}: {exc.message}") from None
                reason, wait = f"HTTP {exc.status_code}", retry_after(exc.response.headers)
            except (openai.APITimeoutError, asyncio.TimeoutError):
                reason = f"no answer within {self.config.timeout:g} s"
            except openai.APIConnectionError as exc:
                reason = f"connection failed: {exc.__cause__ or exc}"
            except (ValueError, TypeError, AttributeError, IndexError, KeyError) as exc:  # a 200 whose body is not a completion
                reason = f"malformed response: {type(exc).__name__}: {exc}"
            if attempt < self.config.retries:
                with self._lock:
                    self.usage.retries += 1
                await asyncio.sleep(self._delay(attempt, wait))
        raise CallFailed(f"gave up after {self.config.retries + 1} tries: {reason}")

    async def _post(self, request: dict[str, Any]) -> bytes:
        """One POST /chat/completions through the openai client's generic ``post``: its HTTP, error
        and status handling as in ``chat.completions.create``, without re-validating our own request
        dict (~2 ms of CPU) or building a pydantic ChatCompletion from the answer (~0.3 ms); the
        body comes back raw and ``_completion`` reads the three fields used."""
        client, path = self._clients[next(self._turn) % len(self._clients)]
        post = client.post(path, body=request, cast_to=httpx.Response)
        if sys.version_info >= (3, 11):
            async with asyncio.timeout(self.config.timeout + 5):  # a guard above the HTTP timeouts
                response = await post
        else:  # pragma: no cover - Python 3.10
            response = await asyncio.wait_for(post, timeout=self.config.timeout + 5)
        return response.content  # type: ignore[no-any-return]

    def _request(
        self, messages: list[dict[str, Any]], params: dict[str, Any], response_format: dict[str, Any] | None
    ) -> dict[str, Any]:
        request = {"model": self.config.model, "messages": messages, **params}
        if response_format is None or not self._schema_supported:
            request.pop("response_format")
        return request

    def _delay(self, attempt: int, asked: float | None) -> float:
        """Exponential backoff with full jitter, or what the server asked for plus a little jitter."""
        if asked is not None:
            return min(asked, _RETRY_AFTER_CAP) * random.uniform(1.0, 1.1)
        return random.uniform(0, min(self.config.backoff_max, self.config.backoff_base * 2**attempt))

    def _count_failure(self) -> None:
        with self._lock:
            self.usage.failed_calls += 1
            asked = self.usage.calls - self.usage.cache_hits
            rate = self.usage.failed_calls / max(asked, 1)
            if asked >= self.config.abort_min_calls and rate > self.config.error_rate_abort:
                self._aborted = (
                    f"{self.usage.failed_calls} of {asked} LLM calls failed ({rate:.0%} > "
                    f"{self.config.error_rate_abort:.0%}); stopping the run, finished shards are kept"
                )
        if self._aborted:
            raise _Abort(self._aborted)

    def _abort(self, reason: str) -> None:
        self._aborted = reason
        raise _Abort(reason)

    def summary(self) -> dict[str, Any]:
        """Usage and the (key-free) settings, for the manifest."""
        return {"model": self.config.model, "base_url": self.config.base_url, "usage": self.usage.to_dict(self.config.prices)}
