package dev.llmos.planner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.action.PathParam;
import dev.llmos.action.Risk;
import dev.llmos.catalog.ActionCatalog;
import dev.llmos.catalog.CatalogEntry;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.Plan;
import dev.llmos.protocol.RpcException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * the embedded, offline planner: embeds the request with a small sentence encoder, scores every action
 * by its closest example utterances, and plans one step when the best action is clearly ahead; then
 * fills the action's params with {@link SlotExtractor}. below its thresholds it does not guess: it
 * answers with the closest actions and how to run them directly.
 *
 * <p>the encoder is loaded on the first request and freed by {@link #unload()}; the example vectors are
 * computed once per catalog (and kept on disk when a cache directory is set). thread-safe; the same
 * request and catalog always give the same plan.
 */
final class IntentRouter implements Planner, AutoCloseable {
    /** the planner id recorded in plans. */
    public static final String ID = "router";
    /** how many closest actions a refusal offers. */
    static final int CANDIDATES = 3;
    private static final String STEP = "/steps/0/params";

    /**
     * how sure the router must be before it plans.
     *
     * @param minScore the least score of the best action (mean cosine similarity of its closest examples)
     * @param minMargin the least lead of the best action over the second
     * @param neighbours how many of an action's closest examples make its score
     * @param lexicalWeight the share of character-trigram similarity in an example's similarity, 0 to 1
     * @param cacheDir where example vectors (and the extracted model) are kept between runs; null keeps
     *     them in memory only
     */
    public record Settings(double minScore, double minMargin, int neighbours, double lexicalWeight, Path cacheDir) {
        /**
         * the score floor calibrated on router-eval.tsv with {@code RouterCalibration}; the lead is a read's,
         * calibrated on the tuning part of the eval of requests written by others with {@code CorpusCalibration}
         * (riskier actions need more: {@link RiskTier}).
         */
        public static final Settings DEFAULTS = new Settings(0.30, 0.01, 3, 0.2, null);

        public Settings {
            if (neighbours < 1) {
                throw new IllegalArgumentException("neighbours must be at least 1");
            }
            if (lexicalWeight < 0 || lexicalWeight > 1) {
                throw new IllegalArgumentException("lexicalWeight must be between 0 and 1");
            }
        }

        public Settings withCacheDir(Path dir) {
            return new Settings(minScore, minMargin, neighbours, lexicalWeight, dir);
        }
    }

    /** whether the encoder takes memory now. */
    public enum State {
        /** not loaded: loads on the next request. */
        DORMANT,
        LOADING,
        LOADED
    }

    /** the words of a catalog's examples. */
    private record Vocabulary(ActionCatalog catalog, Set<String> words, Verbs verbs) {
    }

    private static final Settings DEFAULT_SETTINGS = Settings.DEFAULTS;
    /** how much closer an action is when the request starts with one of its own verbs. */
    private static final double VERB_LEAD = 0.10;
    private volatile Vocabulary vocabulary;
    private final Supplier<? extends Encoder> loader;
    private final Settings settings;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile State state = State.DORMANT;
    private Encoder encoder;
    private ExampleIndex index;
    private ActionCatalog indexed;

    /** a router over {@code loader}'s encoder, called on the first request and again after each unload. */
    public IntentRouter(Supplier<? extends Encoder> loader, Settings settings) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** the default router: all-minilm-l6-v2 from the class path, extracted into the cache directory if set. */
    public static IntentRouter miniLm(Settings settings) {
        return new IntentRouter(() -> MiniLmEncoder.load(settings.cacheDir()), settings);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Plan plan(String text, PlanContext context) throws PlanningException {
        String request = normalized(text);
        Vocabulary known = vocabulary(context.catalog());
        Reading reading = Reading.of(request, known.words());
        if (reading.declined() != null) {
            throw new PlanningException(PlanningException.Reason.DECLINED, reading.declined(), List.of(), null);
        }
        List<Token> tokens = RequestText.tokens(reading.text());
        List<String> alternatives = known.verbs().alternatives(tokens);
        if (alternatives != null) {
            throw new PlanningException(PlanningException.Reason.DECLINED, "this asks to " + alternatives.get(0)
                    + " or to " + alternatives.get(1) + "; say which", List.of(), null);
        }
        List<String> command = ProgramWords.command(tokens, context.machine());
        CatalogEntry runner = command == null ? null : runner(context.catalog());
        if (runner != null) {
            ExampleIndex.Score ran = new ExampleIndex.Score(runner.name(), 1, "run " + command.getFirst() + " ("
                    + command.getFirst() + " is a program on this machine)", 1);
            return new Plan(Plan.VERSION, text, ID, steps(runner, ran, List.of(ran), reading, context));
        }
        List<ExampleIndex.Score> ranking = agreeing(rank(masked(tokens, context), context.catalog()), tokens,
                known.verbs(), context.catalog());
        ExampleIndex.Score best = confident(ranking, reading.text(), context);
        CatalogEntry entry = context.catalog().find(best.action());
        List<Token> main = RequestText.withoutRemarks(tokens);
        if (entry.action().risk() != Risk.READ && main.size() < tokens.size()) {
            // a change is chosen by what the request says, not by its remark in parentheses ("make a temp file
            // (-d to make directory)"): without the remark, the same action must come first
            List<ExampleIndex.Score> plain = agreeing(rank(masked(main, context), context.catalog()), main,
                    known.verbs(), context.catalog());
            if (plain.isEmpty() || !plain.getFirst().action().equals(entry.name())) {
                throw new PlanningException(PlanningException.Reason.LOW_CONFIDENCE, "not sure which action this asks "
                        + "for: " + entry.name() + " only by the words in parentheses; say it without them",
                        List.of(), null);
            }
        }
        if (entry.action().risk() == Risk.READ && !entry.pathRoles().containsValue(PathParam.Role.OUTPUT)
                && Reading.intoFile(tokens)) {
            throw new PlanningException(PlanningException.Reason.DECLINED, "this asks to save what " + entry.name()
                    + " shows into a file, a second step the router does not plan; run " + entry.name()
                    + " and save its output yourself", List.of(), null);
        }
        if (entry.action().risk() == Risk.READ && Reading.intoClipboard(tokens)) {
            throw new PlanningException(PlanningException.Reason.DECLINED, "this asks to put what " + entry.name()
                    + " shows on the clipboard, a second step the router does not plan; run " + entry.name()
                    + " first, then set the clipboard", List.of(), null);
        }
        String later = known.verbs().laterChange(tokens, entry);
        if (later != null) {
            throw new PlanningException(PlanningException.Reason.DECLINED, "this asks to " + later + " after "
                    + entry.name() + (entry.action().risk() == Risk.READ ? " shows what it asks for" : "")
                    + ", a second step the router does not plan; run " + entry.name() + " first, then ask for the "
                    + "next step", List.of(), null);
        }
        if (reading.hypothetical()) {
            Slots slots = SlotExtractor.extract(entry, reading, context);
            String dryRun = DirectCommand.of(entry.name(), slots.params(), slots.missing())
                    + (entry.action().risk() == Risk.READ ? "" : " --dry-run");
            throw new PlanningException(PlanningException.Reason.DECLINED, "this asks what " + entry.name()
                    + " would do, not to do it; see for yourself with: " + dryRun,
                    List.of(new Candidate(entry.name(), rounded(best.score()), dryRun, slots.params())), null);
        }
        return new Plan(Plan.VERSION, text, ID, steps(entry, best, ranking, reading, context));
    }

    /** the masked request, a typed path that is a directory on the machine masked as a folder. */
    private static String masked(List<Token> tokens, PlanContext context) {
        return RequestText.masked(tokens, typed -> {
            PathSlots.Mention mention = PathSlots.typed(typed, context, 0);
            return mention.path() != null && context.machine().isDirectory(Path.of(mention.path())) ? PathShape.FOLDER
                    : PathShape.of(typed);
        });
    }

    /** the one action that runs a program given as argv ({@code argv}, an array param), or null. */
    private static CatalogEntry runner(ActionCatalog catalog) {
        List<CatalogEntry> runners = catalog.entries().stream().filter(entry -> "array".equals(
                entry.schema().path("properties").path("argv").path("type").asText())).toList();
        return runners.size() == 1 ? runners.getFirst() : null;
    }

    /**
     * the ranking the router decides on for {@code text}: every action that agrees with the request's verb,
     * closest first, with its tier's thresholds not yet applied; empty when the request is declined before
     * routing. for calibrating thresholds.
     */
    List<ExampleIndex.Score> ranking(String text, PlanContext context) throws PlanningException {
        Vocabulary known = vocabulary(context.catalog());
        Reading reading = Reading.of(normalized(text), known.words());
        if (reading.declined() != null) {
            return List.of();
        }
        List<Token> tokens = RequestText.tokens(reading.text());
        return agreeing(rank(masked(tokens, context), context.catalog()), tokens, known.verbs(), context.catalog());
    }

    /**
     * the ranking without the actions that change something under another verb than the request's (see
     * {@link Verbs}), and with a small lead for the actions whose own verb the request starts with.
     */
    private static List<ExampleIndex.Score> agreeing(List<ExampleIndex.Score> ranking, List<Token> tokens, Verbs verbs,
            ActionCatalog catalog) {
        List<ExampleIndex.Score> kept = new ArrayList<>();
        for (ExampleIndex.Score score : ranking) {
            CatalogEntry entry = catalog.find(score.action());
            if (entry == null) {
                kept.add(score);
                continue;
            }
            if (!verbs.agree(entry, tokens)) {
                continue;
            }
            // only a change gets a lead: reads share their verbs (show, list, print) too widely to tell apart
            double lead = entry.action().risk() != Risk.READ && verbs.strict(entry, tokens) ? VERB_LEAD : 0;
            kept.add(new ExampleIndex.Score(score.action(), score.score() + lead, score.closest(), score.semantic()));
        }
        kept.sort(Comparator.comparingDouble(ExampleIndex.Score::score).reversed()
                .thenComparing(ExampleIndex.Score::action));
        return kept;
    }

    /** the request as the router reads it: normalized, never empty nor longer than a plan may record. */
    private static String normalized(String text) throws PlanningException {
        if (text.length() > PlanSchema.MAX_REQUEST) {
            throw new PlanningException(PlanningException.Reason.INVALID_REQUEST,
                    "the request is longer than " + PlanSchema.MAX_REQUEST + " characters", List.of(), "/text");
        }
        String request = RequestText.normalize(text);
        if (RequestText.tokens(request).isEmpty()) {
            throw new PlanningException(PlanningException.Reason.INVALID_REQUEST, "the request is empty", List.of(),
                    "/text");
        }
        return request;
    }

    /**
     * the best action when it clears the thresholds of its risk (see {@link RiskTier}); otherwise a refusal
     * naming the closest actions. a riskier action needs a closer match and a clearer lead, and an
     * irreversible one a close match in meaning, not only in letters.
     */
    private ExampleIndex.Score confident(List<ExampleIndex.Score> ranking, String request, PlanContext context)
            throws PlanningException {
        if (ranking.isEmpty()) {
            throw new PlanningException(PlanningException.Reason.LOW_CONFIDENCE, "no action fits this request",
                    List.of(), null);
        }
        ExampleIndex.Score best = ranking.getFirst();
        double margin = best.score() - (ranking.size() > 1 ? ranking.get(1).score() : 0);
        boolean unserved = best.action().equals(ExampleIndex.UNSERVED);
        if (!unserved && RiskTier.of(context.catalog().find(best.action()).action()).clears(best, margin, settings)) {
            return best;
        }
        if (!unserved && best.score() >= settings.minScore()) {
            // not sure enough to act, but the closest action lacks what the request did not say: asking for
            // it acts on nothing, and tells the person which action would
            CatalogEntry entry = context.catalog().find(best.action());
            Slots slots = SlotExtractor.extract(entry, Reading.of(request, Set.of()), context);
            if (!slots.missing().isEmpty() && slots.declined() == null) {
                Slots.Missing missing = slots.missing().getFirst();
                String command = DirectCommand.of(entry.name(), slots.params(), slots.missing());
                throw new PlanningException(PlanningException.Reason.MISSING_PARAM, "closest is " + entry.name()
                        + ", which needs " + missing.param() + ": " + missing.hint() + "; or run: " + command,
                        List.of(new Candidate(entry.name(), rounded(best.score()), command, slots.params())),
                        STEP + "/" + missing.param());
            }
        }
        List<ExampleIndex.Score> actions = ranking.stream()
                .filter(score -> !score.action().equals(ExampleIndex.UNSERVED)).toList();
        List<Candidate> candidates = new ArrayList<>();
        for (ExampleIndex.Score score : actions.subList(0, Math.min(CANDIDATES, actions.size()))) {
            CatalogEntry entry = context.catalog().find(score.action());
            Slots slots = SlotExtractor.extract(entry, Reading.of(request, Set.of()), context);
            candidates.add(new Candidate(entry.name(), rounded(score.score()),
                    DirectCommand.of(entry.name(), slots.params(), slots.missing()), slots.params()));
        }
        String reason = unserved ? "no action does this (it is closest to \"" + best.closest()
                + "\", which no action serves)" : "not sure which action this asks for";
        throw new PlanningException(PlanningException.Reason.LOW_CONFIDENCE, candidates.isEmpty() ? reason
                : reason + "; closest: " + String.join(", ", candidates.stream().map(Candidate::action).toList())
                + ". run one directly, e.g. " + candidates.getFirst().command(), candidates, null);
    }

    /**
     * the steps for {@code entry}, their params found in the request and validated by the catalog: one, or
     * one per value when the request names several for the action's one required value (several pids).
     */
    private static List<Plan.Step> steps(CatalogEntry entry, ExampleIndex.Score best, List<ExampleIndex.Score> ranking,
            Reading reading, PlanContext context) throws PlanningException {
        Slots slots = SlotExtractor.extract(entry, reading, context);
        String command = DirectCommand.of(entry.name(), slots.params(), slots.missing());
        List<Candidate> chosen = List.of(new Candidate(entry.name(), rounded(best.score()), command, slots.params()));
        if (slots.declined() != null) {
            throw new PlanningException(PlanningException.Reason.DECLINED, slots.declined(), chosen, null);
        }
        if (!slots.missing().isEmpty()) {
            Slots.Missing missing = slots.missing().getFirst();
            throw new PlanningException(PlanningException.Reason.MISSING_PARAM,
                    entry.name() + " needs " + missing.param() + ": " + missing.hint() + "; or run: " + command,
                    chosen, STEP + "/" + missing.param());
        }
        String why = why(entry, best, ranking);
        List<Plan.Step> steps = new ArrayList<>();
        for (ObjectNode params : slots.steps()) {
            CatalogEntry.Bound bound;
            try {
                bound = entry.bind(params, STEP);
            } catch (RpcException e) {
                JsonNode data = e.error().data();
                throw new PlanningException(PlanningException.Reason.INVALID_PARAMS, e.getMessage() + "; or run: "
                        + command, chosen, data == null ? STEP : data.path("pointer").asText(STEP));
            }
            steps.add(new Plan.Step(entry.name(), ordered(bound.normalized(), entry), why));
        }
        return steps;
    }

    /** why the router chose the action: its closest example, how close, what its risk asks for, the runner-up. */
    private static String why(CatalogEntry entry, ExampleIndex.Score best, List<ExampleIndex.Score> ranking) {
        RiskTier tier = RiskTier.of(entry.action());
        String second = ranking.size() > 1 ? ranking.get(1).action() : null;
        String why = "closest example \"" + best.closest() + "\" (score " + rounded(best.score()) + "; " + tier.label()
                + " needs " + rounded(tier.minScore(DEFAULT_SETTINGS)) + (second == null ? "" : ", ahead of " + second
                + " by " + rounded(best.score() - ranking.get(1).score())) + "): " + entry.action().description();
        return why.length() > PlanSchema.MAX_WHY ? why.substring(0, PlanSchema.MAX_WHY) : why;
    }

    /** the words of every example and description of the catalog: never read as typos of llmsh commands. */
    private Vocabulary vocabulary(ActionCatalog catalog) {
        Vocabulary known = vocabulary;
        if (known == null || known.catalog() != catalog) {
            Set<String> words = new HashSet<>();
            for (CatalogEntry entry : catalog.entries()) {
                List<String> texts = new ArrayList<>(entry.action().examples());
                texts.add(entry.action().description());
                for (String example : texts) {
                    for (Token token : RequestText.tokens(example)) {
                        words.add(token.word());
                    }
                }
            }
            known = new Vocabulary(catalog, Set.copyOf(words), Verbs.of(catalog, ExampleIndex.unservedRequests()));
            vocabulary = known;
        }
        return known;
    }

    /** frees the encoder and the example vectors; the next request loads them again. */
    public void unload() {
        lock.writeLock().lock();
        try {
            if (encoder != null) {
                encoder.close();
                NativeHeap.trim();
            }
            encoder = null;
            index = null;
            indexed = null;
            state = State.DORMANT;
        } finally {
            lock.writeLock().unlock();
        }
    }

    public State state() {
        return state;
    }

    @Override
    public void close() {
        unload();
    }

    /** every action's score for the masked request, best first; loads what is missing first. */
    private List<ExampleIndex.Score> rank(String masked, ActionCatalog catalog) {
        lock.readLock().lock();
        try {
            if (index == null || indexed != catalog) {
                lock.readLock().unlock();
                lock.writeLock().lock();
                try {
                    load(catalog);
                } finally {
                    lock.readLock().lock();
                    lock.writeLock().unlock();
                }
            }
            return index.rank(encoder.embed(masked), masked, settings.neighbours(), settings.lexicalWeight());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** loads the encoder and indexes the catalog's examples, reusing what is loaded; under the write lock. */
    private void load(ActionCatalog catalog) {
        List<ExampleIndex.Example> examples = ExampleIndex.examples(catalog);
        if (examples.isEmpty()) {
            throw new IllegalStateException("the catalog has no actions to route to");
        }
        if (encoder == null) {
            state = State.LOADING;
            try {
                encoder = loader.get();
            } finally {
                state = encoder == null ? State.DORMANT : State.LOADED;
            }
        }
        if (index == null || !index.key().equals(ExampleIndex.key(encoder.id(), examples))) {
            VectorStore store = settings.cacheDir() == null ? VectorStore.none() : VectorStore.in(settings.cacheDir());
            index = ExampleIndex.build(examples, encoder, store);
        }
        indexed = catalog;
    }

    /** params in the schema's property order, so equal params always serialize to equal bytes. */
    private static ObjectNode ordered(ObjectNode params, CatalogEntry entry) {
        ObjectNode ordered = Json.MAPPER.createObjectNode();
        entry.schema().path("properties").properties().forEach(property -> {
            JsonNode value = params.get(property.getKey());
            if (value != null) {
                ordered.set(property.getKey(), value);
            }
        });
        return ordered;
    }

    private static double rounded(double score) {
        return Math.round(score * 1000) / 1000.0;
    }
}
