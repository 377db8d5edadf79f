package org.doorstep.capture;

/** The file types a capture may be, known from their first bytes. */
public enum ContentType {
    JPEG("image/jpeg"),
    PNG("image/png"),
    PDF("application/pdf");

    private final String mediaType;

    ContentType(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    public boolean image() {
        return this != PDF;
    }
}
