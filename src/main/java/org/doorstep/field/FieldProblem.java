package org.doorstep.field;

import org.doorstep.shared.ProblemKind;

/** The refusals of the tablets' day: sync, events and consent. Each type once, with its status and title. */
public enum FieldProblem implements ProblemKind {
    CURSOR_EXPIRED("cursor-expired", 410, "Sync from scratch"),
    CONSENT_ALREADY_RECORDED("consent-already-recorded", 409, "Consent already recorded"),
    CONSENT_TEXT_OUTDATED("consent-text-outdated", 409, "The consent text has changed"),
    CONSENT_NOT_NEEDED("consent-not-needed", 422, "Not asked for this service"),
    VISIT_NOT_ON_SITE("visit-not-on-site", 409, "Consent is taken at the door"),
    VISIT_INCOMPLETE("visit-incomplete", 422, "Something is missing"),
    UNKNOWN_SIGNATURE_CAPTURE("unknown-signature-capture", 422, "No such signature");

    private final Definition definition;

    FieldProblem(String slug, int status, String title) {
        this.definition = new Definition(slug, status, title);
    }

    @Override
    public Definition definition() {
        return definition;
    }
}
