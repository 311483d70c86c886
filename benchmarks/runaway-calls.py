#!/usr/bin/env python3
"""N runaway SMTP sessions (HELO loop.example) at once, and an ordinary client beside them.

usage: runaway-calls.py N wave|sustained SECONDS TAG

N sessions each send HELO loop.example, for which the edited SMTPSVR.LUA spins to its time bound
(docs/benchmarks/2026-12-08-runaway-calls.md): once (wave), or reconnecting as soon as answered (sustained). Once
every one has sent its HELO, for SECONDS: ordinary mail on fresh connections, one after another (connect to the 250
after its data), and beside it every second an IMAP login (STARTTLS) + SELECT and a webadmin GET. Then checks that
every ordinary message answered 250 is in the INBOX once (subjects "TAG i"). Prints one JSON line of figures.
James's ports (below) are those of the measurement's distribution.
"""
import imaplib
import json
import ssl
import socket
import sys
import threading
import time
import urllib.request

HOST = "127.0.0.1"
SMTP, IMAP, WEBADMIN = 22525, 22143, 28000
USER, PASSWORD = "alice@example.com", "Secret-1234"
TLS = ssl.create_default_context()
TLS.check_hostname = False
TLS.verify_mode = ssl.CERT_NONE


def imap_login(timeout=120):
    m = imaplib.IMAP4(HOST, IMAP, timeout=timeout)
    m.starttls(TLS)
    m.login(USER, PASSWORD)
    return m

n, mode, seconds, tag = int(sys.argv[1]), sys.argv[2], float(sys.argv[3]), sys.argv[4]
stop = threading.Event()
lock = threading.Lock()
runaway_replies = {}
runaway_started = threading.Semaphore(0)


def reply(f):
    """One SMTP reply (its last line)."""
    while True:
        line = f.readline()
        if not line:
            return "EOF"
        line = line.decode("ascii", "replace").rstrip("\r\n")
        if len(line) < 4 or line[3] != "-":
            return line


def count(what):
    with lock:
        runaway_replies[what] = runaway_replies.get(what, 0) + 1


def runaway():
    first = True
    while True:
        try:
            with socket.create_connection((HOST, SMTP), timeout=120) as s:
                f = s.makefile("rb")
                banner = reply(f)
                if not banner.startswith("220"):
                    count(banner[:3])
                else:
                    s.sendall(b"HELO loop.example\r\n")
                    if first:
                        runaway_started.release()
                        first = False
                    count(reply(f)[:3])
                    s.sendall(b"QUIT\r\n")
        except OSError as e:
            count(type(e).__name__)
        if first:
            runaway_started.release()
            first = False
        if mode != "sustained" or stop.is_set():
            return


def ordinary(i):
    """connect to the 250 after DATA: seconds, or the failure"""
    start = time.monotonic()
    try:
        with socket.create_connection((HOST, SMTP), timeout=120) as s:
            f = s.makefile("rb")
            steps = [None, b"EHLO client.example\r\n", b"MAIL FROM:<bob@client.example>\r\n",
                     b"RCPT TO:<%s>\r\n" % USER.encode(), b"DATA\r\n",
                     b"Subject: %s %d\r\n\r\nhello\r\n.\r\n" % (tag.encode(), i)]
            for step in steps:
                if step:
                    s.sendall(step)
                answer = reply(f)
                expected = "354" if step == b"DATA\r\n" else ("220" if step is None else "250")
                if not answer.startswith(expected):
                    return None, answer
            elapsed = time.monotonic() - start
            s.sendall(b"QUIT\r\n")
            return elapsed, "250"
    except OSError as e:
        return None, type(e).__name__


def imap_probe():
    start = time.monotonic()
    try:
        m = imap_login()
        m.select("INBOX")
        elapsed = time.monotonic() - start
        try:
            m.logout()
        except imaplib.IMAP4.abort:
            pass  # James may close after its BYE before imaplib reads the tagged OK: login and SELECT were answered
        return elapsed
    except Exception as e:  # noqa
        return repr(e)


def webadmin_probe():
    start = time.monotonic()
    try:
        urllib.request.urlopen("http://%s:%d/users" % (HOST, WEBADMIN), timeout=120).read()
        return time.monotonic() - start
    except Exception as e:  # noqa
        return repr(e)


def pct(values, p):
    if not values:
        return None
    values = sorted(values)
    return round(values[min(len(values) - 1, int(p / 100 * len(values)))], 3)


def main():
    runaways = [threading.Thread(target=runaway, daemon=True) for _ in range(n)]
    for t in runaways:
        t.start()
    for _ in range(n):
        runaway_started.acquire()
    # every runaway session has sent its HELO (or been answered): the wave is under way
    probes = {"imap": [], "webadmin": []}

    def side_probes():
        while not stop.is_set():
            probes["imap"].append(imap_probe())
            probes["webadmin"].append(webadmin_probe())
            stop.wait(1)

    side = threading.Thread(target=side_probes, daemon=True)
    side.start()
    times, failures, sent = [], {}, 0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        elapsed, answer = ordinary(sent)
        sent += 1
        if elapsed is None:
            failures[answer] = failures.get(answer, 0) + 1
        else:
            times.append(elapsed)
    stop.set()
    side.join()
    for t in runaways:
        t.join(180)
    # every ordinary message that was answered 250 arrives once
    m = imap_login()
    m.select("INBOX")
    subjects = {}
    deadline = time.monotonic() + 60
    while True:
        typ, data = m.search(None, "SUBJECT", '"%s"' % tag)
        ids = data[0].split()
        if len(ids) >= len(times) or time.monotonic() > deadline:
            break
        time.sleep(1)
        m.noop()
    if ids:
        typ, data = m.fetch(b",".join(ids), "(BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
        for part in data:
            if isinstance(part, tuple):
                subject = part[1].decode().strip()
                subjects[subject] = subjects.get(subject, 0) + 1
    m.logout()
    numeric = lambda xs: [x for x in xs if isinstance(x, float)]
    print(json.dumps({
        "n": n, "mode": mode, "ordinary_ok": len(times), "ordinary_failed": failures,
        "p50": pct(times, 50), "p99": pct(times, 99), "max": round(max(times), 3) if times else None,
        "delivered": len(subjects), "duplicated": sum(1 for c in subjects.values() if c > 1),
        "imap_p50": pct(numeric(probes["imap"]), 50), "imap_max": max(numeric(probes["imap"]), default=None),
        "imap_failed": [x for x in probes["imap"] if not isinstance(x, float)],
        "webadmin_p50": pct(numeric(probes["webadmin"]), 50),
        "webadmin_max": max(numeric(probes["webadmin"]), default=None),
        "webadmin_failed": [x for x in probes["webadmin"] if not isinstance(x, float)],
        "runaway_replies": runaway_replies,
    }))


main()
