"""Kernel clients that know the kernel is ready as soon as it says so.

jupyter_client's `wait_for_ready` ends by listening to IOPub until it has been silent for
0.2 s: a notebook run on a shared kernel pays it at every connection (twice a notebook in a
review). These clients are ready once the kernel has answered a `kernel_info` request on the
shell channel and its idle status for that request has arrived on IOPub, which proves IOPub
connected and drained up to that point; when it does not come (IOPub not connected yet) the
request is sent again, as jupyter_client does.
"""

from __future__ import annotations

import queue
import time

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.blocking import BlockingKernelClient
from jupyter_core.utils import ensure_async, run_sync

IOPUB_WAIT = 0.2  # seconds to wait for the idle status before asking again
SHELL_WAIT = 1.0  # seconds to wait for the reply before checking the kernel lives


class _ReadyWhenIdle:
    async def _async_wait_for_ready(self, timeout: float | None = None) -> None:
        deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
        while True:
            request = self.kernel_info()
            reply = await _first(self.shell_channel, request, SHELL_WAIT,
                                 lambda msg: msg["msg_type"] == "kernel_info_reply")
            if reply is not None and await _first(self.iopub_channel, request, IOPUB_WAIT,
                                                  _idle) is not None:
                self._handle_kernel_info_reply(reply)
                return
            if not await self._async_is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout:.0f} seconds")


def _idle(msg: dict) -> bool:
    return msg["msg_type"] == "status" and msg["content"].get("execution_state") == "idle"


async def _first(channel, request: str, wait: float, wanted) -> dict | None:
    """The first message on `channel` answering `request` that is `wanted`; None after `wait`
    seconds without one (other messages are read and dropped)."""
    deadline = time.monotonic() + wait
    while (left := deadline - time.monotonic()) > 0:
        try:
            msg = await ensure_async(channel.get_msg(timeout=left))
        except queue.Empty:
            return None
        if msg.get("parent_header", {}).get("msg_id") == request and wanted(msg):
            return msg
    return None


class ReadyAsyncClient(_ReadyWhenIdle, AsyncKernelClient):
    """The asynchronous client papermill's engine gets from a shared kernel's manager."""

    wait_for_ready = _ReadyWhenIdle._async_wait_for_ready


class ReadyBlockingClient(_ReadyWhenIdle, BlockingKernelClient):
    """The client a shared kernel uses for its imports, prelude and resets."""

    wait_for_ready = run_sync(_ReadyWhenIdle._async_wait_for_ready)
