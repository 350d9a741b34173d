"""Giving memory back to the system once a large piece of work is done.

Python frees objects into its own allocator and glibc keeps what it freed, so a process that
read a 200,000-row journal keeps that memory while a review's other processes run beside it.
`give_back` asks glibc to return its free pages (nothing where there is no glibc), after
collecting cyclic garbage when asked (a full collection of a process that imported pandas
and matplotlib takes 0.2 s: not for every occasion).
"""

from __future__ import annotations

import contextlib
import ctypes
import gc


def give_back(collect: bool = False) -> None:
    """Return freed memory to the system where the C library can; `collect`: collect cyclic
    garbage first (figures are cycles)."""
    if collect:
        gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)
