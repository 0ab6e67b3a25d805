package dev.llmos.actions.systemd;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.llmos.action.Action;
import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.action.Risk;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Optional;

/**
 * {@code sys.set_hostname}: renames the machine through systemd-hostnamed. persistent (the
 * default) sets the static hostname (/etc/hostname), which the kernel takes at once; otherwise the
 * static name is cleared and the name set as the transient hostname, until the next boot. the
 * inverse brings back the previous name the same way it was set (static, or transient only).
 */
public final class SetHostnameAction implements Action<SetHostnameAction.Params> {
    /** a hostname: dot-separated labels of letters, digits and inner hyphens, 64 characters at most. */
    static final String HOSTNAME = "^[A-Za-z0-9]([A-Za-z0-9-]{0,62}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}"
            + "[A-Za-z0-9])?)*$";
    private static final java.util.regex.Pattern VALID = java.util.regex.Pattern.compile(HOSTNAME);

    /**
     * params of {@code sys.set_hostname}.
     *
     * @param hostname the new name
     * @param persistent keep it across reboots (the static hostname)
     * @param expectCurrent the name the machine must have now, else nothing is done (set by undo)
     */
    public record Params(
            @NotNull @Size(max = 64) @Pattern(regexp = HOSTNAME)
            @JsonPropertyDescription("the new hostname, like web-01 or db1.example.com: letters, digits, inner "
                    + "hyphens and dots, at most 64 characters") String hostname,
            @JsonProperty(defaultValue = "true")
            @JsonPropertyDescription("keep the name across reboots (writes /etc/hostname); false sets it only until "
                    + "the next boot and removes the static name") Boolean persistent,
            @Size(max = 64) @Pattern(regexp = HOSTNAME)
            @JsonPropertyDescription("refuse, changing nothing, unless the hostname is this now; undo sets it")
            String expectCurrent) {
    }

    /**
     * what changed.
     *
     * @param before the hostname before
     * @param after the hostname now
     * @param persistent whether it is the static hostname now
     * @param changed false when nothing had to change
     */
    public record Renamed(String before, String after, boolean persistent, boolean changed) {
    }

    /**
     * what would change, for the confirmation prompt.
     *
     * @param summary one line
     * @param current the hostname now
     * @param staticHostname the static hostname now, null when none is set
     */
    public record Preview(String summary, String current, String staticHostname) {
    }

    @Override
    public String name() {
        return "sys.set_hostname";
    }

    @Override
    public String description() {
        return "change this machine's hostname (persistently by default, or only until the next boot)";
    }

    @Override
    public List<String> examples() {
        return List.of(
                "set the hostname to web-01",
                "rename this machine to buildbox",
                "change the computer name to devbox",
                "hostnamectl set-hostname db1",
                "call this server gateway from now on",
                "temporarily set the hostname to test-host until reboot",
                "give this box the name media-server");
    }

    /** undoable: the previous hostname is set back. */
    @Override
    public boolean undoable(Params params) {
        return true;
    }

    @Override
    public Risk risk() {
        return Risk.SYSTEM;
    }

    @Override
    public Optional<Preview> preview(Params params, ActionContext context) throws ActionException {
        Settings.Hostnames now = Settings.hostnames(name(), context);
        String how = Boolean.FALSE.equals(params.persistent()) ? " until the next boot" : " (kept across reboots)";
        return Optional.of(new Preview("rename this machine from " + now.hostname() + " to " + params.hostname() + how,
                now.hostname(), now.staticName()));
    }

    @Override
    public Renamed execute(Params params, ActionContext context) throws ActionException {
        boolean persistent = !Boolean.FALSE.equals(params.persistent());
        Settings.Hostnames before = Settings.hostnames(name(), context);
        if (params.expectCurrent() != null && !params.expectCurrent().equals(before.hostname())) {
            throw new ActionException("changed since: the hostname is " + before.hostname() + " now, not "
                    + params.expectCurrent() + " as the earlier change left it; nothing was changed");
        }
        boolean alreadyStatic = params.hostname().equals(before.staticName());
        if (params.hostname().equals(before.hostname()) && (persistent ? alreadyStatic : before.staticName() == null)) {
            return new Renamed(before.hostname(), before.hostname(), persistent, false);
        }
        String doing = "setting the hostname to " + params.hostname();
        if (persistent) {
            Settings.run("hostnamectl", List.of("set-hostname", "--static", "--", params.hostname()), doing, name(),
                    context);
        } else {
            if (before.staticName() != null) {
                Settings.run("hostnamectl", List.of("set-hostname", "--static", ""), doing, name(), context);
            }
            Settings.run("hostnamectl", List.of("set-hostname", "--transient", "--", params.hostname()), doing, name(),
                    context);
        }
        Settings.Hostnames after = Settings.hostnames(name(), context);
        // an earlier name the params could not carry (not a valid hostname) cannot be restored by undo
        if (before.hostname() != null && VALID.matcher(before.hostname()).matches() && before.hostname().length() <= 64) {
            context.undoWith(name(), new Params(before.hostname(), before.staticName() != null, after.hostname()));
        }
        return new Renamed(before.hostname(), after.hostname(), after.staticName() != null, true);
    }
}
