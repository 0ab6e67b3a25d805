package dev.llmos.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.RpcException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * how to undo each change: an append-only, fsynced json-lines file in the state directory. an
 * entry names the transaction, its caller and the inverse action; a later line marks it applied.
 * a torn last line (a crash mid-append) is ignored.
 */
final class UndoJournal {
    /**
     * one undoable change.
     *
     * @param applied the transaction that undid it, or null
     */
    record Entry(String txid, int uid, String action, String time, CallerSide.Inverse inverse, String applied) {
    }

    private final Path file;
    private final InstantSource clock;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    /** txids an undo is running for right now. */
    private final Set<String> claimed = new HashSet<>();

    UndoJournal(Path stateDir, InstantSource clock) {
        this.file = stateDir.resolve("undo.jsonl");
        this.clock = clock;
        load();
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            dropTornTail();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                JsonNode node;
                try {
                    node = Json.parse(line.getBytes(StandardCharsets.UTF_8));
                } catch (RpcException e) {
                    continue;
                }
                String txid = node.path("txid").asText();
                if (node.has("applied")) {
                    Entry entry = entries.get(txid);
                    if (entry != null) {
                        entries.put(txid, new Entry(txid, entry.uid(), entry.action(), entry.time(), entry.inverse(),
                                node.get("applied").asText()));
                    }
                } else if (node.get("undo") instanceof ObjectNode undo) {
                    entries.put(txid, new Entry(txid, node.path("uid").asInt(), node.path("action").asText(),
                            node.path("time").asText(), new CallerSide.Inverse(undo.path("action").asText(),
                            (ObjectNode) undo.get("params")), null));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the undo journal " + file, e);
        }
    }

    /** cuts a last line that a crash left without its newline, so the next append starts clean. */
    private void dropTornTail() throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            long end = size;
            ByteBuffer one = ByteBuffer.allocate(1);
            while (end > 0) {
                one.clear();
                channel.read(one, end - 1);
                if (one.get(0) == '\n') {
                    break;
                }
                end--;
            }
            if (end < size) {
                channel.truncate(end);
                channel.force(false);
            }
        }
    }

    synchronized void record(String txid, int uid, String action, CallerSide.Inverse inverse) throws IOException {
        String time = clock.instant().toString();
        ObjectNode line = Json.MAPPER.createObjectNode().put("txid", txid).put("uid", uid).put("action", action).put("time", time);
        line.set("undo", Json.toTree(inverse));
        append(line);
        entries.put(txid, new Entry(txid, uid, action, time, inverse, null));
    }

    synchronized void markApplied(String txid, String undoTxid) throws IOException {
        Entry entry = entries.get(txid);
        append(Json.MAPPER.createObjectNode().put("txid", txid).put("applied", undoTxid));
        entries.put(txid, new Entry(txid, entry.uid(), entry.action(), entry.time(), entry.inverse(), undoTxid));
        claimed.remove(txid);
    }

    /**
     * claims {@code txid} for one undo: null when it is now claimed, else why not (being undone,
     * already undone). release it unless the undo is marked applied.
     */
    synchronized String claim(String txid) {
        Entry entry = entries.get(txid);
        if (entry != null && entry.applied() != null) {
            return "was already undone by " + entry.applied();
        }
        return claimed.add(txid) ? null : "is being undone by another request right now";
    }

    /** ends a claim (the undo failed, needed confirmation, or was recorded applied). */
    synchronized void release(String txid) {
        claimed.remove(txid);
    }

    synchronized Entry find(String txid) {
        return entries.get(txid);
    }

    /** the entries of {@code uid} (all of them for root), newest first. */
    synchronized List<Entry> list(int uid) {
        List<Entry> list = new ArrayList<>();
        for (Entry entry : entries.values()) {
            if (uid == 0 || entry.uid() == uid) {
                list.addFirst(entry);
            }
        }
        return list;
    }

    private void append(ObjectNode line) throws IOException {
        byte[] bytes = (Json.toString(line) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        }
    }
}
