#!/usr/bin/env python3
"""steady.py PORT SECONDS: one mail after another (a new session each) to user@example.local; each result with its time."""
import smtplib, sys, time
port, secs = int(sys.argv[1]), float(sys.argv[2])
t0 = time.time(); i = 0
while time.time() - t0 < secs:
    i += 1
    msg = 'Subject: steady %d\r\nFrom: a@example.com\r\n\r\nbody %d\r\n' % (i, i)
    try:
        s = smtplib.SMTP('127.0.0.1', port, timeout=30)
        s.ehlo('client.example.com')
        s.sendmail('a@example.com', ['user@example.local'], msg)
        s.quit()
        print('%.1f %d OK' % (time.time() - t0, i), flush=True)
    except Exception as e:
        print('%.1f %d FAIL %r' % (time.time() - t0, i, e), flush=True)
        time.sleep(0.2)
