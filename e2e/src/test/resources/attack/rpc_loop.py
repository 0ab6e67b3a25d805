# sends one json-rpc request to llm-osd over and over, as whoever runs it, and prints each answer
# (one json object per line). with --confirm, a -32002 answer is confirmed at once with its token,
# as a script with --yes would. stops after COUNT requests or SECONDS, whichever comes first.
# usage: rpc_loop.py SOCKET COUNT SECONDS [--confirm] [--cgroup DIR --uid U --gid G] JSON_REQUEST
import json
import os
import socket
import sys
import time

args = sys.argv[1:]
path, count, seconds = args[0], int(args[1]), float(args[2])
rest = args[3:]
confirm = "--confirm" in rest
if confirm:
    rest.remove("--confirm")
if "--cgroup" in rest:
    # a program inside one of the daemon's sandbox cgroups: join it as root, then become the user
    i = rest.index("--cgroup")
    with open(os.path.join(rest[i + 1], "cgroup.procs"), "w") as procs:
        procs.write(str(os.getpid()))
    uid, gid = int(rest[rest.index("--uid") + 1]), int(rest[rest.index("--gid") + 1])
    os.setgroups([gid])
    os.setresgid(gid, gid, gid)
    os.setresuid(uid, uid, uid)
    rest = [a for j, a in enumerate(rest) if j not in (i, i + 1, rest.index("--uid"), rest.index("--uid") + 1,
                                                      rest.index("--gid"), rest.index("--gid") + 1)]
request = json.loads(rest[-1])

sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
sock.connect(path)
stream = sock.makefile("rwb")


def call(message):
    stream.write(json.dumps(message).encode() + b"\n")
    stream.flush()
    while True:
        line = stream.readline()
        if not line:
            raise SystemExit("the daemon closed the connection")
        answer = json.loads(line)
        if "id" in answer and answer["id"] == message["id"]:
            return answer


deadline = time.monotonic() + seconds
for n in range(count):
    if time.monotonic() > deadline:
        break
    request["id"] = n
    answer = call(request)
    if confirm and "error" in answer and answer["error"]["code"] == -32002:
        again = json.loads(json.dumps(request))
        again["params"]["confirm"] = answer["error"]["data"]["confirm"]
        answer = call(again)
    print(json.dumps(answer), flush=True)
