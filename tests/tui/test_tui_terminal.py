"""The workbench in a real terminal: `python -m workbench review` runs inside tmux, a
key is typed as a person would type it, and the store is read back afterwards.

Unlike the pilot tests (headless, in-process), this goes through the real Linux driver,
the terminal's key decoding and the command line's store opening and seed ingest.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from workbench.services import Workbench
from workbench.views import Filters, quote_list

REVIEWER = "tmuxer"
START_TIMEOUT = 30.0  # seconds: seed ingest plus first paint, on a slow CI machine
STEP_TIMEOUT = 10.0

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


class Tmux:
    """One detached session on a private tmux server (its own socket, no user config),
    so neither a running tmux of the user nor their ~/.tmux.conf is touched."""

    def __init__(self) -> None:
        self.name = f"wb-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.socket: str | None = None

    def __call__(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(["tmux", "-f", "/dev/null", "-L", self.name, *args],
                              capture_output=True, text=True, check=check, timeout=15)

    def start(self, command: str, cwd: Path, width: int = 120, height: int = 40) -> None:
        # remain-on-exit keeps the pane after the program ends, to read its exit status
        # and whatever it printed last (a traceback, if it crashed).
        self("new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height),
             "-c", str(cwd), command, ";", "set-option", "-g", "remain-on-exit", "on")
        self.socket = self.pane("#{socket_path}")

    def screen(self) -> str:
        return self("capture-pane", "-p", "-t", self.name).stdout

    def send(self, *keys: str) -> None:
        self("send-keys", "-t", self.name, *keys)

    def pane(self, fmt: str) -> str:
        return self("display-message", "-p", "-t", self.name, fmt).stdout.strip()

    def ended(self) -> bool:
        return self.pane("#{pane_dead}") == "1"

    def wait_for(self, *texts: str, timeout: float = STEP_TIMEOUT) -> str:
        """The screen once it shows every one of `texts` (a frame may be painted in
        several writes, so the status bar can be there before the footer)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if all(text in screen for text in texts):
                return screen
            if self.ended():
                break
            time.sleep(0.1)
        pytest.fail(f"{texts!r} never all appeared on screen; last screen:\n{self.screen()}")

    def wait_until_ended(self, timeout: float = STEP_TIMEOUT) -> int | None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.ended():
                # tmux marks the pane dead when the program closes the terminal and records
                # the status when it reaps the process: under load, seconds apart
                for _ in range(100):
                    status = self.pane("#{pane_dead_status}")
                    if status:
                        return int(status)
                    time.sleep(0.05)
                signal = self.pane("#{pane_dead_signal}")  # killed, not exited
                # Neither: seen only on a loaded machine, the pane dead and blank (the
                # app restored the screen); the store is what the tests check.
                return -int(signal) if signal.isdigit() else None
            time.sleep(0.1)
        pytest.fail(f"the workbench did not quit; last screen:\n{self.screen()}")

    def kill(self) -> None:
        self("kill-server", check=False)
        if self.socket:  # the server leaves its socket file behind
            Path(self.socket).unlink(missing_ok=True)


def test_confirm_the_first_claim_in_a_real_terminal(tmp_path):
    root = tmp_path / "store"
    # No store or reviewer from the environment; no COLUMNS/LINES either (a shell started
    # under pytest can export COLUMNS=80 LINES=24, which would override the pane's size).
    env = ("env -u WORKBENCH_STORE -u WORKBENCH_REVIEWER -u COLUMNS -u LINES"
           " TERM=xterm-256color")
    command = (f"{env} {shlex.quote(sys.executable)} -m workbench review "
               f"--store {shlex.quote(str(root))} --reviewer {REVIEWER}")
    tmux = Tmux()
    try:
        tmux.start(command, cwd=tmp_path)
        # The empty store gets the seed articles first, then the claims screen opens.
        first = tmux.wait_for("reviewed", "q Quit", timeout=START_TIMEOUT)
        assert "0/" in first and REVIEWER in first, first
        for hint in ("a Attributed", "d Disputed", "c Confirmed", "z Undo", "? Help", "q Quit"):
            assert hint in first, f"footer hint {hint!r} missing:\n{first}"

        tmux.send("c")
        saved = tmux.wait_for("saved: confirmed")
        assert "1/" in saved and "confirmed 1" in saved, saved

        tmux.send("q")
        status = tmux.wait_until_ended()
        assert status in (0, None), f"exit status {status}:\n{tmux.screen()}"
    finally:
        tmux.kill()

    store = Workbench.open(root, REVIEWER)  # what was saved, read back in this process
    first_claim = quote_list(store)[0]
    review = store.reviewing.review(first_claim["id"])
    assert review is not None, "the first claim has no saved review"
    assert review.status == "confirmed"
    assert review.reviewer == REVIEWER
    # Only the first claim was marked.
    assert [q["id"] for q in quote_list(store, Filters(status="confirmed"))] == [first_claim["id"]]


