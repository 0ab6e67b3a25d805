#!/usr/bin/env bash
# installs llm-os from a checkout, or uninstalls what an earlier run installed:
#   packaging/install.sh [install]    jars and launchers under /usr/lib/llm-os, llmsh in /usr/bin,
#                                     llm-osd and llm-modeld in /usr/sbin, systemd units (system and
#                                     user), sysusers.d and tmpfiles.d entries, the commented default
#                                     configuration in /etc/llm-os (never over an existing file), man
#                                     pages, completion, and the start-up caches of llmsh and llm-osd
#   packaging/install.sh uninstall    removes exactly what the install recorded in
#                                     /usr/lib/llm-os/install.manifest: configuration files only
#                                     while unchanged, directories only when empty; the daemon's
#                                     state in /var/lib/llm-osd stays
# the programs run on a jdk 25 found at run time (JAVA_HOME, java on PATH, /usr/lib/jvm); the .deb
# (docs/packaging.md) brings its own runtime instead. DESTDIR stages everything under another root
# (for packaging: nothing is started, and the start-up cache is left for the target machine);
# PREFIX, BINDIR, SBINDIR, UNITDIR, USERUNITDIR, SYSCONFDIR, MANDIR and DATADIR override where
# things go. run as root unless DESTDIR is set.
set -euo pipefail
action=${1:-install}
src=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
destdir=${DESTDIR:-}
prefix=${PREFIX:-/usr/lib/llm-os}
bindir=${BINDIR:-/usr/bin}
sbindir=${SBINDIR:-/usr/sbin}
unitdir=${UNITDIR:-/usr/lib/systemd/system}
userunitdir=${USERUNITDIR:-/usr/lib/systemd/user}
sysconfdir=${SYSCONFDIR:-/etc/llm-os}
mandir=${MANDIR:-/usr/share/man}
datadir=${DATADIR:-/usr/share}
manifest=$prefix/install.manifest
dist=$src/packaging/src/main/dist
deb=$src/packaging/src/deb

die() {
    echo "install.sh: $*" >&2
    exit 1
}
[ -n "$destdir" ] || [ "$(id -u)" = 0 ] || die "run as root (or stage into DESTDIR)"
case $action in install|uninstall) ;; *) die "usage: install.sh [install|uninstall]" ;; esac

# every path made is recorded (without DESTDIR) so uninstall removes exactly these: 'f' a file or
# link, 'c' a configuration file with its sha-256 as installed, 'd' a directory made here
records=()
made_dir() {
    local dir
    for dir in "$@"; do
        if [ ! -d "$destdir$dir" ]; then
            # parents first, so each one made is recorded too
            made_dir "$(dirname "$dir")"
            install -d -m 0755 "$destdir$dir"
            records+=("d $dir")
        fi
    done
}
put() { # mode source target
    made_dir "$(dirname "$3")"
    install -m "$1" "$2" "$destdir$3"
    records+=("f $3")
}
link() { # target name
    made_dir "$(dirname "$2")"
    ln -sfn "$1" "$destdir$2"
    records+=("f $2")
}
conf() { # source target: only when there is none, so an admin's file is never replaced
    made_dir "$(dirname "$2")"
    if [ -e "$destdir$2" ]; then
        echo "install.sh: keeping $2 as it is" >&2
        return
    fi
    install -m 0644 "$1" "$destdir$2"
    records+=("c $2 $(sha256sum < "$destdir$2" | cut -d' ' -f1)")
}

uninstall() {
    local kind path sum
    [ -f "$destdir$manifest" ] || die "nothing to uninstall: no $destdir$manifest"
    if [ -z "$destdir" ] && [ -d /run/systemd/system ]; then
        systemctl disable --now llm-osd.socket llm-modeld.socket >/dev/null 2>&1 || true
        systemctl stop llm-osd.service llm-modeld.service >/dev/null 2>&1 || true
    fi
    # files first, then directories deepest first
    while read -r kind path sum; do
        case $kind in
            f) rm -f "$destdir$path" ;;
            c) if [ "$(sha256sum < "$destdir$path" 2>/dev/null | cut -d' ' -f1)" = "$sum" ]; then
                   rm -f "$destdir$path"
               elif [ -e "$destdir$path" ]; then
                   echo "install.sh: keeping $path: it was changed since the install" >&2
               fi ;;
        esac
    done < "$destdir$manifest"
    rm -f "$destdir$manifest"
    grep '^d ' "$destdir$manifest.dirs" 2>/dev/null | cut -d' ' -f2- | sort -r | while read -r path; do
        rmdir "$destdir$path" 2>/dev/null || true
    done
    rm -f "$destdir$manifest.dirs"
    rmdir "$destdir$prefix" 2>/dev/null || true
    if [ -z "$destdir" ] && [ -d /run/systemd/system ]; then
        systemctl daemon-reload
    fi
    echo "uninstalled; the daemon's state in /var/lib/llm-osd is kept (remove it by hand if you want it gone)"
}

