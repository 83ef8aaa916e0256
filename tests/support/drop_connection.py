"""Runs sqa on a pseudo-terminal, waits for the board, then closes the terminal's master side,
as an SSH drop does, and reports how long sqa took to exit. Used by tests/e2e_hangup.rs."""
import fcntl, os, select, subprocess, sys, termios, time

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
out, t0 = b"", time.time()
# The hint line's last word; the bytes between "?" and "help" are styles, so match the word.
while time.time() - t0 < 10 and b"quit" not in out:
    ready, _, _ = select.select([master], [], [], 0.2)
    if ready:
        try:
            out += os.read(master, 65536)
        except OSError:
            break
if b"quit" not in out:
    print("board never drawn"); p.kill(); sys.exit(1)
os.close(master)
t = time.time()
try:
    code = p.wait(5)
    print("exit %d after %.2f s" % (code, time.time() - t))
except subprocess.TimeoutExpired:
    p.kill()
    print("still running 5 s after the terminal went away")
    sys.exit(1)
