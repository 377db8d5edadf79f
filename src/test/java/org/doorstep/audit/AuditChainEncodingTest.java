package org.doorstep.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The Java side of the chain, on its own: the encoding is unambiguous and a walk stops where it breaks. */
class AuditChainEncodingTest {

    private static final Instant AT = Instant.parse("2026-11-27T01:16:40.123456Z");
    private static final UUID TOWN = UUID.fromString("1c9e2f3a-4b5a-4d6e-8f7a-9b0c1d2e3f4a");

    private static AuditChain.Link link(long id, String targetType, String targetId, String details) {
        return new AuditChain.Link(id, null, null, AT, TOWN, null, "操作员", null, "PERSONAL_DATA_READ", targetType, targetId,
                details);
    }

    private static String hex(byte[] prev, AuditChain.Link link) {
        return HexFormat.of().formatHex(AuditChain.hash(prev, link));
    }

    /** The value the migration's audit_chain_hash gives for the same entry: both sides encode alike. */
    @Test
    void theJavaHashIsTheOneTheDatabaseComputes() {
        assertEquals("ef6ae7e8a921efc5a9e0278ee2af48d4badc8f3a18cc0b9f7f762cf9404e4af8",
                hex(AuditChain.GENESIS,
                        link(4182, "resident", "7f1e2d3c", "{\"field\": \"phone\", \"purpose\": \"call back\"}")));
    }

    @Test
    void movingCharactersBetweenNeighbouringFieldsChangesTheHash() {
        assertNotEquals(hex(AuditChain.GENESIS, link(1, "ab", "c", "{}")), hex(AuditChain.GENESIS, link(1, "a", "bc", "{}")));
    }

    @Test
    void aMissingValueIsNotAnEmptyOne() {
        assertNotEquals(hex(AuditChain.GENESIS, link(1, "resident", null, "{}")),
                hex(AuditChain.GENESIS, link(1, "resident", "", "{}")));
    }

    @Test
    void theHashCoversThePreviousOne() {
        byte[] other = new byte[32];
        other[31] = 1;
        assertNotEquals(hex(AuditChain.GENESIS, link(1, "resident", "x", "{}")), hex(other, link(1, "resident", "x", "{}")));
    }

    /** Five entries chained from the genesis, the one with id {@code changed} altered after it was hashed. */
    private static List<AuditChain.Link> chain(long changed) {
        List<AuditChain.Link> links = new ArrayList<>();
        byte[] prev = AuditChain.GENESIS;
        for (long id = 1; id <= 5; id++) {
            AuditChain.Link l = link(id, "resident", "r" + id, "{}");
            byte[] hash = AuditChain.hash(prev, l);
            links.add(new AuditChain.Link(id, prev, hash, AT, TOWN, null, "操作员", null, "PERSONAL_DATA_READ", "resident",
                    "r" + id, id == changed ? "{\"field\": \"phone\"}" : "{}"));
            prev = hash;
        }
        return links;
    }

    /** Pages of the chain as the repository gives them: after an id, at most so many. */
    private static AuditChain.Pages pagesOf(List<AuditChain.Link> links) {
        return (after, limit) -> links.stream().filter(l -> l.id() > after).limit(limit).toList();
    }

    @Test
    void aChainReadInPagesIsValidAndEndsAtItsHead() {
        List<AuditChain.Link> links = chain(0);
        AuditChain.Verdict verdict = AuditChain.check(pagesOf(links), 2);
        assertTrue(verdict.valid());
        assertEquals(5, verdict.entries());
        assertArrayEquals(links.get(4).hash(), verdict.head());
    }

    @Test
    void aChangedEntryIsNamedWithTheCountOfEntriesBeforeIt() {
        AuditChain.Verdict verdict = AuditChain.check(pagesOf(chain(4)), 2);
        assertFalse(verdict.valid());
        assertEquals(3, verdict.entries());
        assertEquals(4L, verdict.firstBrokenId());
        assertEquals(AuditChain.HASH_MISMATCH, verdict.reason());
    }

    @Test
    void aRemovedEntryIsNoticedAtTheNextOne() {
        List<AuditChain.Link> links = new ArrayList<>(chain(0));
        links.remove(2);
        AuditChain.Verdict verdict = AuditChain.check(pagesOf(links), 2);
        assertEquals(List.of(false, 2L, 4L, AuditChain.PREV_MISMATCH),
                List.of(verdict.valid(), verdict.entries(), verdict.firstBrokenId(), verdict.reason()));
    }

    @Test
    void anEmptyChainIsValidAndItsHeadIsTheGenesis() {
        AuditChain.Verdict verdict = AuditChain.check(pagesOf(List.of()), 2);
        assertTrue(verdict.valid());
        assertEquals(0, verdict.entries());
        assertArrayEquals(AuditChain.GENESIS, verdict.head());
    }
}
