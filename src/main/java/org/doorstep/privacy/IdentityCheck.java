package org.doorstep.privacy;

/** How the operator made sure the caller is the resident, or may act for them. */
public enum IdentityCheck {
    /** The caller gave the full ID number and the name on record. */
    ID_NUMBER_AND_NAME,
    /** The operator called back the phone number on record and spoke to the resident. */
    CALLBACK_TO_PHONE_ON_RECORD,
    /** The resident's ID card was seen in person (at the door or the town's office). */
    ID_CARD_IN_PERSON,
    /** Someone acting for the resident showed the resident's written authorisation. */
    WRITTEN_AUTHORISATION
}
