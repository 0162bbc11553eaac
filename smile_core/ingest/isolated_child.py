"""The child process of :mod:`smile_core.ingest.isolation`: limit itself, run one call, answer.

Run as ``python -c "from smile_core.ingest.isolated_child import main; main()" MEMORY_BYTES``. This
module imports only the standard library, so the memory limit is in place before the call is
unpickled, which is what imports polars and calamine.
"""

from __future__ import annotations

import importlib
import pickle
import resource
import sys
from typing import Any


def main() -> None:
    """Cap the address space, read the pickled call from stdin, write the pickled answer.

    The answer is ``("ok", result)``, ``("memory", None)`` when memory ran out, or
    ``("crash", None)`` after any other failure (a parser bug, a Rust panic); no traceback is
    written anywhere, because it can quote cell values.
    """
    memory_bytes = int(sys.argv[1])
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but the answer may reach the parent's pipe
    try:
        module, name, args, kwargs = pickle.loads(sys.stdin.buffer.read())
        function = getattr(importlib.import_module(module), name)
        answer: tuple[str, Any] = ("ok", function(*args, **kwargs))
        data = pickle.dumps(answer)
    except BaseException as exc:
        data = pickle.dumps(("memory" if _out_of_memory(exc) else "crash", None))
    out.write(data)
    out.flush()


def _out_of_memory(exc: BaseException) -> bool:
    """Whether ``exc`` means the limit was hit: a ``MemoryError``, or a library that could not
    be mapped into the capped address space (an ``ImportError`` from the dynamic loader)."""
    if isinstance(exc, MemoryError):
        return True
    text = str(exc).lower()
    return isinstance(exc, ImportError | OSError) and ("memory" in text or "failed to map" in text)
