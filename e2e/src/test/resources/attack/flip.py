# flips a symlink between targets as fast as it can, as whoever runs it, until killed: the racing
# user of the issue 10 attacks. usage: flip.py LINK TARGET_A TARGET_B
import os
import sys

link, targets = sys.argv[1], sys.argv[2:]
tmp = link + ".flip"
i = 0
while True:
    try:
        os.unlink(tmp)
    except FileNotFoundError:
        pass
    os.symlink(targets[i % len(targets)], tmp)
    os.rename(tmp, link)
    i += 1
