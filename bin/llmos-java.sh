# shellcheck shell=bash
# sourced by the launchers and bin/test: finds a jdk 25 and sets LLMOS_JAVA and LLMOS_JAVA_HOME.

llmos_die() {
    echo "llm-os: $*" >&2
    exit 4
}

# a jdk whose release file says 25; JAVA_HOME first, then java on PATH, then /usr/lib/jvm
llmos_find_java() {
    local candidates=() candidate home
    [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
    candidate=$(command -v java 2>/dev/null) && candidates+=("$(readlink -f "$candidate")")
    for home in /usr/lib/jvm/*25*; do
        [ -d "$home" ] && candidates+=("$home/bin/java")
    done
    for candidate in "${candidates[@]}"; do
        home=$(dirname "$(dirname "$candidate")")
        if [ -x "$candidate" ] && grep -qE '^JAVA_VERSION="25([."]|$)' "$home/release" 2>/dev/null; then
            LLMOS_JAVA=$candidate
            LLMOS_JAVA_HOME=$home
            return 0
        fi
    done
    llmos_die "no JDK 25 found (looked at \$JAVA_HOME, java on PATH and /usr/lib/jvm/*25*).
  install one, e.g. 'apt-get install temurin-25-jdk' from adoptium or a JDK 25 tarball, then set JAVA_HOME."
}

