package org.doorstep.catalog;

/** The kinds of file a field tablet captures during a visit. */
public enum CaptureKind {
    FACE_PHOTO,
    PORTRAIT_PHOTO,
    ID_CARD_FRONT,
    ID_CARD_BACK,
    APPLICATION_FORM,
    SIGNATURE,
    MEDICAL_REPORT,
    HOUSEHOLD_REGISTER,
    BANK_CARD
}
