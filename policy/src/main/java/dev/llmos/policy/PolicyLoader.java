package dev.llmos.policy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * builds a {@link Policy} from toml: the main file, then every {@code *.toml} in the drop-in
 * directory sorted by file name (hidden files skipped). either may be absent; then only the
 * built-ins apply. a file or directory writable by group or others is refused, since whoever can
 * write the policy can grant themselves anything.
 */
public final class PolicyLoader {
    private static final Set<PosixFilePermission> OTHERS_WRITE = Set.of(
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

    private PolicyLoader() {
    }

    /** loads {@code file} (e.g. {@code /etc/llm-os/policy.toml}) and {@code dir} (e.g. {@code /etc/llm-os/policy.d}). */
    public static Policy load(Path file, Path dir) throws PolicyException {
        List<PolicySource> sources = new ArrayList<>();
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            sources.add(read(file));
        }
        if (Files.isDirectory(dir)) {
            requireOwnerOnlyWritable(dir);
            List<Path> files = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.toml")) {
                for (Path entry : entries) {
                    if (!entry.getFileName().toString().startsWith(".")) {
                        files.add(entry);
                    }
                }
            } catch (IOException e) {
                throw new PolicyException(dir.toString(), 0, "cannot list the directory: " + e);
            }
            files.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
            for (Path entry : files) {
                sources.add(read(entry));
            }
        }
        return parse(sources);
    }

    /** builds a policy from texts, in order; rule ids must be unique across all of them. */
    public static Policy parse(List<PolicySource> sources) throws PolicyException {
        List<Rule> rules = new ArrayList<>();
        Map<String, Rule> byId = new HashMap<>();
        for (PolicySource source : sources) {
            for (Rule rule : RuleParser.parse(source)) {
                Rule first = byId.putIfAbsent(rule.id(), rule);
                if (first != null) {
                    throw new PolicyException(source.name(), rule.line(), "rule '" + rule.id() + "': duplicate id, first defined at " + first.location());
                }
                rules.add(rule);
            }
        }
        return new Policy(rules, sources.stream().map(PolicySource::name).toList());
    }

    /** builds a policy from one text, e.g. inline in a test. */
    public static Policy parse(String name, String text) throws PolicyException {
        return parse(List.of(new PolicySource(name, text)));
    }

    private static PolicySource read(Path file) throws PolicyException {
        if (!Files.isRegularFile(file)) {
            throw new PolicyException(file.toString(), 0, "not a regular file");
        }
        requireOwnerOnlyWritable(file);
        try {
            byte[] bytes = Files.readAllBytes(file);
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            return new PolicySource(file.toString(), text);
        } catch (CharacterCodingException e) {
            throw new PolicyException(file.toString(), 0, "not valid utf-8");
        } catch (NoSuchFileException e) {
            throw new PolicyException(file.toString(), 0, "disappeared while loading");
        } catch (IOException e) {
            throw new PolicyException(file.toString(), 0, "cannot read: " + e);
        }
    }

    private static void requireOwnerOnlyWritable(Path path) throws PolicyException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        try {
            Set<PosixFilePermission> permissions = view.readAttributes().permissions();
            if (permissions.stream().anyMatch(OTHERS_WRITE::contains)) {
                throw new PolicyException(path.toString(), 0, "is writable by group or others ("
                        + PosixFilePermissions.toString(permissions) + "); policy must be writable only by its owner");
            }
        } catch (IOException e) {
            throw new PolicyException(path.toString(), 0, "cannot read its permissions: " + e);
        }
    }
}
