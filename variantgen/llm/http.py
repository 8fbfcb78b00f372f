"""A lean HTTP/1.1 transport for the ``openai`` client's httpx, for plain ``http://`` endpoints.

The ``openai`` client sends through httpx, whose default transport (httpcore, h11, anyio) costs
about a millisecond of CPU per request — at 64 requests in flight that CPU, not the server, set
the pace (``benchmarks/llm.py``). Local endpoints (vLLM, SGLang, llama.cpp, the test server)
speak plain HTTP/1.1 on a LAN or loopback; for them this transport writes the request httpx built
(method, path, every header, the body) to a kept-alive asyncio connection and parses the answer
with an ``asyncio.Protocol``: status line, headers, a body framed by Content-Length, chunked
transfer coding or the end of the connection. Everything above it is untouched: the openai
client's request building, errors and status handling, httpx's content decoding (gzip), and
variantgen's retries, limits and cache.

It follows httpx's contract: a connection that cannot be opened raises ``ConnectError`` /
``ConnectTimeout``, a server silent for the read timeout ``ReadTimeout``, a broken or cut-off
answer ``RemoteProtocolError`` — so the openai client maps them to the same ``APIConnectionError``
and ``APITimeoutError`` as before. ``https://`` endpoints, and hosts the environment routes
through a proxy, keep httpx's own transport (``lean_transport_applies``);
``VARIANTGEN_LLM_TRANSPORT=httpx`` turns this one off everywhere.
"""

from __future__ import annotations

import asyncio
import importlib
import os
import urllib.request
from typing import Any

import openai

#: The httpx the installed openai client is built on (``httpx`` for openai 1.x, ``httpx2`` later).
httpx: Any = importlib.import_module(openai.DefaultAsyncHttpxClient.__mro__[1].__module__.split(".")[0])

_NO_BODY_STATUS = {204, 304}
_MAX_HEAD = 64 * 1024


def lean_transport_applies(base_url: str) -> bool:
    """True for a plain-HTTP endpoint reached directly (no proxy from the environment)."""
    if os.environ.get("VARIANTGEN_LLM_TRANSPORT", "").lower() == "httpx" or not base_url.startswith("http://"):
        return False
    host = httpx.URL(base_url).host
    proxies = urllib.request.getproxies_environment()
    if not ({"http", "all"} & set(proxies)):
        return True
    return bool(urllib.request.proxy_bypass_environment(host, proxies))


