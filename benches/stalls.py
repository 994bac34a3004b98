#!/usr/bin/env python3
"""Stalls and exits, measured on a pseudo-terminal of this script's own (so it can stop
reading folio's output, as a stalled SSH link does). For each build given, prints:

  burst     a 3,000-byte burst of Down arrows then Ctrl-C, written at once: ms until folio exits
  sigterm   SIGTERM with the output backed up and the link stalled for 2 s more, 20 runs: how
            many end with the restore as the last bytes written, and the median ms from the
            link reading again to folio's exit
  sort      Ctrl-S on 1,000,000 records, then F1 at once: ms until the help shows (a key
            answered), and until the list says "sorted by title"
  keywords  3,000 / 10,000 / 100,000 `-k` keywords: ms to the first frame
  paste     3 KB of prose typed in one write (as a terminal without bracketed paste sends a
            paste): ms until its end shows in the query; 10 KB as a bracketed paste: the same

Waits are for bytes on the terminal, never fixed sleeps, and each has a limit (reported as
">N"). Not run by CI. Usage: benches/stalls.py FOLIO [FOLIO...]   (release builds);
STALLS=sort,paste (say) runs only those.
"""

import fcntl
import os
import pty
import signal
import statistics
import struct
import subprocess
import sys
import termios
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(REPO, "corpus")
BENCH = "/tmp/folio-bench"
RESTORE = b"\x1b[?1049l\x1b[?25h"


class Folio:
    """folio on a new pseudo-terminal; the bytes it writes are read only when asked."""

    def __init__(self, folio, args, cwd, width=120, height=40):
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
        env = dict(os.environ, TERM="xterm-256color", XDG_CONFIG_HOME="/nonexistent")
        self.proc = subprocess.Popen(
            [folio] + args, cwd=cwd, env=env, stdin=slave, stdout=slave, stderr=slave,
            start_new_session=True,
            preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0),
        )
        os.close(slave)
        self.seen = b""

    def send(self, data):
        os.write(self.master, data)

    def read_some(self, wait):
        import select
        ready, _, _ = select.select([self.master], [], [], wait)
        if not ready:
            return False
        try:
            data = os.read(self.master, 1 << 16)
        except OSError:
            return None
        if not data:
            return None
        self.seen += data
        return True

    def wait_for(self, text, limit):
        """Seconds until `text` is in what folio wrote since the last wait; None if it has not
        come within `limit` seconds or folio closed the terminal first."""
        start = time.monotonic()
        while text not in self.seen:
            left = limit - (time.monotonic() - start)
            if left <= 0 or self.read_some(min(left, 0.05)) is None:
                return None
        at = self.seen.index(text) + len(text)
        self.seen = self.seen[at:]
        return time.monotonic() - start

    def drain(self, seconds):
        """Reads what folio writes for `seconds` (the last frames of loading), then forgets it."""
        end = time.monotonic() + seconds
        while time.monotonic() < end and self.read_some(0.05) is not None:
            pass
        self.seen = b""

    def wait_exit(self, limit):
        start = time.monotonic()
        while self.proc.poll() is None:
            if time.monotonic() - start > limit:
                return None
            self.read_some(0.005)
        return time.monotonic() - start

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        os.close(self.master)


def ms(seconds, limit):
    return f">{int(limit * 1000)}" if seconds is None else f"{seconds * 1000:.0f}"


def burst(folio):
    times = []
    for _ in range(5):
        f = Folio(folio, ["corpus"], REPO)
        f.wait_for(b"2/2", 10)
        f.send(b"\x1b[B" * 1000 + b"\x03")
        times.append(f.wait_exit(5))
        f.close()
    done = [t for t in times if t is not None]
    return ms(statistics.median(done), 5) if len(done) == len(times) else f">5000 ({len(times) - len(done)} of {len(times)} never exited)"


