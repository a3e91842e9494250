"""The processes of a crash trial: the writer, whose JSON lines are read as they come,
and the `coordinator` commands, whose exit status and errors are kept."""

from __future__ import annotations

import json
import subprocess
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Seconds the harness waits for a process that should have finished long before.
PATIENCE = 300


class Events:
    """The writer's JSON lines as they arrive, with the moment each arrived."""

    def __init__(self, stream):
        self.items: list[tuple[float, dict]] = []
        self.counts: Counter = Counter()
        self._changed = threading.Condition()
        self._reader = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._reader.start()

    def _read(self, stream) -> None:
        buffer = b""
        for chunk in iter(lambda: stream.read1(65536), b""):
            *complete, buffer = (buffer + chunk).split(b"\n")
            # A line cut by the kill has no newline: it was never said, and is not counted.
            with self._changed:
                for line in complete:
                    event = json.loads(line)
                    self.items.append((time.monotonic(), event))
                    self.counts[event["event"]] += 1
                self._changed.notify_all()
        with self._changed:
            self._changed.notify_all()

    def wait(self, until, timeout: float) -> None:
        """Until `until(counts of each event)` holds, the writer ends, or `timeout`."""
        with self._changed:
            self._changed.wait_for(lambda: until(self.counts) or not self._reader.is_alive(),
                                   timeout)

    def last(self) -> str | None:
        return self.items[-1][1]["event"] if self.items else None

    def finish(self) -> None:
        self._reader.join(timeout=30)


class Child:
    """A process of a trial: the writer (its events read as they come) or a CLI command."""

    def __init__(self, command: list[str], *, events: bool):
        self.started = time.monotonic()
        self.stderr = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(command, cwd=ROOT, stderr=self.stderr,
                                     stdout=subprocess.PIPE if events else subprocess.DEVNULL)
        self.events = Events(self.proc.stdout) if events else None
        self.killed = False

    @property
    def pid(self) -> int:
        return self.proc.pid

    def running(self) -> bool:
        return self.proc.poll() is None

    def kill(self) -> None:
        if self.running():
            self.proc.kill()
            self.killed = True
        self.proc.wait()
        if self.events is not None:
            self.events.finish()

    def wait(self) -> int:
        try:
            return self.proc.wait(timeout=PATIENCE)
        except subprocess.TimeoutExpired:
            self.kill()
            raise SystemExit(f"{self.proc.args[1:]} did not finish in {PATIENCE} s") from None

    def errors(self) -> str:
        self.stderr.seek(0)
        return self.stderr.read().decode("utf-8", "replace")