class _Connection(asyncio.Protocol):
    """One keep-alive connection: ``exchange`` sends a request and waits for the whole answer."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.closed = False
        self._buffer = bytearray()
        self._waiter: asyncio.Future[tuple[int, list[tuple[bytes, bytes]], bytes, bool]] | None = None
        self._head: tuple[int, list[tuple[bytes, bytes]], bool] | None = None
        self._length: int | None = None  # bytes of body expected; None: chunked or to the end
        self._chunked = False
        self._chunks = bytearray()
        self._no_body = False
        self._activity = 0.0
        self._timer: asyncio.TimerHandle | None = None

    # -- asyncio callbacks -----------------------------------------------------------------
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        waiter = self._waiter
        if waiter is None or waiter.done():
            return
        if self._head is not None and self._length is None and not self._chunked:
            self._finish(bytes(self._buffer), reusable=False)  # a body framed by the end of the connection
        else:
            waiter.set_exception(httpx.RemoteProtocolError("the server closed the connection before the answer was complete"))

    def data_received(self, data: bytes) -> None:
        self._buffer += data
        waiter = self._waiter
        if waiter is None or waiter.done():
            return
        self._activity = waiter.get_loop().time()
        try:
            self._parse()
        except (ValueError, IndexError) as exc:
            waiter.set_exception(httpx.RemoteProtocolError(f"malformed HTTP answer: {exc}"))
            self.close()

    # -- parsing ---------------------------------------------------------------------------
    def _parse(self) -> None:
        while self._head is None:
            end = self._buffer.find(b"\r\n\r\n")
            if end < 0:
                if len(self._buffer) > _MAX_HEAD:
                    raise ValueError("the header section is too long")
                return
            lines = bytes(self._buffer[:end]).split(b"\r\n")
            del self._buffer[: end + 4]
            version, status_text = lines[0].split(b" ", 2)[:2]
            if not version.startswith(b"HTTP/1."):
                raise ValueError(f"unexpected status line {lines[0][:80]!r}")
            status = int(status_text)
            if 100 <= status < 200:
                continue  # an interim answer (100 Continue): the real one follows
            headers = []
            length = None
            chunked = False
            keep_alive = version == b"HTTP/1.1"
            for line in lines[1:]:
                name, sep, value = line.partition(b":")
                if not sep:
                    raise ValueError(f"malformed header line {line[:80]!r}")
                name, value = name.strip(), value.strip()
                headers.append((name, value))
                lower = name.lower()
                if lower == b"content-length":
                    length = int(value)
                    if length < 0:
                        raise ValueError("negative Content-Length")
                elif lower == b"transfer-encoding":
                    chunked = value.lower().endswith(b"chunked")
                elif lower == b"connection":
                    tokens = {t.strip() for t in value.lower().split(b",")}
                    keep_alive = (keep_alive and b"close" not in tokens) or b"keep-alive" in tokens
            self._head = (status, headers, keep_alive)
            self._chunked = chunked
            if self._no_body or status in _NO_BODY_STATUS:
                self._length = 0
            else:
                self._length = None if chunked else length
        if self._chunked:
            self._parse_chunks()
        elif self._length is not None and len(self._buffer) >= self._length:
            body = bytes(self._buffer[: self._length])
            del self._buffer[: self._length]
            self._finish(body, reusable=self._head[2] and not self._buffer)

    def _parse_chunks(self) -> None:
        buffer = self._buffer
        while True:
            end = buffer.find(b"\r\n")
            if end < 0:
                return
            size = int(bytes(buffer[:end]).split(b";", 1)[0].strip(), 16)
            if size == 0:
                trailer_end = buffer.find(b"\r\n\r\n", end)  # the end of the (usually empty) trailers
                if trailer_end < 0:
                    return
                del buffer[: trailer_end + 4]
                assert self._head is not None
                self._finish(bytes(self._chunks), reusable=self._head[2] and not buffer)
                return
            if len(buffer) < end + 2 + size + 2:
                return
            if buffer[end + 2 + size : end + 4 + size] != b"\r\n":
                raise ValueError("a chunk is not followed by CRLF")
            self._chunks += buffer[end + 2 : end + 2 + size]
            del buffer[: end + 4 + size]

    def _finish(self, body: bytes, reusable: bool) -> None:
        assert self._head is not None and self._waiter is not None
        status, headers, _ = self._head
        self._waiter.set_result((status, headers, body, reusable and not self.closed))

    # -- use -------------------------------------------------------------------------------
    async def exchange(
        self, data: bytes, read_timeout: float | None, no_body: bool
    ) -> tuple[int, list[tuple[bytes, bytes]], bytes, bool]:
        """Send ``data`` (a whole request) and return (status, headers, body, reusable)."""
        assert self.transport is not None
        loop = asyncio.get_running_loop()
        self._buffer.clear()
        self._chunks.clear()
        self._head, self._length, self._chunked, self._no_body = None, None, False, no_body
        waiter = self._waiter = loop.create_future()
        self._activity = loop.time()
        self._timer = loop.call_later(read_timeout, self._expire, read_timeout) if read_timeout else None
        try:
            self.transport.write(data)
            return await waiter
        finally:
            self._waiter = None
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None

    def _expire(self, read_timeout: float) -> None:
        """The read timeout: fail the answer when the server has been silent that long."""
        waiter = self._waiter
        if waiter is None or waiter.done():
            return
        loop = waiter.get_loop()
        silent = loop.time() - self._activity
        if silent < read_timeout:
            self._timer = loop.call_later(read_timeout - silent, self._expire, read_timeout)
            return
        waiter.set_exception(httpx.ReadTimeout(f"no answer for {read_timeout:g} s"))
        self.close()

    def close(self) -> None:
        self.closed = True
        if self.transport is not None:
            self.transport.close()


class LeanTransport(httpx.AsyncBaseTransport):  # type: ignore[misc,name-defined]
    """HTTP/1.1 over asyncio with kept-alive connections, one idle pool per host and port."""

    def __init__(self) -> None:
        self._idle: dict[tuple[str, int], list[_Connection]] = {}

    async def handle_async_request(self, request: Any) -> Any:
        url = request.url
        if url.scheme != "http":
            raise httpx.UnsupportedProtocol(f"the lean transport speaks plain http://, not {url.scheme}://")
        timeouts = request.extensions.get("timeout") or {}
        key = (url.host, url.port or 80)
        head = [b"%s %s HTTP/1.1\r\n" % (request.method.encode("ascii"), url.raw_path)]
        head += [b"%s: %s\r\n" % pair for pair in request.headers.raw]
        head.append(b"\r\n")
        body = await request.aread()
        connection = await self._connection(key, timeouts.get("connect"))
        try:
            status, headers, content, reusable = await connection.exchange(
                b"".join(head) + body, timeouts.get("read"), request.method == "HEAD"
            )
        except BaseException:
            connection.close()
            raise
        if reusable:
            self._idle.setdefault(key, []).append(connection)
        else:
            connection.close()
        return httpx.Response(status, headers=headers, stream=httpx.ByteStream(content), request=request)

    async def _connection(self, key: tuple[str, int], connect_timeout: float | None) -> _Connection:
        idle = self._idle.get(key)
        while idle:
            connection = idle.pop()
            if not connection.closed:
                return connection
        loop = asyncio.get_running_loop()
        try:
            _, connection = await asyncio.wait_for(loop.create_connection(_Connection, *key), connect_timeout)
        except asyncio.TimeoutError:
            raise httpx.ConnectTimeout(f"could not connect to {key[0]}:{key[1]} within {connect_timeout:g} s") from None
        except OSError as exc:
            raise httpx.ConnectError(f"could not connect to {key[0]}:{key[1]}: {exc}") from None
        return connection

    async def aclose(self) -> None:
        for connections in self._idle.values():
            for connection in connections:
                connection.close()
        self._idle.clear()
