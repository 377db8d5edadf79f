package org.doorstep.privacy;

import org.doorstep.shared.ProblemKind;

/** The refusals of residents' rights requests. Each type once, with its status and title. */
public enum PrivacyProblem implements ProblemKind {
    REQUEST_CLOSED("request-closed", 409, "The request is closed already"),
    RIGHTS_REQUEST_REQUIRED("rights-request-required", 422, "An open request of the resident is required"),
    CARRIED_OUT_BY_ITS_ACTION("carried-out-by-its-action", 422, "This request is done by carrying it out");

    private final Definition definition;

    PrivacyProblem(String slug, int status, String title) {
        this.definition = new Definition(slug, status, title);
    }

    @Override
    public Definition definition() {
        return definition;
    }
}
