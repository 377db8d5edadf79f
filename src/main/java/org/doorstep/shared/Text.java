package org.doorstep.shared;

/** Text as people type it into a form. */
public final class Text {

    private Text() {
    }

    /** Null for nothing but white space, the stripped text otherwise: an empty field means "none". */
    public static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
