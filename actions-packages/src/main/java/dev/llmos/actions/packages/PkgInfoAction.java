package dev.llmos.actions.packages;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.llmos.action.Action;
import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.action.Risk;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code pkg.info}: whether a package is installed and at which version, what apt would install
 * ({@code apt-cache policy}), and its description, section, sizes and dependencies
 * ({@code apt-cache show} of the installed version, or else of the candidate). a virtual name
 * gets the packages that provide it.
 */
public final class PkgInfoAction implements Action<PkgInfoAction.Params> {
    private final Apt apt;

    public PkgInfoAction() {
        this(List.of());
    }

    /** with {@code -o} options for apt (tests: a private root with its own sources and database). */
    PkgInfoAction(List<String> aptOptions) {
        this.apt = new Apt(aptOptions);
    }

    /** the longest description returned. */
    private static final int MAX_DESCRIPTION = 2000;
    /** the most dependencies listed. */
    private static final int MAX_DEPENDS = 50;

    /** params of {@code pkg.info}. */
    public record Params(
            @NotNull @Size(min = 2, max = 128) @Pattern(regexp = Names.PACKAGE)
            @JsonPropertyDescription("the debian package name, e.g. curl or python3") String name) {
    }

    /**
     * what is known about a package.
     *
     * @param status dpkg's state ({@code installed}, {@code config-files}, ...) or {@code not-installed}
     * @param installedVersion null when not installed
     * @param candidateVersion what {@code pkg.install} would install; null when no source has it
     * @param upgradable whether the candidate is another version than the installed one
     * @param autoInstalled whether apt installed it as a dependency; null when not installed
     * @param summary the one-line description
     * @param description the long description, cut at 2000 characters
     * @param depends the dependencies as declared (alternatives joined by {@code |})
     * @param installedSizeBytes the disk it takes (or would take) once installed
     * @param downloadBytes the size of its archive
     * @param versions every version apt knows, with the sources it comes from
     * @param providedBy for a virtual package, the packages that provide it
     */
    public record Info(String name, boolean installed, String status, String installedVersion,
            String candidateVersion, boolean upgradable, Boolean autoInstalled, String architecture, String section,
            String summary, String description, List<String> depends, Long installedSizeBytes, Long downloadBytes,
            String homepage, List<AptCache.Version> versions, List<String> providedBy, List<String> notes) {
    }

    @Override
    public String name() {
        return "pkg.info";
    }

    @Override
    public String description() {
        return "show whether a package is installed, its installed and available versions, and its description";
    }

    @Override
    public List<String> examples() {
        return List.of(
                "is curl installed",
                "what version of python do I have",
                "show details of the package nginx",
                "apt show htop",
                "which version of git would apt install",
                "what does the package jq do",
                "is there an update for openssl",
                "how big is the libreoffice package",
                "what does ffmpeg depend on",
                "check whether vim is installed",
                "is the nginx package installed",
                "is apache2 installed on this machine");
    }

    @Override
    public Risk risk() {
        return Risk.READ;
    }

    @Override
    public Info execute(Params params, ActionContext context) throws ActionException {
        String name = Names.requirePackage(params.name());
        Optional<Dpkg.State> state = Dpkg.state(apt, name);
        Optional<AptCache.Policy> policy = AptCache.policy(apt, name);
        boolean lists = apt.listsPresent();
        List<String> notes = new ArrayList<>();
        if (!lists) {
            notes.add("package lists are empty: run apt-get update (or pkg.update) to see available versions");
        }
        if (state.isEmpty() && policy.isEmpty()) {
            throw new ActionException("no package named " + name + " is installed or in the configured apt sources"
                    + (lists ? "" : " (package lists are empty: run apt-get update, or pkg.update)"));
        }
        boolean installed = state.isPresent() && state.get().installed();
        String installedVersion = installed ? state.get().version() : null;
        String candidate = policy.map(AptCache.Policy::candidate).orElse(null);
        List<AptCache.Version> versions = policy.map(AptCache.Policy::versions).orElse(List.of());
        String status = state.map(Dpkg.State::status).orElse("not-installed");
        if (installedVersion == null && candidate == null && versions.isEmpty()) {
            List<String> providers = AptCache.providers(apt, name);
            notes.add(providers.isEmpty() ? "a name other packages refer to, but no source has a package of it"
                    : "a virtual package: install one of the packages that provide it");
            // "python" is not a package on debian; "python3" is
            Optional<Dpkg.State> versioned = Dpkg.state(apt, name + "3");
            if (versioned.isPresent() && versioned.get().installed()) {
                notes.add("did you mean " + name + "3? it is installed, version " + versioned.get().version());
            }
            return new Info(name, false, status, null, null, false, null, null, null, null, null, List.of(), null,
                    null, null, versions, providers, notes);
        }
        String shown = installedVersion != null ? installedVersion : candidate != null ? candidate
                : state.map(Dpkg.State::version).orElse(versions.isEmpty() ? null : versions.getFirst().version());
        Map<String, String> record = shown == null ? Map.of() : AptCache.show(apt, name, shown).orElse(Map.of());
        String[] description = record.getOrDefault("Description", "").split("\n", 2);
        String summary = description[0].isBlank() ? null : description[0].strip();
        String longDescription = description.length > 1 ? description[1].strip() : "";
        if (longDescription.isEmpty() && installed) {
            longDescription = installedDescription(name);
        }
        if (longDescription.length() > MAX_DESCRIPTION) {
            longDescription = longDescription.substring(0, MAX_DESCRIPTION) + " ...";
        }
        List<String> depends = new ArrayList<>();
        for (String field : List.of("Pre-Depends", "Depends")) {
            for (String dependency : record.getOrDefault(field, "").split(",")) {
                if (!dependency.isBlank() && depends.size() < MAX_DEPENDS) {
                    depends.add(dependency.strip().replace(" | ", "|"));
                }
            }
        }
        Long installedSize = record.containsKey("Installed-Size")
                ? Dpkg.parseLong(record.get("Installed-Size")) * 1024
                : state.map(known -> known.installedKib() * 1024).orElse(null);
        Long download = record.containsKey("Size") ? Dpkg.parseLong(record.get("Size")) : null;
        if (installed && candidate != null && !candidate.equals(installedVersion)) {
            notes.add("apt's candidate is " + candidate + ", not the installed " + installedVersion
                    + ": an upgrade is available");
        }
        return new Info(name, installed, status, installedVersion, candidate,
                installed && candidate != null && !candidate.equals(installedVersion),
                installed ? Dpkg.autoInstalled(apt, name) : null,
                record.getOrDefault("Architecture", state.map(Dpkg.State::architecture).orElse(null)),
                record.getOrDefault("Section", state.map(Dpkg.State::section).orElse(null)),
                summary, longDescription.isEmpty() ? null : longDescription, depends, installedSize, download,
                record.get("Homepage"), versions, List.of(), notes);
    }

    /** the long description dpkg keeps for an installed package (apt's lists may lack translations). */
    private String installedDescription(String name) throws ActionException {
        Apt.Output output = Apt.run(apt.dpkgQuery(List.of("-W", "-f=${Description}", "--", name)));
        if (output.exit() != 0) {
            return "";
        }
        String[] lines = output.stdout().split("\n", 2);
        if (lines.length < 2) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (String line : lines[1].split("\n")) {
            String stripped = line.strip();
            text.append(stripped.equals(".") ? "" : stripped).append('\n');
        }
        return text.toString().strip();
    }
}
