# shellcheck shell=bash
# sourced by the launchers and bin/test: finds a java 25 and sets LLMOS_JAVA and LLMOS_JAVA_HOME.

llmos_die() {
    echo "llm-os: $*" >&2
    exit 4
}

# true when the jdk at $1 has an executable java and a release file that says 25 (bash builtins
# only: this runs before every llmsh command, where each extra process costs start-up time)
llmos_is_jdk25() {
    local release=""
    [ -x "$1/bin/java" ] && [ -r "$1/release" ] || return 1
    IFS= read -r -d '' release < "$1/release"
    [[ $'\n'$release == *$'\nJAVA_VERSION="25"'* || $'\n'$release == *$'\nJAVA_VERSION="25.'* ]]
}

# a java 25 runtime: an installed tree's own (runtime/ beside bin/, the jlink image a package
# ships), else a jdk whose release file says 25: JAVA_HOME first, then the one a checkout was built
# and its aot cache trained with (packaging/target/java-home: found without the two helper
# processes the PATH lookup costs), then java on PATH, then /usr/lib/jvm
llmos_find_java() {
    local candidate home built=/nonexistent
    if [ -r "${LLMOS_HOME:-/nonexistent}/packaging/target/java-home" ]; then
        IFS= read -r built < "$LLMOS_HOME/packaging/target/java-home" || true
    fi
    for home in "${LLMOS_HOME:-/nonexistent}/runtime" "${JAVA_HOME:-/nonexistent}" "${built:-/nonexistent}" PATH \
            /usr/lib/jvm/*25*; do
        if [ "$home" = PATH ]; then
            candidate=$(command -v java 2>/dev/null) || continue
            candidate=$(readlink -f "$candidate")
            home=${candidate%/bin/java}
        fi
        if llmos_is_jdk25 "$home"; then
            LLMOS_JAVA=$home/bin/java
            LLMOS_JAVA_HOME=$home
            return 0
        fi
    done
    llmos_die "no JDK 25 found (looked at \$JAVA_HOME, java on PATH and /usr/lib/jvm/*25*).
  install one, e.g. 'apt-get install temurin-25-jdk' from adoptium or a JDK 25 tarball, then set JAVA_HOME."
}

