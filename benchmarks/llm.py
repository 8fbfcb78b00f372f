"""LLM client throughput against a chat server that adds 300 ms to every request.

    python benchmarks/llm.py [--requests 640] [--concurrency 64] [--delay 0.3]

The server (``variantgen.llm.testing``) runs in its own process, so its CPU does not count
against the client's (it is printed too, on Linux). Requests go through ``LLMClient.complete``
from as many threads as the concurrency — the way ``variantgen expand`` calls it — with a JSON
schema, a fresh cache folder (every request is a miss and is written to disk) and distinct
prompts. The bound is concurrency / delay requests per second; the last line reads
``throughput vs bound: R``. Client and server share the machine's cores: on a busy machine the
ratio drops with the CPU left to them.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

from variantgen.llm.client import LLMClient
from variantgen.llm.config import LLMConfig
from variantgen.llm.structured import object_schema

SCHEMA = object_schema({"question": {"type": "string", "minLength": 1}}, "rewrite")
ANSWER = json.dumps({"question": "A surveying crew has staked out triangle ABC with AB = 5, AC = 8 and ∠BAC = 60°. Find BC."})


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU of process ``pid`` (Linux ``/proc``; None elsewhere)."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=640)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--delay", type=float, default=0.3)
    args = parser.parse_args()
    server = subprocess.Popen(
        [sys.executable, "-m", "variantgen.llm.testing", "--delay", str(args.delay), "--fixed", ANSWER],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        base_url = server.stdout.readline().strip()  # type: ignore[union-attr]
        with tempfile.TemporaryDirectory() as cache:
            config = LLMConfig(base_url=base_url, model="bench", concurrency=args.concurrency, cache_dir=cache, timeout=30)
            client = LLMClient(config)

            def call(index: int) -> None:
                prompt = [{"role": "user", "content": f"Rewrite problem {index}: In triangle ABC, AB = 5. Find BC."}]
                reply = client.complete(prompt, template_hash="bench", response_format=SCHEMA)
                assert reply.data is not None

            call(-1)  # warm up: start the loop thread and open a connection
            server0 = cpu_seconds(server.pid)
            cpu0, wall0 = time.process_time(), time.perf_counter()
            with ThreadPoolExecutor(args.concurrency) as pool:
                list(pool.map(call, range(args.requests)))
            wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
            server1 = cpu_seconds(server.pid)
            client.close()
    finally:
        server.terminate()
        server.wait()
    throughput = args.requests / wall
    bound = args.concurrency / args.delay
    print(f"{args.requests} requests, concurrency {args.concurrency}, server delay {args.delay * 1000:.0f} ms")
    print(f"wall {wall:.2f} s (ideal {args.requests / bound:.2f} s), {throughput:.1f} requests/s, bound {bound:.1f} requests/s")
    print(f"client CPU time per request: {cpu / args.requests * 1000:.2f} ms (retries {client.usage.retries})")
    if server0 is not None and server1 is not None:
        print(f"server CPU time per request: {(server1 - server0) / args.requests * 1000:.2f} ms (test server, own process)")
    print(f"throughput vs bound: {throughput / bound:.3f}")


if __name__ == "__main__":
    main()
