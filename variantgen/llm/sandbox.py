"""Run a model-written sympy program in a child process that can compute and nothing else.

The program comes from a language model, so it is treated as untrusted: it runs in a separate
Python (``-I``: no user site, no environment variables read) in an empty temporary folder, under
resource limits (CPU seconds, address space, zero file size), with an audit hook installed after
sympy is imported that refuses sockets, subprocesses, ``fork``/``exec`` and any file opened for
writing. The wall-clock timeout covers what the CPU limit cannot (sleeping). The child reports
the values of the names asked for as sympy strings and 30-digit decimals; the parent reads them
with variantgen's own expression parser, never with ``eval``/``sympify``.
"""

from __future__ import annotations

import functools
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass

_CHILD = r"""
import io, json, os, sys
import sympy
from sympy import *  # the program may use sympy names directly

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
_BLOCKED = ("socket.", "subprocess.", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork", "os.kill",
            "os.remove", "os.unlink", "os.rename", "os.rmdir", "os.mkdir", "os.chmod", "os.chown", "os.truncate",
            "shutil.", "ctypes.", "pty.", "os.link", "os.symlink", "urllib.", "http.", "ftplib.", "smtplib.")

def _guard(event, args):
    if event.startswith(_BLOCKED):
        raise PermissionError(f"sandbox: {event} is not allowed")
    if event == "open" and len(args) > 2:
        mode, flags = args[1], args[2]
        if (isinstance(mode, str) and any(c in mode for c in "wax+")) or (isinstance(flags, int) and flags & _WRITE_FLAGS):
            raise PermissionError("sandbox: writing files is not allowed")

names = json.loads(sys.argv[1])
source = sys.stdin.read()
real_stdout, sys.stdout = sys.stdout, io.StringIO()
sys.addaudithook(_guard)
namespace = {"__name__": "__sandbox__"}
exec("from sympy import *", namespace)
exec(compile(source, "<program>", "exec"), namespace)
values = {}
for name in names:
    if name in namespace:
        value = sympy.sympify(namespace[name])
        values[name] = {"exact": sympy.sstr(sympy.nsimplify(value) if value.is_Float else value),
                        "decimal": str(sympy.N(value, 30))}
real_stdout.write(json.dumps(values))
"""


class SandboxError(Exception):
    """The program failed, was killed by a limit, or broke a rule; ``reason`` is for feedback."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Value:
    """A name's value as the child printed it: an exact sympy string and a 30-digit decimal."""

    exact: str
    decimal: str


def _limits(cpu_seconds: int, memory_mb: int):  # type: ignore[no-untyped-def]
    def apply() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))
        resource.setrlimit(resource.RLIMIT_AS, (memory_mb << 20, memory_mb << 20))
        resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    return apply


@functools.lru_cache(maxsize=256)
def run_program(
    program: str, names: tuple[str, ...] = ("answer",), timeout: float = 20.0, cpu_seconds: int = 10, memory_mb: int = 1024
) -> dict[str, Value]:
    """Values of ``names`` after running ``program`` (cached: a family's corners check the same one).

    Raises SandboxError when the program fails or ``answer`` (the first name) is not defined."""
    with tempfile.TemporaryDirectory(prefix="variantgen-sandbox-") as folder:
        try:
            done = subprocess.run(
                [sys.executable, "-I", "-c", _CHILD, json.dumps(list(names))],
                input=program,
                capture_output=True,
                text=True,
                cwd=folder,
                env={"PATH": "/usr/bin:/bin"},
                timeout=timeout,
                preexec_fn=_limits(cpu_seconds, memory_mb),
            )
        except subprocess.TimeoutExpired:
            raise SandboxError(f"the program did not finish within {timeout:g} s") from None
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or [f"killed by signal {-done.returncode}"])[-1]
        if done.returncode < 0:
            last = f"killed by a resource limit (signal {-done.returncode})"
        raise SandboxError(f"the program failed: {last}")
    try:
        values = {name: Value(**value) for name, value in json.loads(done.stdout).items()}
    except (ValueError, TypeError):
        raise SandboxError("the program's values could not be read back") from None
    if names[0] not in values:
        raise SandboxError(f"the program must assign the result to a variable named {names[0]!r}")
    return values
