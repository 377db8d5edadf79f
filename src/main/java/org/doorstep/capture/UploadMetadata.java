package org.doorstep.capture;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Pattern;

import org.doorstep.catalog.CaptureKind;

/**
 * What a tablet says of the file it is about to send, in tus's Upload-Metadata: its kind, file name,
 * SHA-256 and when it was taken. Parsed and checked here, each mistake a 400 naming the metadata key.
 */
final class UploadMetadata {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private UploadMetadata() {
    }

    /** The declared file of {@code length} bytes; {@code now} bounds how far ahead capturedAt may be. */
    static Capture.Declared parse(Map<String, String> metadata, long length, Instant now) {
        if (length < 1) {
            throw Tus.invalid(Tus.LENGTH, "min", "must be at least 1 byte", "value", 1);
        }
        String kindName = required(metadata, "kind");
        CaptureKind kind;
        try {
            kind = CaptureKind.valueOf(kindName);
        } catch (IllegalArgumentException e) {
            throw Tus.invalid(Tus.METADATA + ".kind", "one-of", "must be one of " + Arrays.toString(CaptureKind.values()),
                    "values", Arrays.toString(CaptureKind.values()));
        }
        String fileName = required(metadata, "filename");
        if (fileName.length() > 255 || fileName.chars().anyMatch(Character::isISOControl)) {
            throw Tus.invalid(Tus.METADATA + ".filename", "filename",
                    "must be at most 255 characters, none of them control characters");
        }
        String sha256 = required(metadata, "sha256");
        if (!SHA256.matcher(sha256).matches()) {
            throw Tus.invalid(Tus.METADATA + ".sha256", "format",
                    "must be the file's SHA-256 as 64 lower-case hex characters");
        }
        Instant capturedAt;
        try {
            capturedAt = OffsetDateTime.parse(required(metadata, "capturedAt")).toInstant();
        } catch (DateTimeParseException e) {
            throw Tus.invalid(Tus.METADATA + ".capturedAt", "type-datetime",
                    "must be a time with offset like 2026-11-27T09:30:00+08:00");
        }
        if (capturedAt.isAfter(now.plus(Duration.ofDays(1)))) {
            throw Tus.invalid(Tus.METADATA + ".capturedAt", "future", "is more than a day in the future");
        }
        return new Capture.Declared(kind, fileName, sha256, length, capturedAt);
    }

    /** The metadata HEAD gives back, as the tablet declared it. */
    static Map<String, String> of(Capture c) {
        return Map.of("kind", c.kind().name(), "filename", c.fileName(), "sha256", c.sha256(), "capturedAt",
                c.capturedAt().toString());
    }

    private static String required(Map<String, String> metadata, String key) {
        String value = metadata.get(key);
        if (value == null || value.isBlank()) {
            throw Tus.invalid(Tus.METADATA + "." + key, "required", "is required");
        }
        return value.strip();
    }
}
