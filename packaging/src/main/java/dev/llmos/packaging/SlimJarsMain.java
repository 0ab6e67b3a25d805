package dev.llmos.packaging;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

/**
 * copies the distribution's jars for one machine architecture, leaving out the native libraries
 * built for every other one (onnx runtime, llama.cpp, the tokenizers and jna each bundle macos,
 * windows, arm and more: about 90 mib of the 213 no installed program can load). a native entry
 * (a shared library, a static archive, debug symbols) is kept only when its path names linux and
 * this architecture; everything else is copied unchanged, and a jar with nothing to leave out (or
 * a signed one, whose signature a missing entry would break) is copied as it is. usage: {@code SlimJarsMain FROM_DIR TO_DIR ARCH}, with
 * {@code ARCH} {@code amd64} or {@code arm64} (debian's names).
 */
public final class SlimJarsMain {
    private static final Pattern NATIVE = Pattern.compile(".*(\\.so(\\.[0-9.]+)?|\\.dylib|\\.dll|\\.jnilib|\\.a|\\.pdb|\\.dSYM/.*)$");
    private static final Pattern SIGNATURE = Pattern.compile("META-INF/[^/]+\\.(SF|RSA|DSA|EC)");
    /** zip entry times of the copies: fixed, so two builds of the same jars give the same bytes. */
    private static final FileTime EPOCH = FileTime.fromMillis(315532800000L);

    private SlimJarsMain() {
    }

    public static void main(String[] args) throws IOException {
        Path from = Path.of(args[0]);
        Path to = Files.createDirectories(Path.of(args[1]));
        List<String> arch = archNames(args[2]);
        List<Path> sources;
        try (Stream<Path> jars = Files.list(from)) {
            sources = jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
        // a copy whose jar is gone is removed; one newer than its jar is kept from the last build
        try (Stream<Path> copies = Files.list(to)) {
            for (Path copy : copies.toList()) {
                if (!Files.exists(from.resolve(copy.getFileName()))) {
                    Files.delete(copy);
                }
            }
        }
        long before = 0;
        long after = 0;
        for (Path jar : sources) {
            Path copy = to.resolve(jar.getFileName());
            if (!Files.exists(copy) || Files.getLastModifiedTime(copy).compareTo(Files.getLastModifiedTime(jar)) < 0) {
                Files.deleteIfExists(copy);
                if (signed(jar) || !hasForeign(jar, arch)) {
                    Files.copy(jar, copy);
                } else {
                    slim(jar, copy, arch);
                }
            }
            before += Files.size(jar);
            after += Files.size(copy);
        }
        System.out.printf("slim jars for %s: %d MiB -> %d MiB%n", args[2], before >> 20, after >> 20);
    }

    /** the spellings of {@code debianArch} in native library paths. */
    static List<String> archNames(String debianArch) {
        return switch (debianArch) {
            case "amd64" -> List.of("x86_64", "x86-64", "x64", "amd64");
            case "arm64" -> List.of("aarch64", "arm64");
            default -> throw new IllegalArgumentException("unsupported architecture: " + debianArch);
        };
    }

    /** true when {@code entry} is a native library (or its debug symbols) built for another system than linux on {@code arch}. */
    static boolean foreign(String entry, List<String> arch) {
        if (!NATIVE.matcher(entry).matches()) {
            return false;
        }
        String path = entry.toLowerCase(Locale.ROOT);
        if (!path.contains("linux") || path.contains("android") || path.contains(".dsym/")) {
            return true;
        }
        // the directory names, not the file name: "libfoo-x64.so" under linux-aarch64 is still aarch64
        String dirs = path.substring(0, Math.max(path.lastIndexOf('/'), 0));
        return arch.stream().noneMatch(name -> Pattern.compile("(^|[/_-])" + Pattern.quote(name) + "($|[/_-])")
                .matcher(dirs).find());
    }

    private static boolean hasForeign(Path jar, List<String> arch) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().anyMatch(entry -> foreign(entry.getName(), arch));
        }
    }

    private static boolean signed(Path jar) throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                if (SIGNATURE.matcher(entry.getName()).matches()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void slim(Path jar, Path copy, List<String> arch) throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar));
                OutputStream file = Files.newOutputStream(copy)) {
            Manifest manifest = in.getManifest();
            try (JarOutputStream out = manifest == null ? new JarOutputStream(file) : new JarOutputStream(file, manifest)) {
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    if (!foreign(entry.getName(), arch)) {
                        ZipEntry kept = new ZipEntry(entry.getName());
                        kept.setLastModifiedTime(EPOCH);
                        out.putNextEntry(kept);
                        in.transferTo(out);
                        out.closeEntry();
                    }
                }
            }
        }
    }
}
