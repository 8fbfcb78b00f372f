"""A real OpenAI-compatible chat-completions server on 127.0.0.1, scripted per request.

Tests and the benchmark point the real ``openai`` client at it, so retries, timeouts, rate
limits and JSON repair are exercised over actual HTTP/1.1 with keep-alive, not mocked. A
*responder* maps each request body to a ``Scripted`` reply: a good answer, an HTTP error with
headers, a delay, a hang, a malformed or truncated body. ``Faults`` wraps a responder and breaks
a share of requests in mixed ways; ``TemplateModel`` answers variantgen's own prompt templates
well enough for end-to-end runs (it reads the tagged problem and answer out of the prompt).

Run ``python -m variantgen.llm.testing --delay 0.3`` to serve one on a free port (it prints the
base URL), e.g. to try ``variantgen expand --llm-base-url`` without a model.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import sympy

from variantgen.answers import parse_answer


@dataclass
class Scripted:
    """What the server does with one request.

    ``chunked`` sends the body with ``Transfer-Encoding: chunked``; ``close`` answers with
    ``Connection: close`` and closes the connection after the answer."""

    content: str | None = None
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    hang: bool = False
    body: bytes | None = None
    truncate_body: bool = False
    finish_reason: str = "stop"
    error: str = "scripted error"
    chunked: bool = False
    close: bool = False


Responder = Callable[[dict[str, Any]], Scripted]


def completion_body(request: dict[str, Any], reply: Scripted) -> bytes:
    """The JSON body of a chat.completion answering ``request`` with ``reply.content``."""
    prompt = sum(len(str(m.get("content", ""))) for m in request.get("messages", []))
    content = reply.content or ""
    body = {
        "id": f"chatcmpl-{random.getrandbits(48):x}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": request.get("model", "scripted"),
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": reply.finish_reason}],
        "usage": {"prompt_tokens": prompt // 4 + 1, "completion_tokens": len(content) // 4 + 1},
    }
    body["usage"]["total_tokens"] = body["usage"]["prompt_tokens"] + body["usage"]["completion_tokens"]
    return json.dumps(body).encode()


def _error_body(message: str, status: int) -> bytes:
    return json.dumps({"error": {"message": message, "type": "scripted", "code": status}}).encode()


class _Exchange(asyncio.Protocol):
    """One client connection: parse each request, answer it after the delay, keep the connection.

    A plain ``asyncio.Protocol`` with a timer per answer (no task, no stream reader per line): the
    server is test infrastructure that shares the CPU with the client it measures, so it should
    cost as little as possible. Requests on one connection are answered in order."""

    def __init__(self, server: ChatServer) -> None:
        self.server = server
        self.transport: asyncio.Transport | None = None
        self.buffer = bytearray()
        self.waiting: asyncio.TimerHandle | bool | None = None  # the pending answer (True: a hang)

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]
        self.server._exchanges.add(self)
        self.server.connections += 1

    def connection_lost(self, exc: Exception | None) -> None:
        self.server._exchanges.discard(self)
        if self.waiting is not None:
            if isinstance(self.waiting, asyncio.TimerHandle):
                self.waiting.cancel()
            self.waiting = None
            self.server.in_flight -= 1
        self.transport = None

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        self._next()

    def _next(self) -> None:
        """Start on the next complete request in the buffer, unless one is being answered."""
        while self.waiting is None and self.transport is not None:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            lines = bytes(self.buffer[:end]).decode("latin-1").split("\r\n")
            length = 0
            for line in lines[1:]:
                name, _, value = line.partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            if len(self.buffer) < end + 4 + length:
                return
            raw = bytes(self.buffer[end + 4 : end + 4 + length])
            del self.buffer[: end + 4 + length]
            method, path, _ = (lines[0] + "  ").split(" ", 2)
            self._request(method, path.rstrip("/"), raw)

    def _request(self, method: str, path: str, raw: bytes) -> None:
        if method == "GET" and path.endswith("/models"):
            body = json.dumps({"object": "list", "data": [{"id": "scripted", "object": "model"}]}).encode()
            self._write(200, {}, body)
            return
        if method != "POST" or not path.endswith("/chat/completions"):
            self._write(404, {}, _error_body(f"no route {method} {path}", 404))
            return
        try:
            request = json.loads(raw)
        except ValueError as exc:
            self._write(400, {}, _error_body(f"the request body is not JSON: {exc}", 400))
            return
        server = self.server
        server.requests.append(request)
        try:
            reply = server.responder(request)
        except Exception as exc:  # a broken responder answers 500 instead of killing the connection
            self._write(500, {}, _error_body(f"responder failed: {exc!r}", 500))
            return
        server.in_flight += 1
        server.max_in_flight = max(server.max_in_flight, server.in_flight)
        if reply.hang:
            self.waiting = True  # answered never; the connection ends with the server
            return
        self.waiting = server._loop.call_later(server.delay + reply.delay, self._answer, request, reply)

    def _answer(self, request: dict[str, Any], reply: Scripted) -> None:
        self.waiting = None
        self.server.in_flight -= 1
        if self.transport is None:
            return
        if reply.status != 200:
            self._write(reply.status, reply.headers, _error_body(reply.error, reply.status), close=reply.close)
        else:
            body = reply.body if reply.body is not None else completion_body(request, reply)
            if reply.truncate_body:
                self._write(200, reply.headers, body[: len(body) // 2], length=len(body), close=True)
            else:
                self._write(200, reply.headers, body, chunked=reply.chunked, close=reply.close)
        self._next()

    def _write(
        self,
        status: int,
        headers: dict[str, str],
        body: bytes,
        length: int | None = None,
        chunked: bool = False,
        close: bool = False,
    ) -> None:
        assert self.transport is not None
        lines = [f"HTTP/1.1 {status} X", "Content-Type: application/json"]
        if chunked:
            lines.append("Transfer-Encoding: chunked")
            third = max(len(body) // 3, 1)
            parts = [body[i : i + third] for i in range(0, len(body), third)]
            body = b"".join(b"%x;part\r\n%s\r\n" % (len(part), part) for part in parts) + b"0\r\nX-Trailer: 1\r\n\r\n"
        else:
            lines.append(f"Content-Length: {length or len(body)}")
        if close:
            lines.append("Connection: close")
        lines += [f"{k}: {v}" for k, v in headers.items()]
        self.transport.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        if close:
            self.transport.close()
            self.transport = None


class ChatServer:
    """``with ChatServer(responder) as server: server.base_url`` — serves until the block ends.

    ``requests`` lists every chat request body received, in arrival order; ``max_in_flight`` is
    the most requests the server was answering at once (what a concurrency limit must bound);
    ``connections`` counts the connections clients opened. ``delay`` seconds are added to every
    answer, counted from the end of the request."""

    def __init__(self, responder: Responder, delay: float = 0.0, port: int = 0) -> None:
        self.responder = responder
        self.delay = delay
        self.port = port
        self.requests: list[dict[str, Any]] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self.connections = 0
        self._exchanges: set[_Exchange] = set()
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="chat-server", daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def __enter__(self) -> ChatServer:
        self._thread.start()
        self._ready.wait(10)
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        if self._loop.is_running():
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10)

    def _serve(self) -> None:
        asyncio.set_event_loop(self._loop)
        server = self._loop.run_until_complete(
            self._loop.create_server(lambda: _Exchange(self), "127.0.0.1", self.port, backlog=512)
        )
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        self._loop.run_forever()
        server.close()
        for exchange in list(self._exchanges):  # connections still open (hanging replies) end here
            if exchange.transport is not None:
                exchange.transport.close()
        self._loop.run_until_complete(asyncio.sleep(0))
        self._loop.close()


# -- responders ----------------------------------------------------------------------------

FAULTS = ("429", "500", "hang", "malformed-body", "truncated-body", "truncated-json", "prose-only", "changed-numbers")


class Faults:
    """Break ``rate`` of the requests, choosing among ``kinds`` (all of FAULTS by default).

    ``hang`` sleeps past the client's timeout; ``changed-numbers`` returns the good answer with
    its first number altered (the rewrite then loses a given, or the solver's answer is wrong)."""

    def __init__(self, responder: Responder, rate: float = 0.3, kinds: tuple[str, ...] = FAULTS, seed: int = 0) -> None:
        self.responder = responder
        self.rate = rate
        self.kinds = kinds
        self.random = random.Random(seed)
        self.injected: dict[str, int] = {}

    def __call__(self, request: dict[str, Any]) -> Scripted:
        if self.random.random() >= self.rate:
            return self.responder(request)
        kind = self.random.choice(self.kinds)
        self.injected[kind] = self.injected.get(kind, 0) + 1
        if kind == "429":
            return Scripted(status=429, headers={"Retry-After": "0.05"}, error="rate limited")
        if kind == "500":
            return Scripted(status=500, error="internal error")
        if kind == "hang":
            return Scripted(hang=True)
        if kind == "malformed-body":
            return Scripted(body=b'{"id": "x", "choices": [{"message": ')
        if kind == "truncated-body":
            return Scripted(content=self.responder(request).content, truncate_body=True)
        good = self.responder(request).content or ""
        if kind == "truncated-json":
            return Scripted(content=good[: max(len(good) // 2, 1)], finish_reason="length")
        if kind == "prose-only":
            return Scripted(content="Sure! I have rewritten the problem as you asked.")
        return Scripted(content=re.sub(r"\d+", lambda m: str(int(m.group(0)) + 1), good, count=1))


_TAG = r"<{0}>\s*(.*?)\s*</{0}>"


def tagged(text: str, tag: str) -> str | None:
    """The text between ``<tag>`` and ``</tag>`` (the templates delimit their inputs this way)."""
    match = re.search(_TAG.format(tag), text, re.DOTALL)
    return match.group(1) if match else None


class TemplateModel:
    """Answers variantgen's templates like a careful model would, without a model.

    It rewrites by framing the tagged problem in a sentence about the tagged scenario, extends a
    problem by asking for twice its answer (with the calculation of it), and solves
    a problem it has itself written (it remembers the answer each prompt told it)."""

    def __init__(self, answers: dict[str, str] | None = None) -> None:
        self.answers = dict(answers or {})

    def __call__(self, request: dict[str, Any]) -> Scripted:
        prompt = "\n".join(str(m.get("content", "")) for m in request["messages"] if m["role"] != "assistant")
        task = re.search(r"Task: ([\w-]+)", prompt)
        problem, answer = tagged(prompt, "problem") or "", tagged(prompt, "answer")
        name = task.group(1) if task else ""
        if name == "solve":
            return Scripted(content=json.dumps({"reasoning": "worked it out", "answer": self.answers.get(problem, "unknown")}))
        if name == "context-rewrite":
            scenario = tagged(prompt, "scenario") or "A school maths club meets after class to work through problems"
            question = f"{scenario.rstrip('.')}. {problem}"
            if answer is not None:
                self.answers[question] = answer
            return Scripted(content=json.dumps({"scenario": scenario, "question": question}))
        if name == "step-extension" and answer is not None:
            value = parse_answer(answer)
            doubled = sympy.sstr(2 * value)
            question = f"{problem} What is twice that value?"
            self.answers[question] = doubled
            calculation = f"previous = {sympy.sstr(value)}\nanswer = 2*previous"
            reply = {"question": question, "answer": doubled, "knowledge_point": "doubling", "calculation": calculation}
            return Scripted(content=json.dumps(reply))
        return Scripted(status=400, error=f"TemplateModel does not know the task {name!r}")


def fixed(content: str) -> Responder:
    """A responder that always answers ``content``."""
    return lambda request: Scripted(content=content)


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve a scripted chat-completions endpoint on 127.0.0.1.")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--delay", type=float, default=0.0, help="seconds added to every request")
    parser.add_argument("--fault-rate", type=float, default=0.0, help="share of requests broken in mixed ways")
    parser.add_argument("--fixed", help="always answer this content instead of TemplateModel's answers")
    args = parser.parse_args()
    responder: Responder = fixed(args.fixed) if args.fixed is not None else TemplateModel()
    if args.fault_rate:
        responder = Faults(responder, args.fault_rate)
    with ChatServer(responder, delay=args.delay, port=args.port) as server:
        print(server.base_url, flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
