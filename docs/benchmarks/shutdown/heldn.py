#!/usr/bin/env python3
"""heldn.py PORT N: N sessions, each EHLO client<i>.example.com, held until the server closes."""
import socket, sys, threading
def s(i):
    try:
        c = socket.create_connection(('127.0.0.1', int(sys.argv[1])), timeout=120); f = c.makefile('rb'); f.readline()
        c.sendall(b'EHLO client%d.example.com\r\n' % i)
        while f.readline(): pass
    except Exception as e: print(i, repr(e))
ts = [threading.Thread(target=s, args=(i,)) for i in range(int(sys.argv[2]))]
[t.start() for t in ts]; [t.join() for t in ts]
