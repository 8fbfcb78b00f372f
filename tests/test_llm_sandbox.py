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
