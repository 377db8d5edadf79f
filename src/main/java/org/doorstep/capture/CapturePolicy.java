package org.doorstep.capture;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.doorstep.catalog.CaptureKind;

import io.quarkus.runtime.configuration.MemorySize;

/**
 * What each kind of capture may be: its largest size (configured), the file types it accepts,
 * and whether it is biometric (a face: sensitive personal information, kept only for the
 * retention period and only with consent).
 */
@ApplicationScoped
public class CapturePolicy {

    private static final Set<ContentType> IMAGES = EnumSet.of(ContentType.JPEG, ContentType.PNG);
    private static final Set<ContentType> DOCUMENTS = EnumSet.allOf(ContentType.class);

    private final Map<CaptureKind, Long> maxSize = new EnumMap<>(CaptureKind.class);

    public CapturePolicy(CaptureConfig config) {
        for (CaptureKind kind : CaptureKind.values()) {
            MemorySize size = config.maxSize().get(configName(kind));
            if (size == null) {
                throw new IllegalStateException("doorstep.capture.max-size." + configName(kind) + " is not set");
            }
            maxSize.put(kind, size.asLongValue());
        }
    }

    static String configName(CaptureKind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public long maxSize(CaptureKind kind) {
        return maxSize.get(kind);
    }

    /** The largest capture of any kind (what OPTIONS advertises as Tus-Max-Size). */
    public long largest() {
        return maxSize.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    public Set<ContentType> allowed(CaptureKind kind) {
        return switch (kind) {
            case APPLICATION_FORM, MEDICAL_REPORT, HOUSEHOLD_REGISTER -> DOCUMENTS;
            default -> IMAGES;
        };
    }

    public static boolean biometric(CaptureKind kind) {
        return kind == CaptureKind.FACE_PHOTO;
    }
}
