package org.doorstep.field;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Pattern;

import org.doorstep.shared.ProblemException;

/**
 * Where a tablet's sync stands: the team it synced, the watermark it read up to, and when. Opaque
 * to the tablet (base64url); it lives in the database's transaction ids, so it survives restarts.
 */
record SyncCursor(UUID teamId, String watermark, Instant issuedAt) {

    /** How long a cursor is honoured (and changes are kept); an older one needs a full sync. */
    static final Duration LIFETIME = Duration.ofDays(30);

    private static final Pattern WATERMARK = Pattern.compile("[0-9]{1,19}");

    String encode() {
        String plain = "1." + teamId + "." + watermark + "." + issuedAt.getEpochSecond();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor a tablet sent, checked; 400 when it is not one of ours, 410 when it no longer counts. */
    static SyncCursor decode(String text, UUID team, Instant now) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII).split("\\.", -1);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (parts.length != 4 || !"1".equals(parts[0]) || !WATERMARK.matcher(parts[2]).matches()
                || !parts[3].matches("[0-9]{1,12}")) {
            throw invalid();
        }
        UUID cursorTeam;
        try {
            cursorTeam = UUID.fromString(parts[1]);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        Instant issued = Instant.ofEpochSecond(Long.parseLong(parts[3]));
        if (!cursorTeam.equals(team) || issued.isBefore(now.minus(LIFETIME))) {
            throw FieldProblem.CURSOR_EXPIRED.exception(
                    "The cursor is too old or belongs to another team; sync again without a cursor for a full snapshot");
        }
        return new SyncCursor(cursorTeam, parts[2], issued);
    }

    private static ProblemException invalid() {
        return ProblemException.invalid("cursor", "cursor", "is not a cursor this service gave");
    }
}