def workbench_command(root: Path, reviewer: str) -> str:
    env = ("env -u WORKBENCH_STORE -u WORKBENCH_REVIEWER -u COLUMNS -u LINES"
           " TERM=xterm-256color")
    return (f"{env} {shlex.quote(sys.executable)} -m workbench review "
            f"--store {shlex.quote(str(root))} --reviewer {reviewer}")


def test_two_reviewers_and_a_lead_in_two_terminals(tmp_path):
    """As a new team would: two reviewers review the seed claims at the same time in two
    terminals on one store folder, the lead settles a disagreement, and the export holds
    both verdicts and the final one."""
    from workbench.resources import seeds_dir

    root = tmp_path / "store"
    setup = Workbench.open(root, "anna")
    setup.ingest.add([seeds_dir()])
    setup.team.add_lead("anna")
    anna, bruno = Tmux(), Tmux()
    try:
        anna.start(workbench_command(root, "anna"), cwd=tmp_path)
        bruno.start(workbench_command(root, "bruno"), cwd=tmp_path)
        anna.wait_for("reviewed", "q Quit", timeout=START_TIMEOUT)
        bruno.wait_for("reviewed", "q Quit", timeout=START_TIMEOUT)
        for key in "cdc":
            anna.send(key)
        for key in "ccd":
            bruno.send(key)
        anna.wait_for("3/18 reviewed")
        bruno.wait_for("3/18 reviewed")

        anna.send("F4")  # agreement: bruno's verdicts, saved by the other process, count
        agreement = anna.wait_for("anna × bruno", "on which reviewers disagree")
        assert "2 claims on which reviewers disagree" in agreement, agreement
        anna.send("Enter")  # review the first disagreement
        anna.wait_for("reviewers disagree")
        time.sleep(0.5)  # a key typed while a screen is being removed goes to that screen
        anna.send("F")
        anna.wait_for("1 attributed · 2 disputed")  # the final verdict dialog
        for keys in (["2"], ["-l", "the recording says otherwise"], ["Enter"]):
            time.sleep(0.3)  # at a person's pace: the dialog moves the focus between keys
            anna.send(*keys)  # 2: disputed, then the reason
        anna.wait_for("final: disputed")
        for tmux in (anna, bruno):
            tmux.send("q")
            assert tmux.wait_until_ended() in (0, None), tmux.screen()
    finally:
        anna.kill()
        bruno.kill()

    out = tmp_path / "claims.json"
    subprocess.run([sys.executable, "-m", "workbench", "--store", str(root), "--reviewer", "anna",
                    "export", "--output", str(out)], check=True, capture_output=True)
    import json

    claims = json.loads(out.read_text(encoding="utf-8"))["claims"]
    settled = [c for c in claims if c["final"] and c["final"]["how"] == "adjudicated"]
    assert len(settled) == 1, claims
    [claim] = settled
    assert {r["reviewer"]: r["status"] for r in claim["reviews"]}.keys() == {"anna", "bruno"}
    assert len({r["status"] for r in claim["reviews"]}) == 2  # they disagreed
    assert (claim["final"]["status"], claim["final"]["by"], claim["final"]["reason"]) == (
        "disputed", "anna", "the recording says otherwise")


def test_letters_typed_fast_after_slash_go_into_the_search(tmp_path):
    """"/cad" arriving in one read of the terminal saved three verdicts (c, a, d ran as
    review keys before the search field had the focus)."""
    from workbench.resources import seeds_dir

    root = tmp_path / "store"
    Workbench.open(root, REVIEWER).ingest.add([seeds_dir()])
    tmux = Tmux()
    try:
        tmux.start(workbench_command(root, REVIEWER), cwd=tmp_path, width=80, height=24)
        tmux.wait_for("reviewed", "q Quit", timeout=START_TIMEOUT)
        tmux.send("-l", "/cad")  # one write: the keys arrive together
        screen = tmux.wait_for("/cad")
        assert "saved:" not in screen, screen
        tmux.send("Escape")
        time.sleep(0.3)
        tmux.send("q")
        assert tmux.wait_until_ended() in (0, None), tmux.screen()
    finally:
        tmux.kill()
    store = Workbench.open(root, REVIEWER)
    assert quote_list(store, Filters(status="unreviewed")) == quote_list(store)  # no verdict saved
