"""Runs `sqa demo` on a pseudo-terminal, opens a new note's text in $EDITOR (an editor script that
saves at once and then waits), and when the editor has saved, closes the terminal's master side
as an SSH drop does. Prints sqa's exit code. Used by tests/e2e_editor_hangup.rs."""
import fcntl, os, select, subprocess, sys, termios, time

binary, store, editor, saved = sys.argv[1:5]
env = dict(os.environ, SQA_STORE=store, SQA_CONFIG=store + ".toml", SQA_TODAY="23/11/2026",
           SQA_NOW="2026-11-23T10:00:00Z", SQA_USER="e2e", TERM="xterm", EDITOR=editor)
env.pop("VISUAL", None)
master, slave = os.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, b"\x18\x00\x50\x00\x00\x00\x00\x00")  # 24 x 80

def controlling_tty():
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)

p = subprocess.Popen([binary, "demo"], stdin=slave, stdout=slave, stderr=slave,
                     start_new_session=True, env=env, preexec_fn=controlling_tty)
os.close(slave)
out = b""

def read_until(what, limit=30):
    global out
    t0 = time.monotonic()
    while time.monotonic() - t0 < limit and what not in out:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                out += os.read(master, 65536)
            except OSError:
                break
    if what not in out:
        print("never saw %r" % what); p.kill(); sys.exit(1)

read_until(b"quit")
os.write(master, b"n")
read_until(b"Note of visit")
os.write(master, b"\x05")  # Ctrl-E
t0 = time.monotonic()
while not os.path.exists(saved):
    # Keep reading so the editor's output never blocks on a full terminal.
    ready, _, _ = select.select([master], [], [], 0.05)
    if ready:
        try:
            os.read(master, 65536)
        except OSError:
            pass
    if time.monotonic() - t0 > 30:
        print("the editor never saved"); p.kill(); sys.exit(1)
os.close(master)
# Waits with select() rather than p.wait(timeout): under libfaketime (the CI's moved-clock runs)
# Python's sleep fails with EINVAL.
t0 = time.monotonic()
while p.poll() is None:
    if time.monotonic() - t0 > 60:
        p.kill()
        print("still running 60 s after the terminal went away")
        sys.exit(1)
    select.select([], [], [], 0.02)
print("exit %d" % p.returncode)
