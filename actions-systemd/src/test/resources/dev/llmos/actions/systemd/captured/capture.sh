#!/usr/bin/env bash
# captures real systemctl, journalctl, hostnamectl and timedatectl output from a booted systemd
# (systemd 252, debian bookworm, in systemd-nspawn) into this directory; the parser tests read it.
# usage: capture.sh PID  (PID: the container's systemd, as in the e2e SystemdContainer)
set -u
L=$1
N=(nsenter -t "$L" -a)
U=(nsenter -t "$L" -a setpriv --reuid=1000 --regid=100 --clear-groups --)
PROPS=Id,Description,LoadState,ActiveState,SubState,UnitFileState,MainPID,StateChangeTimestamp,Result,ExecMainCode,ExecMainStatus,FragmentPath,NRestarts,LoadError
FIELDS=MESSAGE,PRIORITY,_PID,_SYSTEMD_UNIT,UNIT,_SYSTEMD_USER_UNIT,USER_UNIT,SYSLOG_IDENTIFIER,_COMM
"${N[@]}" id -u probeuser >/dev/null 2>&1 || "${N[@]}" useradd -u 1000 -g 100 -m probeuser
"${N[@]}" sh -c 'cat > /etc/systemd/system/probe.service' <<'UNIT'
[Unit]
Description=llm-os probe unit
[Service]
ExecStartPre=/bin/echo probe-marker started
ExecStart=/bin/sleep infinity
[Install]
WantedBy=multi-user.target
UNIT
"${N[@]}" systemctl daemon-reload
"${N[@]}" systemctl stop probe.service binprobe.service 2>/dev/null
"${N[@]}" systemctl reset-failed 2>/dev/null
"${N[@]}" systemctl --timestamp=unix show -p "$PROPS" -- probe.service > show-probe-inactive.txt
"${N[@]}" systemctl start probe.service
"${N[@]}" systemctl --timestamp=unix show -p "$PROPS" -- probe.service > show-probe-active.txt
"${N[@]}" systemctl --timestamp=unix show -p "$PROPS" -- nosuch.service > show-not-found.txt
"${N[@]}" systemctl --timestamp=unix show -p "$PROPS" -- 'getty@tty1.service' > show-template-instance.txt
"${N[@]}" systemd-run --unit=binprobe -p Type=oneshot /bin/sh -c 'printf "bin\001ary line\n"; echo plain; echo boom >&2; exit 3' 2> job-failed.err
"${N[@]}" systemctl --timestamp=unix show -p "$PROPS" -- binprobe.service > show-failed.txt
"${N[@]}" systemctl list-units --all --output=json > list-units.json
"${N[@]}" systemctl list-unit-files --output=json > list-unit-files.json
"${N[@]}" journalctl --no-pager --output=json --all --output-fields="$FIELDS" -u binprobe.service -n 20 > journal-binprobe.jsonl
"${N[@]}" journalctl --no-pager --output=json --all --output-fields="$FIELDS" -u probe.service -n 20 > journal-probe.jsonl
"${N[@]}" journalctl --no-pager --output=json --all --output-fields="$FIELDS" -u probe.service -g nomatchxyz > journal-grep-nomatch.out 2> journal-grep-nomatch.err; echo $? > journal-grep-nomatch.rc
"${N[@]}" journalctl --no-pager --since=garbage -n 1 2> journal-bad-since.err
"${N[@]}" journalctl --no-pager -g '(' -n 1 2> journal-bad-grep.err
"${N[@]}" journalctl --no-pager -p error -n 1 2> journal-bad-priority.err
"${N[@]}" journalctl --no-pager --output=json --all --boot=-1 -n 1 2> journal-no-boot.err > /dev/null; echo $? > journal-no-boot.rc
"${N[@]}" journalctl --no-pager --list-boots --output=json > journal-list-boots.json
"${N[@]}" journalctl --no-pager --lines=1 --output=json --output-fields=_BOOT_ID > journal-newest.jsonl
"${U[@]}" journalctl --no-pager --output=json -u probe.service -n 1 2> journal-unprivileged.err
"${U[@]}" systemctl --no-pager --no-ask-password start probe.service 2> start-unprivileged.err
"${U[@]}" systemctl --no-pager --no-ask-password enable probe.service 2> enable-unprivileged.err
"${U[@]}" systemctl --no-pager --no-ask-password --user list-units 2> user-no-bus.err
"${N[@]}" systemctl --no-pager --no-ask-password start nosuch.service 2> start-not-found.err; echo $? > start-not-found.rc
"${N[@]}" systemctl --no-pager --no-ask-password stop nosuch.service 2> stop-not-loaded.err; echo $? > stop-not-loaded.rc
"${N[@]}" systemctl --no-pager --no-ask-password enable nosuch.service 2> enable-not-found.err
"${N[@]}" systemctl --no-pager --no-ask-password enable systemd-journald.service 2> enable-no-install.err; echo $? > enable-no-install.rc
"${N[@]}" systemctl --no-pager --no-ask-password enable probe.service 2> enable-created.err
"${N[@]}" systemctl --no-pager --no-ask-password disable probe.service 2> disable-removed.err
"${N[@]}" systemctl --no-pager --no-ask-password start 'bad@.service' 2> start-template.err
"${N[@]}" hostnamectl --json=short > hostnamectl.json
"${N[@]}" hostnamectl set-hostname --static -- -bad 2> hostname-invalid.err
"${U[@]}" hostnamectl set-hostname --static -- web-01 2> hostname-unprivileged.err
"${N[@]}" timedatectl show > timedatectl-show.txt
"${N[@]}" timedatectl set-timezone Nowhere/Bad 2> timezone-invalid.err
"${U[@]}" timedatectl set-timezone Europe/Paris 2> timezone-unprivileged.err
"${N[@]}" systemctl stop probe.service
systemctl --no-pager show -p ActiveState -- probe.service 2> not-booted.err
true
