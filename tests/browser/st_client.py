"""A minimal Streamlit websocket client: what a browser sends and waits for, without drawing anything.

Used by bench/bench_share.py to measure the server alone (a hosted app's partners draw in their own browsers,
so on the server a session costs only its script runs and the messages sent), and by tests that send what no
browser would.
"""
from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg


class Session:
    """One browser tab's worth of protocol: rerun requests with widget states, answered by deltas."""

    def __init__(self, port: int, query: str):
        self.url, self.query = f"ws://127.0.0.1:{port}/_stcore/stream", query
        self.page = ""
        self.choices: dict[str, list[str]] = {}  # segmented controls / pills: widget id → option labels
        self.headings: list[str] = []
        self.errors: list[str] = []

    async def __aenter__(self):
        self.ws = await websockets.connect(self.url, subprotocols=["streamlit"], max_size=None)
        return self

    async def __aexit__(self, *exc):
        await self.ws.close()

    async def run(self, widget: str | None = None, value: str | None = None) -> float:
        """Seconds from the rerun request to the script's finished message, every delta received on the way."""
        msg = BackMsg()
        msg.rerun_script.query_string = self.query
        msg.rerun_script.page_script_hash = self.page
        if widget is not None:
            state = msg.rerun_script.widget_states.widgets.add()
            state.id = widget
            state.string_array_value.data[:] = [value]
        t0 = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        self.headings = []
        while True:
            fwd = ForwardMsg()
            fwd.ParseFromString(await self.ws.recv())
            kind = fwd.WhichOneof("type")
            if kind == "new_session":
                self.page = fwd.new_session.page_script_hash
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                self._element(fwd.delta.new_element)
            elif kind == "script_finished":
                if fwd.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                    return time.perf_counter() - t0
                if fwd.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    self.errors.append(f"script finished with status {fwd.script_finished}")
                    return time.perf_counter() - t0

    def _element(self, el) -> None:
        kind = el.WhichOneof("type")
        if kind == "button_group":
            self.choices[el.button_group.id] = [o.content for o in el.button_group.options]
        elif kind == "heading":
            self.headings.append(el.heading.body)
        elif kind == "exception":
            self.errors.append(f"exception: {el.exception.message[:120]}")


def run_sync(coro, timeout: float | None = None):
    """Run ``coro`` to its end from synchronous code, in a thread of its own: Playwright's sync API keeps an
    event loop running in the test's thread, where ``asyncio.run`` refuses to start."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result(timeout)
