package org.doorstep.capture;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.doorstep.booking.VisitFacts;
import org.doorstep.booking.VisitStatus;
import org.doorstep.catalog.CaptureKind;
import org.doorstep.shared.ProblemException;
import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.MemorySize;

/** The rules of captures, on their own: sizes, types, when a visit takes captures, what a face photo needs. */
class CapturePolicyTest {

    private static final Instant NOW = Instant.parse("2026-12-07T02:00:00Z");

    private static CapturePolicy policy() {
        Map<String, MemorySize> sizes = new HashMap<>();
        for (CaptureKind kind : CaptureKind.values()) {
            sizes.put(CapturePolicy.configName(kind), new MemorySize(java.math.BigInteger
                    .valueOf(kind == CaptureKind.FACE_PHOTO ? 5L * 1024 * 1024 : 30L * 1024 * 1024)));
        }
        return new CapturePolicy(new TestCaptureConfig(Map.of(), "unused", sizes));
    }

    private static VisitFacts.Facts visit(VisitStatus status, Instant closedAt) {
        return new VisitFacts.Facts(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), status,
                closedAt);
    }

    private static String slug(ProblemException e) {
        return e.type().substring(e.type().lastIndexOf(':') + 1);
    }

    @Test
    void aFilesSizeIsBoundedByItsKind() {
        CapturePolicy policy = policy();
        assertDoesNotThrow(() -> policy.requireSize(CaptureKind.FACE_PHOTO, 5 * 1024 * 1024));
        ProblemException e = assertThrows(ProblemException.class,
                () -> policy.requireSize(CaptureKind.FACE_PHOTO, 5 * 1024 * 1024 + 1));
        assertEquals("capture-too-large", slug(e));
        assertEquals(5L * 1024 * 1024, e.extensions().get("maxSize"));
    }

    @Test
    void aVisitTakesCapturesOnSiteAndForAWhileAfterItIsCompleted() {
        CapturePolicy policy = policy();
        assertDoesNotThrow(() -> policy.requireAcceptingCaptures(visit(VisitStatus.ON_SITE, null), NOW, false));
        assertDoesNotThrow(() -> policy.requireAcceptingCaptures(visit(VisitStatus.COMPLETED, NOW.minus(Duration.ofHours(11))),
                NOW, false));
        assertEquals("visit-not-taking-captures", slug(assertThrows(ProblemException.class, () -> policy
                .requireAcceptingCaptures(visit(VisitStatus.COMPLETED, NOW.minus(Duration.ofHours(12))), NOW, false))));
        assertEquals("visit-not-taking-captures", slug(assertThrows(ProblemException.class,
                () -> policy.requireAcceptingCaptures(visit(VisitStatus.EN_ROUTE, null), NOW, false))));
        assertEquals("upload-gone", slug(assertThrows(ProblemException.class,
                () -> policy.requireAcceptingCaptures(visit(VisitStatus.CANCELLED, NOW), NOW, true))),
                "an upload under way can never finish");
    }

    @Test
    void aFacePhotoNeedsABiometricServiceAndTheResidentsConsentFirst() {
        CapturePolicy policy = policy();
        UUID visit = UUID.randomUUID();
        assertDoesNotThrow(() -> policy.requireFacePhotoAllowed(visit, true, true));
        assertEquals("capture-not-needed",
                slug(assertThrows(ProblemException.class, () -> policy.requireFacePhotoAllowed(visit, false, true))));
        ProblemException noConsent = assertThrows(ProblemException.class,
                () -> policy.requireFacePhotoAllowed(visit, true, false));
        assertEquals("consent-required", slug(noConsent));
        assertEquals(403, noConsent.status());
    }

    @Test
    void aFileIsTakenOnlyAsATypeItsKindTakesAndAnImageOnlyOfASaneSize() {
        CapturePolicy policy = policy();
        assertEquals(Optional.empty(), policy.refusal(CaptureKind.FACE_PHOTO,
                Optional.of(new ContentInspector.Inspection(ContentType.JPEG, 1200, 1600))));
        assertTrue(policy.refusal(CaptureKind.FACE_PHOTO,
                Optional.of(new ContentInspector.Inspection(ContentType.PDF, 0, 0))).isPresent(), "a face is an image");
        assertEquals(Optional.empty(), policy.refusal(CaptureKind.APPLICATION_FORM,
                Optional.of(new ContentInspector.Inspection(ContentType.PDF, 0, 0))));
        assertTrue(policy.refusal(CaptureKind.ID_CARD_FRONT, Optional.empty()).isPresent(), "unknown bytes");
        assertTrue(policy.refusal(CaptureKind.FACE_PHOTO,
                Optional.of(new ContentInspector.Inspection(ContentType.PNG, 0xFFFFFFFFL, 0xFFFFFFFFL))).isPresent(),
                "a header declaring 4 billion pixels a side is refused, however the product overflows");
        assertTrue(policy.refusal(CaptureKind.FACE_PHOTO,
                Optional.of(new ContentInspector.Inspection(ContentType.PNG, 10_000, 10_000))).isPresent(), "100 Mpx");
    }
}
