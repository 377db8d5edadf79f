package org.doorstep.rights;

import org.doorstep.shared.ProblemKind;

/** The refusals of erasing a resident's data. Each type once, with its status and title. */
public enum ErasureProblem implements ProblemKind {
    ERASURE_REFUSED("erasure-refused", 409, "The resident's data cannot be erased now");

    private final Definition definition;

    ErasureProblem(String slug, int status, String title) {
        this.definition = new Definition(slug, status, title);
    }

    @Override
    public Definition definition() {
        return definition;
    }
}
