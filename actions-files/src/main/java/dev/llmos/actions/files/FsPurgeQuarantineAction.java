package dev.llmos.actions.files;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.llmos.action.Action;
import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.action.Risk;
import dev.llmos.posix.PosixException;
import dev.llmos.support.Sizes;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code fs.purge_quarantine}: frees the caller's quarantine of items older than a number of days,
 * for good. what it frees can no longer be undone; it has no inverse itself.
 */
public final class FsPurgeQuarantineAction implements Action<FsPurgeQuarantineAction.Params> {
    private final Clock clock;

    public FsPurgeQuarantineAction() {
        this(Clock.systemUTC());
    }

    FsPurgeQuarantineAction(Clock clock) {
        this.clock = clock;
    }

    /**
     * params of {@code fs.purge_quarantine}.
     *
     * @param olderThanDays only items at least this old go; 0 empties the quarantine
     */
    public record Params(
            @Min(0) @Max(36500) @JsonProperty(defaultValue = "30")
            @JsonPropertyDescription("free only items at least this many days old; 0 frees everything")
            Integer olderThanDays) {
    }

    /**
     * one freed item.
     *
     * @param action the action that made it, null when its manifest is unreadable
     * @param original the path it belonged to, null when its manifest is unreadable
     * @param created when it was made
     */
    public record Freed(String item, String action, String original, String created, long bytes) {
    }

    /**
     * what was freed.
     *
     * @param freedBytes the bytes of files removed
     * @param kept how many items stay, being younger
     * @param failures items that could not be removed, with why
     */
    public record Purged(long freedBytes, List<Freed> items, long kept, List<String> failures) {
    }

    /** the items old enough to go, and how many stay. */
    private record Selection(List<Freed> old, long kept) {
    }

    @Override
    public String name() {
        return "fs.purge_quarantine";
    }

    @Override
    public String description() {
        return "empty the quarantine of deleted and replaced files older than some days, for good (frees disk space)";
    }

    @Override
    public List<String> examples() {
        return List.of(
                "empty the quarantine",
                "purge quarantined files older than 7 days",
                "free the space used by deleted files",
                "permanently remove everything in the trash",
                "clean out the undo quarantine",
                "get rid of old backups kept for undo",
                "empty trash older than a month",
                "how much space do deleted files take, then purge them");
    }

    @Override
    public Risk risk() {
        return Risk.DESTRUCTIVE;
    }

    /** what is freed is gone for good. */
    @Override
    public boolean irreversible() {
        return true;
    }

    @Override
    public Optional<Preview> preview(Params params, ActionContext context) throws ActionException {
        try (Quarantine quarantine = Quarantine.open(context, clock)) {
            Selection selection = select(params, quarantine);
            List<Preview.Change> changes = new ArrayList<>();
            long bytes = 0;
            for (Freed freed : selection.old()) {
                bytes += freed.bytes();
                if (changes.size() < Preview.LIMIT) {
                    changes.add(new Preview.Change(Preview.Op.PURGE, Places.child(quarantine.path(), freed.item()),
                            (freed.original() == null ? "unreadable item" : freed.action() + " of " + freed.original())
                                    + ", " + Sizes.iec(freed.bytes())));
                }
            }
            return Optional.of(Preview.of("free " + selection.old().size() + " quarantined items (" + Sizes.iec(bytes)
                    + ") for good; " + selection.kept() + " younger stay; what is freed can no longer be undone",
                    changes, selection.old().size() - changes.size()));
        }
    }

    @Override
    public Purged execute(Params params, ActionContext context) throws ActionException {
        try (Quarantine quarantine = Quarantine.open(context, clock)) {
            Selection selection = select(params, quarantine);
            List<Freed> freed = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            long bytes = 0;
            for (Freed old : selection.old()) {
                String path = Places.child(quarantine.path(), old.item());
                try {
                    Quarantine.Item item = quarantine.open(old.item());
                    try {
                        quarantine.discard(item);
                    } finally {
                        quarantine.release(item);
                    }
                    freed.add(old);
                    bytes += old.bytes();
                } catch (IOException | PosixException e) {
                    failures.add(old.item() + ": " + FileFailure.io(path, e).getMessage());
                }
            }
            return new Purged(bytes, freed, selection.kept(), failures);
        }
    }

    /** walks the items one at a time (each held only while it is looked at). */
    private Selection select(Params params, Quarantine quarantine) throws ActionException {
        Instant cutoff = clock.instant().minus(Duration.ofDays(params.olderThanDays()));
        List<Freed> old = new ArrayList<>();
        long kept = 0;
        try {
            for (String id : quarantine.items()) {
                Quarantine.Item item = quarantine.open(id);
                try {
                    Manifest manifest = quarantine.readIfValid(item);
                    Entry entry = quarantine.entry(item);
                    Instant created = manifest != null ? manifest.createdInstant()
                            : Instant.ofEpochSecond(0, entry.stat().mtimeNanos());
                    if (created.isAfter(cutoff)) {
                        kept++;
                    } else {
                        old.add(new Freed(id, manifest == null ? null : manifest.action(),
                                manifest == null ? null : manifest.original(), created.toString(),
                                TreeSummary.of(entry, 0).bytes()));
                    }
                } finally {
                    quarantine.release(item);
                }
            }
        } catch (IOException | PosixException e) {
            throw FileFailure.io(quarantine.path(), e);
        }
        return new Selection(old, kept);
    }
}
