# shellcheck shell=bash
# sourced by the launchers: finds a jdk 25, builds the distribution when it is missing or older
# than the sources (repository checkout), and sets LLMOS_JAVA, LLMOS_LIB and LLMOS_SHELL_CLASSPATH (lib/llmsh.jar);
# the other launchers get their class path from llmos_classpath.

llmos_self=${BASH_SOURCE[0]}
[ -L "$llmos_self" ] && llmos_self=$(readlink -f "$llmos_self")
# the checkout or installed tree: the parent of bin/, without a subshell when the path is plain
# (absolute, no . or .. in it); the jars' paths must be spelled alike from run to run, or the jvm
# ignores the aot cache
llmos_dir=${llmos_self%/*}
[[ $llmos_dir == /* ]] || llmos_dir=$PWD/$llmos_dir
if [[ $llmos_dir == */bin && $llmos_dir != *//* && $llmos_dir != */./* && $llmos_dir != */../* ]]; then
    LLMOS_HOME=${llmos_dir%/bin}
else
    LLMOS_HOME=$(cd "$llmos_dir/.." && pwd)
fi
# shellcheck source=llmos-java.sh
. "$LLMOS_HOME/bin/llmos-java.sh"

# true when the packaged jars are missing or any build input is newer than them: the poms and each
# module's src/main down to src/main/java, as the last build listed them (packaging/target/build-inputs:
# the globs cost more than the tests, and a new module changes the root pom). bash tests only, no helper
# process: this runs before every llmsh command
llmos_stale() {
    local stamp=$LLMOS_HOME/packaging/target/classpath inputs=$LLMOS_HOME/packaging/target/build-inputs input
    local -a listed
    [ -f "$stamp" ] && [ -f "$inputs" ] || return 0
    mapfile -t listed < "$inputs"
    for input in "$LLMOS_HOME"/pom.xml "${listed[@]}"; do
        [[ $input -nt $stamp ]] && return 0
    done
    return 1
}

# sets REPLY to a program's own class path in lib $1: the jar of module $2 and what each of the lists
# after it (lib/LIST.classpath, written by the build; @LIB@ stands for the lib directory) names, so
# the daemon does not load the mcp server's jetty, nor llm-modeld the action families (llmsh is one
# jar: lib/llmsh.jar). llm-osd: daemon llm-osd llm-osd-plugins (the action families the distribution ships);
# llm-modeld: modeld llm-modeld; llmsh mcp reads lib/mcp.classpath itself
llmos_classpath() {
    local lib=$1 list names="" jar=("$1/$2"-[0-9]*.jar)
    REPLY=${jar[0]}
    shift 2
    for list; do
        IFS= read -r names < "$lib/$list.classpath" || [ -n "$names" ] || llmos_die "no $lib/$list.classpath; rebuild"
        REPLY=$REPLY:${names//@LIB@/$lib}
    done
}

# jvm flags of llmsh; the aot cache is only used with the flags it was trained with. the two
# properties keep a one-shot run off two slow paths of the jdk: the first socket channel looks for a
# SelectorProvider service in every jar of the class path (opening each, 10 to 25 ms) unless the
# property names the provider, and a reflective constructor call (the security provider behind the
# unix socket's SecureRandom) spins method-handle classes at run time unless reflection stays native.
# the export lets llmsh initialise the jdk's unix sockets under a provider list of its own, without
# the SUN provider their SecureRandom would load (about 12 ms; dev.llmos.shell.UnixSockets).
# the compile threshold scaling keeps c1 from compiling, at start, the methods the aot cache's
# training profile calls hot (about 10 ms of cpu of a one-shot run, on a 2-core machine most of it
# felt); a long run (repl, loop, mcp) still compiles what it repeats, a few hundred calls later
LLMOS_SHELL_JVM_FLAGS=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=5 -Xss512k -XX:-UsePerfData
    --enable-native-access=ALL-UNNAMED
    -Djava.nio.channels.spi.SelectorProvider=sun.nio.ch.EPollSelectorProvider -Djdk.reflect.useNativeAccessorOnly=true
    --add-exports=java.base/sun.security.jca=ALL-UNNAMED)

# records the classes a typical llmsh run loads into an aot cache (jdk 25, jep 514), so later runs
# map them instead of loading and linking them again
llmos_train_aot() {
    local cache=$1 classpath=$2
    LLMOS_AOT_TRAINING=1 "$LLMOS_JAVA" -XX:AOTCacheOutput="$cache" -Xlog:disable -Xlog:all=off \
        "${LLMOS_SHELL_JVM_FLAGS[@]}" -cp "$classpath" dev.llmos.shell.Main \
        --no-autostart --socket /nonexistent/llm-osd.sock status >/dev/null 2>&1 || true
}

# jvm flags of the daemon; its aot cache too is only used with the flags it was trained with. c1 only: a
# socket-activated daemon that exits when idle spends most of its life starting and warming up, where c2's
# compiles cost as much cpu as the requests (half the daemon's cpu in a loop); without c2 it starts in half
# the time and cpu, and a loop step costs it 0.5x the cpu (docs/benchmarks.md, 2026-12-07)
LLMOS_DAEMON_JVM_FLAGS=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k --enable-native-access=ALL-UNNAMED
    --add-exports=java.base/sun.nio.ch=ALL-UNNAMED)

