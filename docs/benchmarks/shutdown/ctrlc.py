#!/usr/bin/env python3
"""ctrlc.py DELAY_S CMD...: runs CMD in its own process group with SIGINT at its default, sends SIGINT to the
group after DELAY_S (as Ctrl-C in a terminal does) and prints how long the group takes to end and its status."""
import os, signal, subprocess, sys, time
delay, cmd = float(sys.argv[1]), sys.argv[2:]
def child():
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    os.setpgid(0, 0)
p = subprocess.Popen(cmd, preexec_fn=child, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
time.sleep(delay)
t = time.time()
os.killpg(p.pid, signal.SIGINT)
out = p.communicate(timeout=120)[0].decode(errors='replace')
ended = time.time() - t
# the group may outlive its leader
alive = subprocess.run(['pgrep', '-g', str(p.pid)], capture_output=True, text=True).stdout.split()
print('ended %.2f s after SIGINT, status %s, processes of the group left: %s' % (ended, p.returncode, alive or 'none'))
print(out)
