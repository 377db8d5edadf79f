package org.doorstep.audit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The hash chain of the audit trail, recomputed here from the stored fields and never by the
 * database's own function ({@code audit_chain_hash} in {@code V6__audit_chain.sql}), so that a
 * check does not trust the code it checks. Both follow one encoding, described in that migration:
 * a fixed tag, the previous hash, then every field in a fixed order, fixed-size or with a presence
 * byte and a length, so that no two different entries encode alike.
 */
final class AuditChain {

    /** What the first entry's {@code prev_hash} is. */
    static final byte[] GENESIS = new byte[32];

    static final String HASH_MISMATCH = "hash mismatch";
    static final String PREV_MISMATCH = "prev mismatch";

    private static final byte[] TAG = "doorstep-audit-v1".getBytes(StandardCharsets.UTF_8);

    private AuditChain() {
    }

    /** One entry as stored, its details in jsonb's text form (which is deterministic). */
    record Link(long id, byte[] prevHash, byte[] hash, Instant occurredAt, UUID townId, UUID actorId, String actorUsername,
            UUID deviceId, String action, String targetType, String targetId, String details) {
    }

    /** The outcome of a walk: where it broke, if it did, and the last good hash. */
    record Verdict(boolean valid, long entries, byte[] head, Long firstBrokenId, String reason) {
    }

    /** The hash an entry must carry, given the hash of the entry before it. */
    static byte[] hash(byte[] prev, Link e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(TAG);
        out.writeBytes(prev);
        out.writeBytes(ByteBuffer.allocate(16).putLong(e.id())
                .putLong(ChronoUnit.MICROS.between(Instant.EPOCH, e.occurredAt())).array());
        uuid(out, e.townId());
        uuid(out, e.actorId());
        text(out, e.actorUsername());
        uuid(out, e.deviceId());
        text(out, e.action());
        text(out, e.targetType());
        text(out, e.targetId());
        text(out, e.details());
        return sha256(out.toByteArray());
    }

    private static void uuid(ByteArrayOutputStream out, UUID value) {
        if (value == null) {
            out.write(0);
            return;
        }
        out.write(1);
        out.writeBytes(ByteBuffer.allocate(16).putLong(value.getMostSignificantBits())
                .putLong(value.getLeastSignificantBits()).array());
    }

    private static void text(ByteArrayOutputStream out, String value) {
        if (value == null) {
            out.write(0);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.write(1);
        out.writeBytes(ByteBuffer.allocate(4).putInt(utf8.length).array());
        out.writeBytes(utf8);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Reads at most {@code limit} entries after the entry {@code afterId}, in chain order. */
    @FunctionalInterface
    interface Pages {
        List<Link> after(long afterId, int limit);
    }

    /**
     * Checks the whole chain a page at a time, holding one page and the last hash, and stops at the
     * first entry that does not fit.
     */
    static Verdict check(Pages pages, int pageSize) {
        Walk walk = new Walk();
        long after = Long.MIN_VALUE;
        List<Link> page;
        do {
            page = pages.after(after, pageSize);
            for (Link link : page) {
                if (!walk.next(link)) {
                    return walk.verdict();
                }
                after = link.id();
            }
        } while (page.size() == pageSize);
        return walk.verdict();
    }

    /** Checks entries one at a time, in chain order, keeping only the last hash. */
    static final class Walk {

        private byte[] head = GENESIS;
        private long entries;
        private Long brokenId;
        private String reason;

        /** Checks the next entry; false once the chain is broken (further entries are not looked at). */
        boolean next(Link link) {
            if (brokenId != null) {
                return false;
            }
            if (!Arrays.equals(head, link.prevHash())) {
                return broken(link, PREV_MISMATCH);
            }
            if (!MessageDigest.isEqual(hash(head, link), link.hash())) {
                return broken(link, HASH_MISMATCH);
            }
            head = link.hash();
            entries++;
            return true;
        }

        private boolean broken(Link link, String why) {
            brokenId = link.id();
            reason = why;
            return false;
        }

        Verdict verdict() {
            return new Verdict(brokenId == null, entries, head, brokenId, reason);
        }
    }

    /** One entry of a town's and the hash of whichever entry is before it in the chain (null before the first). */
    record Placed(Link link, byte[] before) {
    }

    /** Reads at most {@code limit} of a town's entries after the entry {@code afterId}, in chain order. */
    @FunctionalInterface
    interface TownPages {
        List<Placed> after(long afterId, int limit);
    }

    /**
     * Checks a town's own entries, a page at a time: each must carry the hash of the entry before it in the chain
     * (whichever town's that is, so an entry removed or inserted before it breaks it) and its own hash must fit its
     * fields. Stops at the first that does not; the verdict counts and names the town's entries only.
     */
    static Verdict checkTown(TownPages pages, int pageSize) {
        long entries = 0;
        byte[] head = GENESIS;
        long after = Long.MIN_VALUE;
        List<Placed> page;
        do {
            page = pages.after(after, pageSize);
            for (Placed placed : page) {
                Link link = placed.link();
                byte[] before = placed.before() == null ? GENESIS : placed.before();
                if (!Arrays.equals(before, link.prevHash())) {
                    return new Verdict(false, entries, head, link.id(), PREV_MISMATCH);
                }
                if (!MessageDigest.isEqual(hash(before, link), link.hash())) {
                    return new Verdict(false, entries, head, link.id(), HASH_MISMATCH);
                }
                head = link.hash();
                entries++;
                after = link.id();
            }
        } while (page.size() == pageSize);
        return new Verdict(true, entries, head, null, null);
    }
}
