# swaps what a name is, as fast as it can, as whoever runs it, until killed: a real directory of
# the user's, then a symlink to somewhere else, then the directory again. usage: swap_dir.py NAME TARGET
# (NAME.dir must be the user's directory; NAME.link is made here)
import os
import sys

name, target = sys.argv[1], sys.argv[2]
real, link = name + ".dir", name + ".link"
if not os.path.lexists(link):
    os.symlink(target, link)
while True:
    os.rename(real, name)
    os.rename(name, real)
    os.rename(link, name)
    os.rename(name, link)
