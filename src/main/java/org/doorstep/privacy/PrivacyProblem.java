package org.doorstep.privacy;

import org.doorstep.shared.ProblemKind;

/** The refusals of residents' rights requests. Each type once, with its status and title. */
public enum PrivacyProblem implements ProblemKind {
    REQUEST_CLOSED("request-closed", 409, "The request is closed already");

    private final Definition definition;

    PrivacyProblem(String slug, int status, String title) {
        this.definition = new Definition(slug, status, title);
    }

    @Override
    public Definition definition() {
        return definition;
    }
}
