package dev.llmos.daemon;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.llmos.action.Action;
import dev.llmos.action.Caller;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.MethodResults.Lease;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * time-limited leases a caller holds (e.g. {@code input}: keyboard and mouse without asking each
 * time). kept in the state directory so they survive an idle exit and socket re-activation, and
 * expire on their own; an expired lease is the same as none.
 */
final class Leases {
    /** the longest lease that can be granted. */
    static final Duration MAX = Duration.ofHours(12);

    private final Path file;
    private final InstantSource clock;
    private final List<Lease> leases = new ArrayList<>();

    Leases(Path stateDir, InstantSource clock) {
        this.file = stateDir.resolve("leases.json");
        this.clock = clock;
        if (Files.exists(file)) {
            try {
                leases.addAll(Json.MAPPER.readValue(file.toFile(), new TypeReference<List<Lease>>() { }));
            } catch (IOException e) {
                // an unreadable lease file grants nothing: the safe reading of a broken file
                System.err.println("llm-osd: ignoring unreadable " + file + ": " + e.getMessage());
            }
        }
    }

    /** whether {@code action} runs under a lease that {@code caller} holds now. */
    boolean covers(Caller caller, Action<?> action) {
        return action.lease().filter(kind -> held(caller.uid(), kind)).isPresent();
    }

    synchronized boolean held(int uid, String kind) {
        Instant now = clock.instant();
        return leases.stream().anyMatch(l -> l.uid() == uid && l.kind().equals(kind) && liveAt(l, now));
    }

    /** the caller's live leases, soonest to expire first. */
    synchronized List<Lease> of(int uid) {
        Instant now = clock.instant();
        return leases.stream().filter(l -> l.uid() == uid && liveAt(l, now))
                .sorted(Comparator.comparing(l -> Instant.parse(l.expires()))).toList();
    }

    /** grants (or renews) the caller's lease of {@code kind} for {@code duration}. */
    synchronized Lease grant(int uid, String kind, Duration duration) throws IOException {
        Instant now = clock.instant();
        Lease lease = new Lease(uid, kind, now.toString(), now.plus(duration).toString());
        List<Lease> next = live(now);
        next.removeIf(l -> l.uid() == uid && l.kind().equals(kind));
        next.add(lease);
        save(next);
        return lease;
    }

    /** ends the caller's leases of {@code kind}, or all of them when it is null; returns those ended. */
    synchronized List<Lease> revoke(int uid, String kind) throws IOException {
        Instant now = clock.instant();
        List<Lease> next = live(now);
        List<Lease> ended = next.stream().filter(l -> l.uid() == uid && (kind == null || l.kind().equals(kind))).toList();
        next.removeAll(ended);
        save(next);
        return ended;
    }

    private List<Lease> live(Instant now) {
        return new ArrayList<>(leases.stream().filter(l -> liveAt(l, now)).toList());
    }

    private void save(List<Lease> next) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temp, Json.MAPPER.writeValueAsBytes(next));
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        leases.clear();
        leases.addAll(next);
    }

    /** whether {@code lease} still counts at {@code now}. */
    private static boolean liveAt(Lease lease, Instant now) {
        return Instant.parse(lease.expires()).isAfter(now);
    }
}
