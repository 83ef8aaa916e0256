"""Runs sqa on a pseudo-terminal, waits for the board, then closes the terminal's master side,
as an SSH drop does, and reports how long sqa took to exit. Used by tests/e2e_hangup.rs (which
checks that it exits, cleanly) and benches/figures.rs (which prints how soon).

Waits end when their condition holds; their ceilings (30 s) only keep a hang from lasting
forever. Pauses go through select(), not time.sleep(): under libfaketime (the test suite is run
at other dates) Python's sleep fails with EINVAL. Times are taken from the monotonic clock."""
import fcntl, os, select, subprocess, sys, termios, time

CEILING = 30

binary, store = sys.argv[1], sys.argv[2]
env = dict(os.environ, SQA_STORE=store, SQA_CONFIG=store + ".toml", SQA_TODAY="23/11/2026",
           SQA_USER="e2e", TERM="xterm")
master, slave = os.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, b"\x18\x00\x50\x00\x00\x00\x00\x00")  # 24 x 80

def controlling_tty():
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)

p = subprocess.Popen([binary, "demo"], stdin=slave, stdout=slave, stderr=slave,
                     start_new_session=True, env=env, preexec_fn=controlling_tty)
os.close(slave)
out, t0 = b"", time.monotonic()
# The hint line's last word; the bytes between "?" and "help" are styles, so match the word.
while time.monotonic() - t0 < CEILING and b"quit" not in out:
    ready, _, _ = select.select([master], [], [], 0.2)
    if ready:
        try:
            out += os.read(master, 65536)
        except OSError:
            break
if b"quit" not in out:
    print("board never drawn"); p.kill(); sys.exit(1)
os.close(master)
t = time.monotonic()
while p.poll() is None and time.monotonic() - t < CEILING:
    select.select([], [], [], 0.001)
if p.returncode is None:
    p.kill()
    print("still running %d s after the terminal went away" % CEILING)
    sys.exit(1)
print("exit %d after %.3f s" % (p.returncode, time.monotonic() - t))
