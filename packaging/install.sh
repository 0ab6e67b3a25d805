#!/usr/bin/env bash
# installs llm-os on this host: jars and launchers under /usr/lib/llm-os, commands in /usr/bin
# and /usr/sbin, systemd units (system and user), and the llmsh start-up cache. run as root from
# a checkout; then 'systemctl enable --now llm-osd.socket'. PREFIX, BINDIR, SBINDIR, UNITDIR and
# USERUNITDIR override where things go.
set -euo pipefail
[ "$(id -u)" = 0 ] || { echo "install.sh: run as root" >&2; exit 1; }
src=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
prefix=${PREFIX:-/usr/lib/llm-os}
unitdir=${UNITDIR:-/etc/systemd/system}
userunitdir=${USERUNITDIR:-/etc/systemd/user}
bindir=${BINDIR:-/usr/bin}
sbindir=${SBINDIR:-/usr/sbin}

# builds the jars if needed
LLMOS_AOT=0 "$src/bin/llmsh" --version >/dev/null

install -d -m 0755 "$prefix/bin" "$prefix/lib" /var/cache/llm-os
rm -f "$prefix"/lib/*.jar
install -m 0644 "$src"/packaging/target/lib/*.jar "$src/packaging/target/lib/llmsh.classpath" "$prefix/lib/"
install -m 0755 "$src/bin/llmsh" "$src/bin/llm-osd" "$src/bin/llm-modeld" "$prefix/bin/"
install -m 0644 "$src/bin/llmos-env.sh" "$src/bin/llmos-java.sh" "$prefix/bin/"
install -d -m 0755 "$bindir" "$sbindir"
ln -sf "$prefix/bin/llmsh" "$bindir/llmsh"
ln -sf "$prefix/bin/llm-osd" "$sbindir/llm-osd"
ln -sf "$prefix/bin/llm-modeld" "$sbindir/llm-modeld"
install -d -m 0755 /etc/llm-os /usr/share/doc/llm-os
install -m 0644 "$src/packaging/src/main/dist/config/planner.toml" /usr/share/doc/llm-os/planner.toml.example
# man pages (written by the build from the command models) and shell completion
install -d -m 0755 /usr/share/man/man1 /usr/share/man/man8 /usr/share/bash-completion/completions \
    /usr/share/zsh/vendor-completions /usr/share/fish/vendor_completions.d
install -m 0644 "$src/packaging/target/man/llmsh.1" /usr/share/man/man1/
install -m 0644 "$src/packaging/target/man/llm-osd.8" "$src/packaging/target/man/llm-modeld.8" /usr/share/man/man8/
"$src/bin/llmsh" completion bash > /usr/share/bash-completion/completions/llmsh
"$src/bin/llmsh" completion zsh > /usr/share/zsh/vendor-completions/_llmsh
"$src/bin/llmsh" completion fish > /usr/share/fish/vendor_completions.d/llmsh.fish
install -d -m 0755 "$unitdir" "$userunitdir"
install -m 0644 "$src"/packaging/src/main/dist/systemd/system/* "$unitdir/"
install -m 0644 "$src"/packaging/src/main/dist/systemd/user/* "$userunitdir/"

# the start-up cache of llmsh, trained against the installed jars
. "$prefix/bin/llmos-env.sh"
rm -f /var/cache/llm-os/llmsh.aot
llmos_train_aot /var/cache/llm-os/llmsh.aot "$LLMOS_SHELL_CLASSPATH"
chmod 0644 /var/cache/llm-os/llmsh.aot 2>/dev/null || true

if [ -d /run/systemd/system ]; then
    systemctl daemon-reload
    echo "installed; enable with: systemctl enable --now llm-osd.socket"
    echo "a local model: set LLMOS_MODEL in /etc/llm-os/modeld.env, systemctl enable --now llm-modeld.socket,"
    echo "and copy /usr/share/doc/llm-os/planner.toml.example to /etc/llm-os/planner.toml"
else
    echo "installed; systemd is not running here, start the daemon with: llm-osd"
fi
