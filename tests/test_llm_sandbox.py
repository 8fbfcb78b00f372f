"""The sandbox that runs model-written sympy programs: values come back, everything else is refused."""

from __future__ import annotations

import pytest

from variantgen.llm.sandbox import SandboxError, run_program


def test_values_come_back_exact() -> None:
    values = run_program("previous = Rational(7, 2)\nanswer = 2*sqrt(3)*previous\nprint('noise')", ("answer", "previous"))
    assert values["answer"].exact == "7*sqrt(3)" and values["previous"].exact == "7/2"
    assert values["answer"].decimal.startswith("12.1243556529821")


@pytest.mark.parametrize(
    ("program", "reason"),
    [
        ("import socket\nsocket.create_connection(('127.0.0.1', 9))", "socket"),
        ("open('out.txt', 'w').write('x')", "writing files is not allowed"),
        ("import os\nos.open('f', os.O_CREAT | os.O_WRONLY)", "writing files is not allowed"),
        ("import subprocess\nsubprocess.run(['true'])", "subprocess.Popen is not allowed"),
        ("import os\nos.system('true')", "os.system is not allowed"),
        ("x = bytearray(4 * 1024**3)", "MemoryError"),
        ("while True:\n    pass", "resource limit"),
        ("answer = 1/0", "ZeroDivisionError"),
        ("result = 3", "variable named 'answer'"),
    ],
    ids=["network", "write", "os-open", "subprocess", "system", "memory", "cpu", "error", "no-answer"],
)
def test_refused_or_failed(program: str, reason: str) -> None:
    with pytest.raises(SandboxError, match=reason):
        run_program(program, timeout=10, cpu_seconds=2)


def test_wall_clock_timeout() -> None:
    with pytest.raises(SandboxError, match="did not finish within 1 s"):
        run_program("import time\ntime.sleep(30)", timeout=1)


FORGED = '{"answer": {"exact": "42", "decimal": "42"}}'


@pytest.mark.parametrize(
    ("program", "reason"),
    [
        (
            f"import os, sys\nsys.__stdout__.write({FORGED!r})\nsys.__stdout__.flush()\nos._exit(0)",
            "stopped before its end",
        ),
        ("answer = 42\nimport os\nos._exit(0)\nanswer = 1/0", "stopped before its end"),
        ("answer = 42\nimport sys\nsys.exit(0)\nanswer = 1/0", "stopped before its end"),
        (
            f"import os\nfor fd in range(256):\n    try:\n        os.write(fd, {FORGED!r}.encode())\n"
            "    except OSError:\n        pass\nos._exit(0)",
            "wrote to the sandbox's result channel",
        ),
        (
            f"import os\nfor fd in range(3, 256):\n    try:\n        os.write(fd, {FORGED!r}.encode())\n"
            "    except OSError:\n        pass\nanswer = 42",
            "wrote to the sandbox's result channel",
        ),
        (f"import sys\nsys.audit('variantgen.sandbox.result', {FORGED!r}.encode())\nanswer = 42", "only the sandbox reports"),
        (
            "import os\nr, w = os.pipe()\nfor fd in range(3, 64):\n    if fd not in (r, w):\n"
            "        try:\n            os.dup2(w, fd)\n        except OSError:\n            pass\nanswer = 42",
            "result channel was replaced",
        ),
        ("answer = len(open('/proc/self/maps').read())", "reading /proc is not allowed"),
        ("import os\nanswer = len(os.listdir('/dev/fd'))", "reading /proc is not allowed"),
        ("import gc\nanswer = len(gc.get_objects())", "gc.get_objects is not allowed"),
    ],
    ids=[
        "stdout-then-exit",
        "exit-before-error",
        "sys-exit",
        "every-fd-then-exit",
        "every-fd",
        "audit-event",
        "dup2",
        "proc",
        "dev-fd",
        "gc",
    ],
)
def test_forged_results_are_refused(program: str, reason: str) -> None:
    """Only the sandbox's runner reports values, once the program has run to its end."""
    with pytest.raises(SandboxError, match=reason):
        run_program(program, timeout=20)
