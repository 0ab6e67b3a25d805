#!/usr/bin/env bash
# builds llm-os_VERSION_ARCH.deb from a packaged checkout (run by the packaging module's build in
# the package phase; by hand: packaging/src/deb/build-deb.sh [OUTDIR]). needs a jdk 25 (jlink),
# dpkg-deb and, for the Depends on shared libraries, dpkg-shlibdeps (dpkg-dev).
#   JAVA_HOME    the jdk whose jlink makes the runtime image (default: the one llmsh would use)
#   DEB_VERSION  the package version (default: the maven version, 0.1.0-SNAPSHOT -> 0.1.0~snapshot)
#   DEB_MAINTAINER  the Maintainer field (default: a placeholder lintian calls bogus; see the overrides)
#   DEB_ARCH     the architecture (default: dpkg --print-architecture)
#   DEB_COMPRESS dpkg-deb's compressor and level (default "gzip -z6": 12 s and 5% bigger than
#                "xz -z6", which takes 3 minutes on two cores)
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
src=$(cd "$here/../../.." && pwd)
target=$src/packaging/target
out=${1:-$target}
# shellcheck source=../../../bin/llmos-java.sh
. "$src/bin/llmos-java.sh"
llmos_find_java
jdk=$LLMOS_JAVA_HOME
arch=${DEB_ARCH:-$(dpkg --print-architecture)}
mvn_version=$(sed -n 's#^  <version>\(.*\)</version>#\1#p' "$src/pom.xml" | head -n 1)
DEB_VERSION=${DEB_VERSION:-$(echo "$mvn_version" | sed 's/-SNAPSHOT$/~snapshot/')}
maintainer=${DEB_MAINTAINER:-llm-os developers <llm-os@localhost>}
[ -d "$target/lib" ] && [ -f "$target/man/llmsh.1" ] || { echo "build-deb: run the build first (no $target/lib)" >&2; exit 1; }

work=$target/deb
root=$work/root
prefix=/usr/lib/llm-os
rm -rf "$root"
mkdir -p "$root/DEBIAN"

# the java runtime: a jlink image of just the modules the programs use (docs/packaging.md says how
# they were found), kept between builds while the jdk and the list stay the same
modules=java.base,java.logging,java.management,java.net.http,jdk.security.auth,jdk.unsupported,jdk.zipfs
stamp="$jdk $(tr '\n' ' ' < "$jdk/release") $modules $(sha256sum < "$here/build-deb.sh")"
if [ ! -f "$work/runtime.stamp" ] || [ "$(cat "$work/runtime.stamp")" != "$stamp" ]; then
    echo "build-deb: jlink runtime ($modules)" >&2
    rm -rf "$work/runtime"
    "$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
        --generate-cds-archive --output "$work/runtime" >&2
    # symbols are for debuggers; the class data archive for compressed oops is the one a jvm with
    # less than 32 gib of heap maps; keytool is not used
    find "$work/runtime" -type f \( -name '*.so' -o -perm -u+x \) -exec sh -c \
        'for f; do [ "$(head -c 4 "$f")" = "$(printf "\177ELF")" ] && strip --strip-unneeded "$f"; done; true' strip {} +
    # jexec runs jars through binfmt_misc, which nothing here uses
    rm -f "$work/runtime/lib/server/classes_nocoops.jsa" "$work/runtime/bin/keytool" "$work/runtime/lib/jexec"
    # jlink writes the license texts read-only; a package's files are 0644
    chmod -R u+w,go-w "$work/runtime"
    echo "$stamp" > "$work/runtime.stamp"
fi
mkdir -p "$root$prefix"
cp -al "$work/runtime" "$root$prefix/runtime"

