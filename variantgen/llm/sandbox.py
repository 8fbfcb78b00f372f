"""Run a model-written sympy program in a child process that can compute and nothing else.

The program comes from a language model, so it is treated as untrusted: it runs in a separate
Python (``-I``: no user site, no environment variables read) in an empty temporary folder, under
resource limits (CPU seconds, address space, zero file size), with an audit hook installed after
sympy is imported that refuses sockets, subprocesses, ``fork``/``exec``, any file opened for
writing, ``/proc`` (the process's own memory and descriptors), ``gc`` object walks and further
audit hooks. The wall-clock timeout covers what the CPU limit cannot (sleeping).

The values come back through a channel the program cannot forge. The parent passes two private
pipes: one holding a random 32-byte nonce, read and closed before the program starts, and one for
the result. The nonce and the result pipe live only inside the audit hook's closure, which no name,
frame or module of the child refers to; the hook writes ``nonce + values`` to the pipe only when
the sandbox's own runner asks, from the main thread, on the line after the program has run to its
end — once, and only if the pipe is still the one it was given. Whatever the program prints, to
``sys.__stdout__`` or to any descriptor, is not read as a result; a program that stops early
(``os._exit``, ``sys.exit``, a signal) leaves no result and fails. The parent reads the values
with variantgen's own expression parser, never with ``eval``/``sympify``.

What an audit hook cannot stop is code that reads raw memory (``ctypes``, which sympy imports,
can); the sandbox is a guard against a model's mistakes and casual tampering, with the operating
system's limits behind it, not a jail for a determined attacker.
"""

from __future__ import annotations

import functools
import json
import os
import secrets
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass

_CHILD = r"""
import json, os, sys
import sympy
from sympy import *  # the program may use sympy names directly

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
_BLOCKED = ("socket.", "subprocess.", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork", "os.kill",
            "os.remove", "os.unlink", "os.rename", "os.rmdir", "os.mkdir", "os.chmod", "os.chown", "os.truncate",
            "shutil.", "ctypes.", "pty.", "os.link", "os.symlink", "urllib.", "http.", "ftplib.", "smtplib.",
            "gc.get_objects", "gc.get_referrers", "gc.get_referents", "sys.addaudithook", "_posixsubprocess.")


def _guarded(key_fd, result_fd, result_line):
    # The audit hook: the sandbox's rules, and the only way a result gets out. The nonce and the
    # result pipe exist only in this closure; the key pipe is read once and closed.
    import _thread
    nonce = os.read(key_fd, 64)
    os.close(key_fd)
    write, fstat, close, get_ident, realpath = os.write, os.fstat, os.close, _thread.get_ident, os.path.realpath
    fsdecode, getcwd, join = os.fsdecode, os.getcwd, os.path.join
    pipe = fstat(result_fd)
    pipe_id = (pipe.st_dev, pipe.st_ino)
    runner, main_thread = sys._getframe(1), get_ident()
    can_report = [len(nonce) == 32]

    def report(payload):
        if not (can_report[0] and get_ident() == main_thread and runner.f_lineno == result_line and type(payload) is bytes):
            raise PermissionError("sandbox: only the sandbox reports the values, after the program has finished")
        can_report[0] = False
        now = fstat(result_fd)
        if (now.st_dev, now.st_ino) != pipe_id:
            raise PermissionError("sandbox: the result channel was replaced")
        data = nonce + payload
        while data:
            data = data[write(result_fd, data):]
        close(result_fd)

    def private(path):
        if isinstance(path, int):
            return False
        try:
            text = fsdecode(path)
        except TypeError:
            return False
        parts = set(text.replace("\\", "/").split("/"))
        return "proc" in parts or realpath(join(getcwd(), text)).startswith("/proc/")

    def guard(event, args):
        if event == "variantgen.sandbox.result":
            report(args[0] if args else None)
            return
        if event.startswith(_BLOCKED):
            raise PermissionError(f"sandbox: {event} is not allowed")
        if event in ("open", "os.listdir", "os.scandir") and args:
            if private(args[0]):
                raise PermissionError("sandbox: reading /proc is not allowed")
            if len(args) > 2:
                mode, flags = args[1], args[2]
                writes = isinstance(flags, int) and flags & _WRITE_FLAGS
                if writes or (isinstance(mode, str) and any(c in mode for c in "wax+")):
                    raise PermissionError("sandbox: writing files is not allowed")

    return guard


def _run(guarded, names, key_fd, result_fd, result_line):
    audit, exit_now, dumps = sys.audit, os._exit, json.dumps
    sympify, sstr, nsimplify, evalf = sympy.sympify, sympy.sstr, sympy.nsimplify, sympy.N
    source = sys.stdin.read()
    sys.stdout = open(os.devnull, "w")
    sys.addaudithook(guarded(key_fd, result_fd, result_line))
    del guarded
    namespace = {"__name__": "__sandbox__"}
    exec("from sympy import *", namespace)
    exec(compile(source, "<program>", "exec"), namespace)
    values = {}
    for name in names:
        if name in namespace:
            value = sympify(namespace[name])
            values[name] = {"exact": sstr(nsimplify(value) if value.is_Float else value), "decimal": str(evalf(value, 30))}
    audit("variantgen.sandbox.result", dumps(values).encode())  # RESULT LINE
    exit_now(0)


_run(globals().pop("_guarded"), json.loads(sys.argv[1]), *map(int, sys.argv[2:5]))
"""
_RESULT_LINE = 1 + next(i for i, line in enumerate(_CHILD.split("\n")) if line.endswith("# RESULT LINE"))
_NONCE_BYTES = 32
_MAX_RESULT_BYTES = 16 << 20