if [ "$action" = uninstall ]; then
    uninstall
    exit 0
fi
[ ! -f "$destdir$manifest" ] || die "already installed here ($destdir$manifest): run 'install.sh uninstall' first"

# builds the jars if needed (a checkout's launcher does that on first use)
LLMOS_AOT=0 "$src/bin/llmsh" --version >/dev/null

for jar in "$src"/packaging/target/lib/*.jar "$src"/packaging/target/lib/*.classpath; do
    put 0644 "$jar" "$prefix/lib/${jar##*/}"
done
for launcher in llmsh llm-osd llm-modeld; do
    put 0755 "$src/bin/$launcher" "$prefix/bin/$launcher"
done
put 0644 "$src/bin/llmos-env.sh" "$prefix/bin/llmos-env.sh"
put 0644 "$src/bin/llmos-java.sh" "$prefix/bin/llmos-java.sh"
link "$prefix/bin/llmsh" "$bindir/llmsh"
link "$prefix/bin/llm-osd" "$sbindir/llm-osd"
link "$prefix/bin/llm-modeld" "$sbindir/llm-modeld"

for unit in "$dist"/systemd/system/*; do
    put 0644 "$unit" "$unitdir/${unit##*/}"
done
for unit in "$dist"/systemd/user/*; do
    put 0644 "$unit" "$userunitdir/${unit##*/}"
done
put 0644 "$deb/llm-os.sysusers" /usr/lib/sysusers.d/llm-os.conf
put 0644 "$deb/llm-os.tmpfiles" /usr/lib/tmpfiles.d/llm-os.conf

# the commented defaults (the same the .deb ships as conffiles)
conf "$deb/etc/policy.toml" "$sysconfdir/policy.toml"
conf "$deb/etc/modeld.env" "$sysconfdir/modeld.env"
planner=$(mktemp)
trap 'rm -f "$planner"' EXIT
"$deb/planner-conf.sh" "$dist/config/planner.toml" > "$planner"
conf "$planner" "$sysconfdir/planner.toml"
made_dir "$sysconfdir/policy.d"

# man pages (written by the build from the command models) and completion scripts
put 0644 "$src/packaging/target/man/llmsh.1" "$mandir/man1/llmsh.1"
put 0644 "$src/packaging/target/man/llm-osd.8" "$mandir/man8/llm-osd.8"
put 0644 "$src/packaging/target/man/llm-modeld.8" "$mandir/man8/llm-modeld.8"
completions=$(mktemp -d)
trap 'rm -f "$planner"; rm -rf "$completions"' EXIT
"$src/bin/llmsh" completion bash > "$completions/bash"
"$src/bin/llmsh" completion zsh > "$completions/zsh"
"$src/bin/llmsh" completion fish > "$completions/fish"
put 0644 "$completions/bash" "$datadir/bash-completion/completions/llmsh"
put 0644 "$completions/zsh" "$datadir/zsh/vendor-completions/_llmsh"
put 0644 "$completions/fish" "$datadir/fish/vendor_completions.d/llmsh.fish"

# the start-up caches of llmsh and llm-osd, trained against the installed jars at their final paths
if [ -z "$destdir" ]; then
    made_dir /var/cache/llm-os
    (
        . "$prefix/bin/llmos-env.sh"
        llmos_train_aot /var/cache/llm-os/llmsh.aot "$LLMOS_SHELL_CLASSPATH"
        llmos_train_daemon_aot /var/cache/llm-os/llm-osd.aot
    )
    for cache in /var/cache/llm-os/llmsh.aot /var/cache/llm-os/llm-osd.aot; do
        if [ -f "$cache" ]; then
            chmod 0644 "$cache"
            records+=("f $cache")
        fi
    done
fi

made_dir "$prefix"
printf '%s\n' "${records[@]}" | grep -v '^d ' > "$destdir$manifest"
printf '%s\n' "${records[@]}" | grep '^d ' > "$destdir$manifest.dirs" || true
echo "installed under ${destdir:-/} (what: $manifest)"
if [ -z "$destdir" ] && [ -d /run/systemd/system ]; then
    command -v systemd-sysusers >/dev/null && systemd-sysusers llm-os.conf
    command -v systemd-tmpfiles >/dev/null && systemd-tmpfiles --create llm-os.conf
    systemctl daemon-reload
    echo "enable with: systemctl enable --now llm-osd.socket"
elif [ -z "$destdir" ]; then
    echo "systemd is not running here; start the daemon with: llm-osd"
fi
