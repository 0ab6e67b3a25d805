package dev.llmos.actions.packages;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.llmos.action.Action;
import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.action.Risk;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code pkg.search}: finds packages in the configured apt sources whose name or short
 * description contains every word of the query ({@code apt-cache search}, words taken literally,
 * case-insensitive). best matches first: the name equal to a word, then starting with one, then
 * containing one, then the rest by name.
 */
public final class PkgSearchAction implements Action<PkgSearchAction.Params> {
    private final Apt apt;

    public PkgSearchAction() {
        this(List.of());
    }

    /** with {@code -o} options for apt (tests: a private root with its own sources and database). */
    PkgSearchAction(List<String> aptOptions) {
        this.apt = new Apt(aptOptions);
    }

    /** the longest summary returned. */
    private static final int MAX_SUMMARY = 200;

    /**
     * params of {@code pkg.search}.
     *
     * @param query words that must all match
     * @param limit how many packages to return
     * @param namesOnly match names only, not descriptions
     */
    public record Params(
            @NotNull @Size(min = 1, max = 100) @Pattern(regexp = Names.QUERY)
            @JsonPropertyDescription("words to look for in package names and descriptions, e.g. pdf viewer; every "
                    + "word must match") String query,
            @Min(1) @Max(100) @JsonProperty(defaultValue = "20")
            @JsonPropertyDescription("how many packages to return at most") Integer limit,
            @JsonProperty(defaultValue = "false")
            @JsonPropertyDescription("match package names only, not descriptions") Boolean namesOnly) {
    }

    /**
     * the matches.
     *
     * @param total how many packages matched
     * @param truncated whether more matched than were returned
     */
    public record Results(String query, int total, boolean truncated, List<Match> packages) {
    }

    /**
     * one package.
     *
     * @param summary its one-line description
     * @param installed whether it is installed now
     */
    public record Match(String name, String summary, boolean installed) {
    }

    @Override
    public String name() {
        return "pkg.search";
    }

    @Override
    public String description() {
        return "search the available packages by words in their name or description";
    }

    @Override
    public List<String> examples() {
        return List.of(
                "search for a pdf viewer",
                "find a package for editing images",
                "apt search markdown",
                "is there a package with a terminal file manager",
                "look for a video player package",
                "which packages provide a python linter",
                "search packages named ripgrep",
                "find me a screenshot tool to install",
                "what package can i install for zip archives");
    }

    @Override
    public Risk risk() {
        return Risk.READ;
    }

    @Override
    public Results execute(Params params, ActionContext context) throws ActionException {
        List<String> terms = Names.searchTerms(params.query());
        apt.requireLists();
        List<String> args = new ArrayList<>(List.of("search"));
        if (params.namesOnly()) {
            args.add("--names-only");
        }
        args.add("--");
        args.addAll(terms);
        Apt.Output output = Apt.run(apt.aptCache(args));
        if (output.exit() != 0) {
            throw new ActionException("apt-cache search failed", output.exit(), output.stderrTail());
        }
        List<String> words = List.of(params.query().toLowerCase(Locale.ROOT).strip().split("\\s+"));
        List<Match> found = new ArrayList<>();
        for (String line : output.stdout().split("\n")) {
            int dash = line.indexOf(" - ");
            if (dash <= 0) {
                continue;
            }
            String summary = line.substring(dash + 3).strip();
            found.add(new Match(line.substring(0, dash).strip(),
                    summary.length() > MAX_SUMMARY ? summary.substring(0, MAX_SUMMARY) + "..." : summary, false));
        }
        found.sort(Comparator.comparingInt((Match match) -> rank(match.name(), words)).thenComparing(Match::name));
        List<Match> shown = found.subList(0, Math.min(params.limit(), found.size()));
        Map<String, Dpkg.State> states = Dpkg.states(apt, shown.stream().map(Match::name).toList());
        List<Match> packages = shown.stream().map(match -> new Match(match.name(), match.summary(),
                states.containsKey(match.name()) && states.get(match.name()).installed())).toList();
        return new Results(params.query(), found.size(), found.size() > packages.size(), packages);
    }

    private static int rank(String name, List<String> words) {
        int best = 4;
        for (String word : words) {
            if (name.equals(word)) {
                best = Math.min(best, 0);
            } else if (name.startsWith(word)) {
                best = Math.min(best, 1);
            } else if (name.contains(word)) {
                best = Math.min(best, 2);
            }
        }
        return best;
    }
}
