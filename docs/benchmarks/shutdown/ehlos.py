#!/usr/bin/env python3
"""ehlos.py PORT N: N sessions one after another, EHLO then QUIT; the EHLO reply codes counted."""
import smtplib, sys
from collections import Counter
c = Counter()
for i in range(int(sys.argv[2])):
    s = smtplib.SMTP('127.0.0.1', int(sys.argv[1]), timeout=30)
    c[s.ehlo('client%d.example.com' % i)[0]] += 1
    s.quit()
print(dict(c))