# the same for the daemon, whose start is mostly loading and linking classes (the catalog, schema
# generation, jackson): a daemon on a scratch socket, state, policy and configuration (no audit
# anchor, so nothing reaches the journal) answers llmsh's status, actions and a policy check, then
# stops; the cache is written as it exits. an installed system's first request after an idle exit
# starts about 2.5 times faster with it (docs/packaging.md).
llmos_train_daemon_aot() {
    local cache=$1 scratch pid i
    scratch=$(mktemp -d)
    : > "$scratch/policy.toml"
    printf '[audit]\nanchor = "none"\n' > "$scratch/config.toml"
    llmos_classpath "$LLMOS_LIB" daemon llm-osd llm-osd-plugins
    "$LLMOS_JAVA" -XX:AOTCacheOutput="$cache" -Xlog:disable -Xlog:all=off "${LLMOS_DAEMON_JVM_FLAGS[@]}" \
        -cp "$REPLY" dev.llmos.daemon.Main --socket "$scratch/llm-osd.sock" --state-dir "$scratch/state" \
        --policy "$scratch/policy.toml" --config "$scratch/config.toml" --idle-exit 0 >/dev/null 2>&1 &
    pid=$!
    for ((i = 0; i < 1200; i++)); do
        [ -S "$scratch/llm-osd.sock" ] && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    "$LLMOS_HOME/bin/llmsh" --no-autostart --socket "$scratch/llm-osd.sock" status >/dev/null 2>&1 || true
    "$LLMOS_HOME/bin/llmsh" --no-autostart --socket "$scratch/llm-osd.sock" actions >/dev/null 2>&1 || true
    "$LLMOS_HOME/bin/llmsh" --no-autostart --socket "$scratch/llm-osd.sock" policy check fs.delete path=/etc/passwd \
        >/dev/null 2>&1 || true
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    rm -rf "$scratch"
}

llmos_build() {
    mkdir -p "$LLMOS_HOME/packaging/target"
    (
        flock 9
        if llmos_stale; then
            echo "llm-os: building (first run or sources changed)..." >&2
            JAVA_HOME=$LLMOS_JAVA_HOME MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" "$LLMOS_HOME/mvnw" -q -f "$LLMOS_HOME/pom.xml" -DskipTests \
                -Dcheckstyle.skip -Ddeb.skip=true package -pl packaging -am >&2 \
                || llmos_die "build failed; run '$LLMOS_HOME/mvnw -f $LLMOS_HOME/pom.xml package' to see why"
            (cd "$LLMOS_HOME/packaging/target/lib" && ls -1 ./*.jar | sed "s#^\./#$LLMOS_HOME/packaging/target/lib/#" \
                | paste -sd: -) > "$LLMOS_HOME/packaging/target/classpath.tmp"
            mv "$LLMOS_HOME/packaging/target/classpath.tmp" "$LLMOS_HOME/packaging/target/classpath"
            printf '%s\n' "$LLMOS_JAVA_HOME" > "$LLMOS_HOME/packaging/target/java-home"
            printf '%s\n' "$LLMOS_HOME"/*/pom.xml "$LLMOS_HOME"/*/src/main "$LLMOS_HOME"/*/src/main/* \
                > "$LLMOS_HOME/packaging/target/build-inputs"
            rm -f "$LLMOS_HOME"/packaging/target/*.aot
            llmos_train_aot "$LLMOS_HOME/packaging/target/llmsh.aot" "$LLMOS_HOME/packaging/target/lib/llmsh.jar"
        fi
    ) 9>"$LLMOS_HOME/packaging/target/.build.lock"
}

llmos_find_java
if [ -d "$LLMOS_HOME/lib" ]; then
    # an installed tree: bin/ and lib/ side by side, nothing to build
    LLMOS_LIB=$LLMOS_HOME/lib
    LLMOS_AOT_DIR=${LLMOS_AOT_DIR:-/var/cache/llm-os}
else
    if [ "${LLMOS_NO_BUILD:-}" != 1 ] && llmos_stale; then
        llmos_build
    fi
    LLMOS_LIB=$LLMOS_HOME/packaging/target/lib
    [ -r "$LLMOS_HOME/packaging/target/classpath" ] || llmos_die "no build found under $LLMOS_HOME/packaging/target"
    LLMOS_AOT_DIR=$LLMOS_HOME/packaging/target
fi
# llmsh is one jar, its dependencies inside (shell/pom.xml says why)
LLMOS_SHELL_CLASSPATH=$LLMOS_LIB/llmsh.jar
export LLMOS_HOME
