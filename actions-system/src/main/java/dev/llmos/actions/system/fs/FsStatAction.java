package dev.llmos.actions.system.fs;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.llmos.action.Action;
import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.action.PathParam;
import dev.llmos.action.Risk;
import dev.llmos.actions.system.support.FileInfo;
import dev.llmos.actions.system.support.Owners;
import dev.llmos.posix.FileStat;
import dev.llmos.posix.FileType;
import dev.llmos.posix.PosixException;
import dev.llmos.posix.ResolvedPath;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** {@code fs.stat}: the metadata of one path, without following a final symlink. */
public final class FsStatAction implements Action<FsStatAction.Params> {
    /**
     * params of {@code fs.stat}.
     *
     * @param path the file, directory or link to describe
     */
    public record Params(
            @NotNull @PathParam(followFinal = false) @Size(max = 4096)
            @JsonPropertyDescription("absolute path to describe; a symlink is described itself, not its target")
            String path) {
    }

    /**
     * the metadata of a path.
     *
     * @param mode permission bits as an octal string such as {@code 0644}
     * @param atime last access, iso-8601 in utc
     * @param mtime last modification of the content
     * @param ctime last change of the inode (content, owner, mode, links)
     * @param links hard link count
     * @param symlinkTarget where a symlink points, as stored in the link; null for other types
     */
    public record Stat(String path, FileType type, long size, String mode, int uid, int gid, String owner,
            String group, String atime, String mtime, String ctime, long inode, int links, String symlinkTarget) {
    }

    @Override
    public String name() {
        return "fs.stat";
    }

    @Override
    public String description() {
        return "show the metadata of one file, directory or symlink: type, size, permissions, owner, timestamps, inode";
    }

    @Override
    public List<String> examples() {
        return List.of(
                "stat /etc/passwd",
                "who owns /var/www?",
                "what are the permissions on ~/.ssh/id_rsa",
                "when was /etc/hosts last modified",
                "how big is the file backup.tar.gz",
                "is /usr/bin/python3 a symlink, and where does it point?",
                "file details for /opt/app/config.yml",
                "show the inode and link count of this file",
                "chek the mode of /tmp",
                "does /var/lib/docker exist",
                "last access time of notes.txt",
                "is this path a file or a directory",
                "what are the permissions of /etc/sudoers",
                "file information of report.pdf",
                "what is the inode of /var/lib/dpkg/status",
                "is /srv/data a directory or a regular file",
                "check whether /opt/app/start.sh is executable",
                "what mode does /tmp have",
                "mtime of /etc/hosts",
                "get the modification date of a file",
                "what type of file is /dev/sda",
                "file metadata for /etc/hosts",
                "ownership of /var/www",
                "show the properties of a file such as its size, owner and dates",
                "check whether the folder ~/backups exists");
    }

    @Override
    public Risk risk() {
        return Risk.READ;
    }

    @Override
    public Stat execute(Params params, ActionContext context) throws ActionException {
        ResolvedPath resolved = context.requirePath("path");
        FileInfo info;
        try {
            FileStat stat = resolved.requireStat();
            info = FileInfo.of(stat, stat.isSymlink() ? resolved.requireObject().readlinkAt("") : null);
        } catch (PosixException e) {
            throw ActionException.at(resolved.path(), e);
        }
        Owners owners = new Owners();
        return new Stat(resolved.path(), info.type(), info.size(), info.modeOctal(), info.uid(), info.gid(),
                owners.user(info.uid()), owners.group(info.gid()), info.atime().toInstant().toString(),
                info.mtime().toInstant().toString(), info.ctime().toInstant().toString(), info.inode(), info.links(),
                info.symlinkTarget());
    }
}
