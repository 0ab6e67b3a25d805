package dev.llmos.actions.system.fs;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.llmos.action.Action;
import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.action.PathParam;
import dev.llmos.action.Risk;
import dev.llmos.actions.system.support.FileInfo;
import dev.llmos.actions.system.support.Owners;
import dev.llmos.posix.Fd;
import dev.llmos.posix.FileStat;
import dev.llmos.posix.FileType;
import dev.llmos.posix.PosixException;
import dev.llmos.posix.ResolvedPath;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code fs.list}: the entries of a directory, sorted by name, one page at a time. */
public final class FsListAction implements Action<FsListAction.Params> {
    /**
     * params of {@code fs.list}.
     *
     * @param path the directory
     * @param hidden whether to include names starting with a dot
     * @param limit the page size
     * @param offset how many sorted entries to skip
     */
    public record Params(
            @NotNull @PathParam @Size(max = 4096)
            @JsonPropertyDescription("absolute path of the directory to list") String path,
            @JsonProperty(defaultValue = "false")
            @JsonPropertyDescription("include hidden entries (names starting with a dot)") Boolean hidden,
            @Min(1) @Max(10000) @JsonProperty(defaultValue = "200")
            @JsonPropertyDescription("most entries to return") Integer limit,
            @Min(0) @JsonProperty(defaultValue = "0")
            @JsonPropertyDescription("entries to skip, for paging through big directories") Integer offset) {
    }

    /**
     * one page of a directory.
     *
     * @param total entries in the directory after hidden filtering
     * @param truncated true when entries after this page exist
     */
    public record Listing(String path, int total, int offset, boolean truncated, List<Entry> entries) {
    }

    /**
     * one directory entry; everything but the name is null when the entry cannot be examined.
     *
     * @param mode permission bits as an octal string such as {@code 0644}
     * @param mtime last modification, iso-8601 in utc
     * @param symlinkTarget where a symlink points, as stored in the link
     */
    public record Entry(String name, FileType type, Long size, String mode, String owner, String group,
            String mtime, String symlinkTarget) {
    }

    @Override
    public String name() {
        return "fs.list";
    }

    @Override
    public String description() {
        return "list the files and folders in a directory with type, size, permissions, owner and modification time";
    }

    @Override
    public List<String> examples() {
        return List.of(
                "list the files in /var/log",
                "what's in my home folder?",
                "ls /etc",
                "show me the contents of the Downloads directory",
                "which files are in /tmp, including hidden ones",
                "show hidden dotfiles in ~",
                "dir listing of /srv/www please",
                "what folders are inside /opt",
                "lsit files in /usr/local/bin",
                "show the next page of files in /usr/lib",
                "browse the project directory",
                "what does this folder contain",
                "show me what's inside the folder /srv/data",
                "contents of the directory /opt",
                "list everything in ~/Documents",
                "ls -la",
                "which files are there in /var/www",
                "show all files in the downloads folder",
                "list the first 20 entries in /usr/bin",
                "what's in my pictures folder",
                "show the files in here",
                "directory contents",
                "list files in long format",
                "show all files including hidden ones",
                "list only the directories here",
                "show the files sorted by size",
                "list files by modification date");
    }

    @Override
    public Risk risk() {
        return Risk.READ;
    }

    @Override
    public Listing execute(Params params, ActionContext context) throws ActionException {
        ResolvedPath resolved = context.requirePath("path");
        String path = resolved.path();
        try {
            Fd dir = resolved.requireObject();
            if (!resolved.requireStat().isDirectory()) {
                throw new ActionException("not a directory: " + path);
            }
            List<String> names = new ArrayList<>();
            for (String name : dir.list()) {
                if (params.hidden() || !name.startsWith(".")) {
                    names.add(name);
                }
            }
            names.sort(null);
            int from = Math.min(params.offset(), names.size());
            int to = Math.min(names.size(), from + params.limit());
            Owners owners = new Owners();
            List<Entry> entries = new ArrayList<>(to - from);
            for (String name : names.subList(from, to)) {
                try {
                    Optional<FileStat> stat = dir.statAt(name);
                    if (stat.isEmpty()) {
                        // removed since the directory was read: it is no longer an entry
                        continue;
                    }
                    FileInfo info = FileInfo.of(stat.get(), stat.get().isSymlink() ? target(dir, name) : null);
                    entries.add(new Entry(name, info.type(), info.size(), info.modeOctal(), owners.user(info.uid()),
                            owners.group(info.gid()), info.mtime().toInstant().toString(), info.symlinkTarget()));
                } catch (PosixException e) {
                    // listed but not examinable, e.g. a directory readable without search permission
                    entries.add(new Entry(name, null, null, null, null, null, null, null));
                }
            }
            return new Listing(path, names.size(), from, to < names.size(), entries);
        } catch (PosixException | IOException e) {
            throw ActionException.at(path, e);
        }
    }

    private static String target(Fd dir, String name) {
        try {
            return dir.readlinkAt(name);
        } catch (PosixException e) {
            return null;
        }
    }
}