def sigterm(folio, long_doc):
    clean, times = 0, []
    for _ in range(20):
        f = Folio(folio, ["."], long_doc, 300, 100)
        f.send(b"\r")
        for _ in range(20):
            f.send(b" ")
            time.sleep(0.015)
        f.proc.send_signal(signal.SIGTERM)
        # The link stays stalled a while, as the did.
        time.sleep(2)
        start = time.monotonic()
        # Reading again, as the link comes back: everything until folio closes the terminal.
        while f.read_some(0.05) is not None and time.monotonic() - start < 15:
            pass
        try:
            f.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        times.append(time.monotonic() - start)
        clean += f.seen.rstrip(b"\r\n").endswith(RESTORE)
        f.close()
    return f"{clean}/20 clean, {statistics.median(times) * 1000:.0f} ms to exit"


def sort(folio, million):
    f = Folio(folio, [million], os.path.dirname(million), 200, 50)
    loaded = f.wait_for(b"1000000/1000000", 120)
    if loaded is None:
        f.close()
        return "did not load"
    f.drain(1.0)
    f.send(b"\x13")
    f.send(b"\x1bOP")
    start = time.monotonic()
    answered = f.wait_for(b"Everywhere", 60)
    f.send(b"\x1b")
    sorted_at = f.wait_for(b"sorted by title", 60)
    total = None if sorted_at is None else time.monotonic() - start
    f.close()
    return f"F1 answered {ms(answered, 60)} ms, sorted {ms(total, 60)} ms"


def keywords(folio):
    out = []
    for count in (3_000, 10_000, 100_000):
        args = [f"-kw{n}" for n in range(count)]
        f = Folio(folio, args + ["corpus"], REPO)
        out.append(f"{count}: {ms(f.wait_for(b'2/2', 30), 30)}")
        f.close()
    return ", ".join(out) + " ms"


def paste(folio):
    prose = ("the minister said the tax claim was false and the party agreed " * 50)[:3000] + "ENDMARK"
    f = Folio(folio, ["corpus"], REPO)
    f.wait_for(b"2/2", 10)
    start = time.monotonic()
    f.send(prose.encode())
    typed = f.wait_for(b"ENDMARK", 60)
    f.close()
    f = Folio(folio, ["corpus"], REPO)
    f.wait_for(b"2/2", 10)
    text = ("the minister said the tax claim was false.\n" * 240) + "ENDMARK"
    f.send(b"\x1b[200~" + text.encode() + b"\x1b[201~")
    bracketed = f.wait_for(b"ENDMARK", 10)
    f.close()
    return f"typed 3 KB {ms(typed, 60)} ms, bracketed 10 KB {ms(bracketed, 10)} ms"


def main():
    builds = sys.argv[1:]
    if not builds:
        sys.exit(__doc__)
    os.makedirs(BENCH, exist_ok=True)
    million = os.path.join(BENCH, "1m.jsonl")
    if not os.path.exists(million):
        with open(million, "w") as out:
            number = 12345
            for index in range(1_000_000):
                number = (number * 6364136223846793005 + 1442695040888963407) % (1 << 64)
                out.write('{"title": "Report on the state of the public accounts, volume %09d", '
                          '"text": "body %d"}\n' % (number % 1_000_000_000, index))
    long_doc = os.path.join(BENCH, "long")
    os.makedirs(long_doc, exist_ok=True)
    with open(os.path.join(long_doc, "long.txt"), "w") as out:
        out.write("A long document\n")
        for n in range(1, 5001):
            out.write(f"line {n:04} of a long document, with enough words on it to fill a row\n")
    chosen = os.environ.get("STALLS", "").split(",")
    for folio in builds:
        print(f"== {folio}")
        for name, run in [
            ("burst", lambda: burst(folio)),
            ("sigterm", lambda: sigterm(folio, long_doc)),
            ("sort", lambda: sort(folio, million)),
            ("keywords", lambda: keywords(folio)),
            ("paste", lambda: paste(folio)),
        ]:
            if chosen == [""] or name in chosen:
                print(f"{name:9} {run()}", flush=True)


if __name__ == "__main__":
    main()
