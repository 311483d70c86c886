#!/usr/bin/env python3
"""held.py PORT N CMD [DURATION]: N SMTP sessions each send CMD (e.g. 'EHLO client.example.com' or 'DATA-MID')
after the greeting and record what comes back and when, until the server closes or DURATION s pass.
DATA-MID: EHLO, MAIL, RCPT, DATA, half a body, then waits. One line per session on stdout at the end."""
import socket, sys, threading, time
port, n, cmd = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
duration = float(sys.argv[4]) if len(sys.argv) > 4 else 120
t0 = time.time()
results = [None] * n
def read_reply(f):
    lines = []
    while True:
        line = f.readline()
        if not line:
            return lines, 'EOF'
        lines.append(line.decode('latin-1').rstrip('\r\n'))
        if len(line) >= 4 and line[3:4] == b' ':
            return lines, None
def session(i):
    events = []
    try:
        s = socket.create_connection(('127.0.0.1', port), timeout=duration)
        f = s.makefile('rb')
        lines, end = read_reply(f)
        events.append(('greet', lines[-1][:3] if lines else end))
        if cmd == 'DATA-MID':
            for c in ['EHLO client.example.com', 'MAIL FROM:<a@example.com>', 'RCPT TO:<user@example.local>', 'DATA']:
                s.sendall((c + '\r\n').encode())
                lines, end = read_reply(f)
                events.append((c.split()[0], lines[-1][:3] if lines else end))
            s.sendall(b'Subject: half\r\n\r\nthe first half of a body\r\n')
        else:
            s.sendall((cmd + '\r\n').encode())
        events.append(('sent', round(time.time() - t0, 1)))
        while True:
            try:
                lines, end = read_reply(f)
            except ConnectionResetError:
                events.append(('RESET', round(time.time() - t0, 1))); break
            except socket.timeout:
                events.append(('TIMEOUT', round(time.time() - t0, 1))); break
            for l in lines:
                events.append(('reply', l, round(time.time() - t0, 1)))
            if end:
                events.append((end, round(time.time() - t0, 1))); break
    except Exception as e:
        events.append(('ERR', repr(e), round(time.time() - t0, 1)))
    results[i] = events
threads = [threading.Thread(target=session, args=(i,)) for i in range(n)]
for t in threads: t.start(); time.sleep(0.01)
for t in threads: t.join()
from collections import Counter
summary = Counter()
for ev in results:
    key = ' | '.join(e[0] + (':' + e[1] if len(e) > 2 or (len(e) == 2 and isinstance(e[1], str)) else '') for e in ev)
    summary[key] += 1
for i, ev in enumerate(results):
    print(i, ev)
print('SUMMARY')
for k, v in summary.most_common():
    print(v, k)
