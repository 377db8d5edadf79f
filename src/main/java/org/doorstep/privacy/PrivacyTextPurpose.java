package org.doorstep.privacy;

/** What a privacy text is read or shown for. */
public enum PrivacyTextPurpose {
    /** The notice an operator reads to the caller at booking: what is collected, why, for how long, who receives it. */
    BOOKING_NOTICE,
    /** The consent text a tablet shows before a face photo is taken. */
    BIOMETRIC_CAPTURE
}
