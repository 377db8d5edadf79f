package org.doorstep.capture;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.doorstep.shared.ProblemException;

/**
 * The tus 1.0 resumable upload protocol (https://tus.io/protocols/resumable-upload) as this
 * server speaks it: core, creation, checksum, termination and expiration. Header names, the
 * version check, the Upload-Metadata and Upload-Checksum formats, and the protocol's own errors
 * (which keep {@code Tus-Resumable}, like every answer on an upload).
 */
public final class Tus {

    public static final String VERSION = "1.0.0";
    public static final String RESUMABLE = "Tus-Resumable";
    public static final String VERSIONS = "Tus-Version";
    public static final String EXTENSIONS = "Tus-Extension";
    public static final String MAX_SIZE = "Tus-Max-Size";
    public static final String CHECKSUM_ALGORITHMS = "Tus-Checksum-Algorithm";
    public static final String OFFSET = "Upload-Offset";
    /**
     * On the answer that completes an upload (and on a HEAD of a complete one): the capture's id, which a consent's
     * signatureCaptureId names. Ours, beside the protocol's headers, which stock clients ignore.
     */
    public static final String CAPTURE_ID = "Doorstep-Capture-Id";
    public static final String LENGTH = "Upload-Length";
    public static final String DEFER_LENGTH = "Upload-Defer-Length";
    public static final String METADATA = "Upload-Metadata";
    public static final String CHECKSUM = "Upload-Checksum";
    public static final String EXPIRES = "Upload-Expires";
    public static final String PATCH_MEDIA_TYPE = "application/offset+octet-stream";
    public static final String SUPPORTED_EXTENSIONS = "creation,creation-with-upload,checksum,termination,expiration";
    /** The protocol requires sha1; sha256 is what the whole-file check uses. */
    public static final String SUPPORTED_CHECKSUMS = "sha1,sha256";
    /** The status the checksum extension gives a chunk whose checksum does not match. */
    public static final int CHECKSUM_MISMATCH = 460;

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");
    private static final Pattern METADATA_KEY = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}");
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC)
            .withLocale(Locale.ROOT);

    private Tus() {
    }

    /** A PATCH's Upload-Checksum: the algorithm's digest to compute, and what it must come to. */
    public record Checksum(String algorithm, byte[] expected) {

        public MessageDigest digest() {
            try {
                return MessageDigest.getInstance(algorithm.equals("sha1") ? "SHA-1" : "SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** 412 unless the client speaks our version; the answer names the versions we speak. */
    public static void requireVersion(String clientVersion) {
        if (!VERSION.equals(clientVersion == null ? null : clientVersion.trim())) {
            throw error(CaptureProblem.UNSUPPORTED_TUS_VERSION,
                    clientVersion == null ? "Tus-Resumable is required: this server speaks tus " + VERSION
                            : "This server speaks tus " + VERSION + ", not " + clientVersion)
                    .header(VERSIONS, VERSION);
        }
    }

    /** A non-negative header value such as Upload-Offset or Upload-Length. */
    public static long nonNegative(String name, String value) {
        if (value == null) {
            throw invalid(name, "required", "is required");
        }
        String v = value.trim();
        if (!DIGITS.matcher(v).matches()) {
            throw invalid(name, "type-integer", "must be a whole number of bytes, 0 or more");
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw invalid(name, "too-large", "is too large");
        }
    }

    /**
     * Upload-Metadata: comma-separated {@code key base64(value)} pairs, the value optional. Keys
     * are unique; values are UTF-8.
     */
    public static Map<String, String> metadata(String header) {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (header == null || header.isBlank()) {
            return pairs;
        }
        for (String pair : header.split(",", -1)) {
            String[] kv = pair.trim().split(" ", -1);
            if (kv.length > 2 || !METADATA_KEY.matcher(kv[0]).matches()) {
                throw invalid(METADATA, "format", "must be comma-separated pairs of a key and a base64 value");
            }
            String value = "";
            if (kv.length == 2) {
                try {
                    value = new String(Base64.getDecoder().decode(kv[1]), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw invalid(METADATA + "." + kv[0], "format", "is not base64");
                }
            }
            if (pairs.put(kv[0], value) != null) {
                throw invalid(METADATA + "." + kv[0], "duplicate", "appears twice");
            }
        }
        return pairs;
    }

    /** Upload-Checksum: {@code <algorithm> <base64 digest>}; null when absent. */
    public static Checksum checksum(String header) {
        if (header == null) {
            return null;
        }
        String[] parts = header.trim().split(" ");
        if (parts.length != 2) {
            throw invalid(CHECKSUM, "format", "must be an algorithm and a base64 digest");
        }
        String algorithm = parts[0].toLowerCase(Locale.ROOT);
        if (!algorithm.equals("sha1") && !algorithm.equals("sha256")) {
            throw invalid(CHECKSUM, "one-of", "the algorithm must be one of " + SUPPORTED_CHECKSUMS, "values",
                    SUPPORTED_CHECKSUMS);
        }
        try {
            return new Checksum(algorithm, Base64.getDecoder().decode(parts[1]));
        } catch (IllegalArgumentException e) {
            throw invalid(CHECKSUM, "format", "the digest is not base64");
        }
    }

    /** An instant as an RFC 9110 HTTP-date, as Upload-Expires is written. */
    public static String httpDate(Instant instant) {
        return HTTP_DATE.format(instant);
    }

    /** A problem of the upload protocol; like every answer on an upload it keeps Tus-Resumable. */
    public static ProblemException error(org.doorstep.shared.ProblemKind type, String detail) {
        return type.exception(detail).header(RESUMABLE, VERSION);
    }

    public static ProblemException invalid(String field, String code, String message, Object... arguments) {
        return ProblemException.invalid(field, code, message, arguments).header(RESUMABLE, VERSION);
    }
}
