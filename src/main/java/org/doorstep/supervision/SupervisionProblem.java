package org.doorstep.supervision;

import org.doorstep.shared.ProblemKind;

/** The refusals of follow-up calls and filings. Each type once, with its status and title. */
public enum SupervisionProblem implements ProblemKind {
    VISIT_NOT_CLOSED("visit-not-closed", 409, "The visit is not closed"),
    FOLLOW_UP_DONE("follow-up-done", 409, "The resident was reached already"),
    FILING_NOT_FAILED("filing-not-failed", 409, "Not a parked filing");

    private final Definition definition;

    SupervisionProblem(String slug, int status, String title) {
        this.definition = new Definition(slug, status, title);
    }

    @Override
    public Definition definition() {
        return definition;
    }
}
