"""Requests-per-minute and tokens-per-minute limits, shared by every request of a client.

A sliding one-minute window: before a request is sent, wait until the requests and tokens sent
in the last 60 s leave room for it. Token counts are estimated before sending (prompt length / 4
plus the completion budget) and corrected with the server's reported usage afterwards, so the
limit follows what the provider actually bills.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque

WINDOW = 60.0


class RateLimiter:
    """``await acquire(tokens)`` returns a ticket; ``settle(ticket, actual)`` corrects its tokens."""

    def __init__(self, rpm: int = 0, tpm: int = 0, clock=time.monotonic) -> None:  # type: ignore[no-untyped-def]
        self.rpm = rpm
        self.tpm = tpm
        self.clock = clock
        self._sent: deque[list[float]] = deque()  # [time, tokens], oldest first
        self._lock = asyncio.Lock()

    def _expire(self, now: float) -> None:
        while self._sent and self._sent[0][0] <= now - WINDOW:
            self._sent.popleft()

    def _wait_for(self, tokens: int, now: float) -> float:
        """Seconds until a request of ``tokens`` fits in the window (0 when it fits now)."""
        self._expire(now)
        wait = 0.0
        if self.rpm and len(self._sent) >= self.rpm:
            wait = self._sent[len(self._sent) - self.rpm][0] + WINDOW - now
        if self.tpm:
            budget = self.tpm - min(tokens, self.tpm)  # one request larger than the limit still goes, alone
            used = sum(entry[1] for entry in self._sent)
            for stamp, spent in self._sent:
                if used <= budget:
                    break
                used -= spent
                wait = max(wait, stamp + WINDOW - now)
        return max(wait, 0.0)

    async def acquire(self, tokens: int) -> list[float]:
        if not (self.rpm or self.tpm):
            return [self.clock(), float(tokens)]
        async with self._lock:  # first come, first served: later requests queue behind
            while (wait := self._wait_for(tokens, self.clock())) > 0:
                await asyncio.sleep(wait)
            ticket = [self.clock(), float(tokens)]
            self._sent.append(ticket)
            return ticket

    @staticmethod
    def settle(ticket: list[float], tokens: int) -> None:
        ticket[1] = float(tokens)