class SandboxError(Exception):
    """The program failed, was killed by a limit, or broke a rule; ``reason`` is for feedback."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Value:
    """A name's value as the child reported it: an exact sympy string and a 30-digit decimal."""

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


def _drain(fd: int, into: bytearray) -> None:
    """Read the result pipe to its end (in a thread, so a large result cannot block the child)."""
    with open(fd, "rb", buffering=0, closefd=True) as pipe:
        while chunk := pipe.read(1 << 16):
            if len(into) < _MAX_RESULT_BYTES:
                into += chunk


@functools.lru_cache(maxsize=256)
def run_program(
    program: str, names: tuple[str, ...] = ("answer",), timeout: float = 20.0, cpu_seconds: int = 10, memory_mb: int = 1024
) -> dict[str, Value]:
    """Values of ``names`` after running ``program`` (cached: a family's corners check the same one).

    Raises SandboxError when the program fails, stops before its end, tampers with the result
    channel, or does not define ``answer`` (the first name)."""
    nonce = secrets.token_bytes(_NONCE_BYTES)
    key_read, key_write = os.pipe()
    try:
        os.write(key_write, nonce)  # 32 bytes: always fits in the pipe
    finally:
        os.close(key_write)
    result_read, result_write = os.pipe()
    received = bytearray()
    with tempfile.TemporaryDirectory(prefix="variantgen-sandbox-") as folder:
        try:
            command = [sys.executable, "-I", "-c", _CHILD, json.dumps(list(names)), str(key_read), str(result_write)]
            child = subprocess.Popen(
                [*command, str(_RESULT_LINE)],
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
                cwd=folder,
                env={"PATH": "/usr/bin:/bin"},
                pass_fds=(key_read, result_write),
                preexec_fn=_limits(cpu_seconds, memory_mb),
            )
        except BaseException:
            os.close(result_read)
            raise
        finally:
            os.close(key_read)
            os.close(result_write)
        reader = threading.Thread(target=_drain, args=(result_read, received), daemon=True)
        reader.start()
        try:
            _, stderr = child.communicate(program, timeout=timeout)
        except subprocess.TimeoutExpired:
            child.kill()
            child.communicate()
            raise SandboxError(f"the program did not finish within {timeout:g} s") from None
        finally:
            reader.join(timeout=5)
    if child.returncode < 0:
        raise SandboxError(f"the program failed: killed by a resource limit (signal {-child.returncode})")
    if child.returncode != 0:
        last = (stderr.strip().splitlines() or [f"it exited with status {child.returncode} before its end"])[-1]
        raise SandboxError(f"the program failed: {last}")
    if not received:
        raise SandboxError("the program stopped before its end (os._exit or sys.exit); it must run to completion")
    if (
        reader.is_alive()
        or len(received) >= _MAX_RESULT_BYTES
        or not secrets.compare_digest(bytes(received[:_NONCE_BYTES]), nonce)
    ):
        raise SandboxError("the program wrote to the sandbox's result channel; its output cannot be trusted")
    try:
        values = {
            name: Value(str(value["exact"]), str(value["decimal"])) for name, value in json.loads(received[_NONCE_BYTES:]).items()
        }
    except (ValueError, TypeError, KeyError, AttributeError):
        raise SandboxError("the program's values could not be read back") from None
    if names[0] not in values:
        raise SandboxError(f"the program must assign the result to a variable named {names[0]!r}")
    return values
