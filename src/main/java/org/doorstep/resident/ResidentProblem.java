package org.doorstep.resident;

import org.doorstep.shared.ProblemKind;

/** The refusals of registering, finding and correcting residents. Each type once, with its status and title. */
public enum ResidentProblem implements ProblemKind {
    RESIDENT_EXISTS("resident-exists", 409, "The resident is registered already"),
    LOOKUP_NEEDS_ONE_KEY("lookup-needs-one-key", 400, "Say what to look for"),
    NO_PHONE("no-phone", 404, "No phone number"),
    RESIDENT_ERASED("resident-erased", 409, "The resident's data was erased"),
    ID_NUMBER_NOT_CORRECTABLE("id-number-not-correctable", 422, "An ID number cannot be corrected"),
    REINDEX_NOT_RUNNING("reindex-not-running", 409, "No re-index is running");

    private final Definition definition;

    ResidentProblem(String slug, int status, String title) {
        this.definition = new Definition(slug, status, title);
    }

    @Override
    public Definition definition() {
        return definition;
    }
}