# the jars, without the native libraries of other systems and architectures
"$jdk/bin/java" -cp "$target/classes" dev.llmos.packaging.SlimJarsMain "$target/lib" "$work/lib" "$arch" >&2
cp -al "$work/lib" "$root$prefix/lib"
install -m 0644 "$target"/lib/*.classpath "$root$prefix/lib/"

# launchers: bin/ beside lib/ and runtime/ is what llmos-env.sh calls an installed tree
install -d -m 0755 "$root$prefix/bin" "$root/usr/bin" "$root/usr/sbin"
install -m 0755 "$src/bin/llmsh" "$src/bin/llm-osd" "$src/bin/llm-modeld" "$root$prefix/bin/"
install -m 0644 "$src/bin/llmos-env.sh" "$src/bin/llmos-java.sh" "$root$prefix/bin/"
ln -s ../lib/llm-os/bin/llmsh "$root/usr/bin/llmsh"
ln -s ../lib/llm-os/bin/llm-osd "$root/usr/sbin/llm-osd"
ln -s ../lib/llm-os/bin/llm-modeld "$root/usr/sbin/llm-modeld"

# units, sysusers and tmpfiles
dist=$src/packaging/src/main/dist
install -d -m 0755 "$root/usr/lib/systemd/system" "$root/usr/lib/systemd/user" "$root/usr/lib/sysusers.d" \
    "$root/usr/lib/tmpfiles.d"
install -m 0644 "$dist"/systemd/system/* "$root/usr/lib/systemd/system/"
install -m 0644 "$dist"/systemd/user/* "$root/usr/lib/systemd/user/"
install -m 0644 "$here/llm-os.sysusers" "$root/usr/lib/sysusers.d/llm-os.conf"
install -m 0644 "$here/llm-os.tmpfiles" "$root/usr/lib/tmpfiles.d/llm-os.conf"

# configuration (conffiles): everything commented, so the defaults apply until the admin says otherwise
install -d -m 0755 "$root/etc/llm-os" "$root/etc/llm-os/policy.d"
install -m 0644 "$here/etc/policy.toml" "$here/etc/modeld.env" "$root/etc/llm-os/"
"$here/planner-conf.sh" "$dist/config/planner.toml" > "$root/etc/llm-os/planner.toml"
chmod 0644 "$root/etc/llm-os/planner.toml"
(cd "$root" && find etc -type f | sed 's#^#/#' | sort) > "$root/DEBIAN/conffiles"

# man pages, completion scripts (from the staged llmsh on the staged runtime), documentation
install -d -m 0755 "$root/usr/share/man/man1" "$root/usr/share/man/man8"
gzip -9n < "$target/man/llmsh.1" > "$root/usr/share/man/man1/llmsh.1.gz"
gzip -9n < "$target/man/llm-osd.8" > "$root/usr/share/man/man8/llm-osd.8.gz"
gzip -9n < "$target/man/llm-modeld.8" > "$root/usr/share/man/man8/llm-modeld.8.gz"
install -d -m 0755 "$root/usr/share/bash-completion/completions" "$root/usr/share/zsh/vendor-completions" \
    "$root/usr/share/fish/vendor_completions.d"
staged() { env -i PATH=/usr/bin:/bin HOME=/nonexistent LLMOS_AOT_DIR=/nonexistent "$root$prefix/bin/llmsh" "$@"; }
staged completion bash > "$root/usr/share/bash-completion/completions/llmsh"
staged completion zsh > "$root/usr/share/zsh/vendor-completions/_llmsh"
staged completion fish > "$root/usr/share/fish/vendor_completions.d/llmsh.fish"
install -d -m 0755 "$root/usr/share/doc/llm-os" "$root/usr/share/lintian/overrides"
install -m 0644 "$here/copyright" "$root/usr/share/doc/llm-os/copyright"
install -m 0644 "$src/docs/packaging.md" "$root/usr/share/doc/llm-os/packaging.md"
install -m 0644 "$src/policy/README.md" "$root/usr/share/doc/llm-os/README.policy.md"
printf 'llm-os (%s) unstable; urgency=medium\n\n  * Built from the llm-os sources.\n\n -- %s  %s\n' \
    "$DEB_VERSION" "$maintainer" "$(date -R -d "@${SOURCE_DATE_EPOCH:-$(stat -c %Y "$src/pom.xml")}")" \
    | gzip -9n > "$root/usr/share/doc/llm-os/changelog.gz"
install -m 0644 "$here/lintian-overrides" "$root/usr/share/lintian/overrides/llm-os"

# maintainer scripts and control: Depends on the shared libraries the runtime and the bundled
# native libraries need (found by dpkg-shlibdeps, as debhelper would), plus the core's tools
install -m 0755 "$here/postinst" "$here/prerm" "$here/postrm" "$root/DEBIAN/"
# the shared libraries come from the runtime and from the third-party jars that bundle native
# libraries (llm-os's own jars have none), so they are looked for again only when those change:
# opening every jar and dpkg-shlibdeps take half of this script's time
mapfile -t third_party < <(cd "$root$prefix/lib" && ls -- *.jar | grep -v -e "-$mvn_version\.jar$")
shlibs_stamp="$(cat "$work/runtime.stamp") $(command -v dpkg-shlibdeps || true) $(cd "$root$prefix/lib" && stat -c '%n %s %Y' -- "${third_party[@]}")"
if [ ! -f "$work/shlibs.stamp" ] || [ "$(cat "$work/shlibs.stamp")" != "$shlibs_stamp" ]; then
    natives=$work/natives
    rm -rf "$natives" && mkdir -p "$natives"
    for jar in "${third_party[@]}"; do
        mapfile -t libs < <("$jdk/bin/jar" tf "$root$prefix/lib/$jar" | grep -E '\.so(\.[0-9.]+)?$' || true)
        [ ${#libs[@]} -eq 0 ] || (cd "$natives" && "$jdk/bin/jar" xf "$root$prefix/lib/$jar" "${libs[@]}")
    done
    # onnx runtime's jni library names its engine libonnxruntime.so.1, which the jar ships as
    # libonnxruntime.so (loaded by path first)
    find "$natives" -name libonnxruntime.so -execdir ln -sf libonnxruntime.so libonnxruntime.so.1 \;
    shlibs="libc6, libstdc++6, libgcc-s1, libgomp1"
    if command -v dpkg-shlibdeps >/dev/null; then
        mkdir -p "$work/shlibs/debian"
        printf 'Source: llm-os\n\nPackage: llm-os\nArchitecture: any\n' > "$work/shlibs/debian/control"
        mapfile -t objects < <(find "$root$prefix/runtime" "$natives" -name '*.so*' -type f)
        mapfile -t libdirs < <(find "$root$prefix/runtime" "$natives" -name '*.so*' -type f -printf '-l%h\n' | sort -u)
        shlibs=$(cd "$work/shlibs" && dpkg-shlibdeps --ignore-missing-info -O "${libdirs[@]}" "${objects[@]}" 2>/dev/null \
            | sed -n 's/^shlibs:Depends=//p')
    fi
    echo "$shlibs" > "$work/shlibs.depends"
    echo "$shlibs_stamp" > "$work/shlibs.stamp"
fi
shlibs=$(cat "$work/shlibs.depends")
(cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z | xargs -0 md5sum) > "$root/DEBIAN/md5sums"
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s/@VERSION@/$DEB_VERSION/" -e "s/@MAINTAINER@/$maintainer/" -e "s/@ARCH@/$arch/" -e "s/@INSTALLED_SIZE@/$size/" -e "s/@SHLIBS@/$shlibs/" \
    "$here/control.in" > "$root/DEBIAN/control"

mkdir -p "$out"
deb=$out/llm-os_${DEB_VERSION}_${arch}.deb
read -r compressor level <<< "${DEB_COMPRESS:-gzip -z6}"
dpkg-deb --root-owner-group "-Z$compressor" "$level" --build "$root" "$deb" >&2
echo "$deb"
