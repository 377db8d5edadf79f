package org.doorstep.privacy;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.doorstep.audit.AuditAction;
import org.doorstep.audit.AuditEvent;
import org.doorstep.audit.AuditService;
import org.doorstep.shared.ProblemException;
import org.doorstep.shared.ProblemType;
import org.doorstep.shared.security.Caller;
import org.doorstep.shared.security.Roles;

/**
 * The notices and consent texts in force: a town's own latest version where it published one, the county's
 * latest otherwise. Published by admins as their roles allow (the county's wording by a county admin, a town's by
 * that town's admin); every version stays, for what consents recorded under it agreed to.
 */
@ApplicationScoped
public class PrivacyTexts {

    /** Whose wording a text is. */
    public enum Scope {
        /** The county's, used by every town that has none of its own. */
        COUNTY,
        /** The town's own, which applies to it instead of the county's. */
        TOWN
    }

    private final PrivacyTextRepository texts;
    private final AuditService audit;
    private final Clock clock;

    public PrivacyTexts(PrivacyTextRepository texts, AuditService audit, Clock clock) {
        this.texts = texts;
        this.audit = audit;
        this.clock = clock;
    }

    /** The text in force for the town. The county's first versions are part of the schema, so there always is one. */
    public PrivacyText current(UUID townId, PrivacyTextPurpose purpose) {
        return texts.latest(townId, purpose).or(() -> texts.latest(null, purpose))
                .orElseThrow(() -> ProblemException.notFound("Privacy text"));
    }

    public List<PrivacyText> history(Caller caller, PrivacyTextPurpose purpose) {
        return texts.history(caller.townId(), purpose);
    }

    /** The versions of one wording, newest first: the county's, or the caller's town's own. */
    public List<PrivacyText> versions(Caller caller, PrivacyTextPurpose purpose, Scope scope) {
        return texts.inScope(scope == Scope.TOWN ? caller.townId() : null, purpose);
    }

    /** Publishes the next version in the scope; it applies from now on. Audited. */
    @Transactional
    public PrivacyText publish(Caller admin, PrivacyTextPurpose purpose, Scope scope, String body) {
        if (scope == Scope.COUNTY && !admin.roles().contains(Roles.COUNTY_ADMIN)) {
            throw new ProblemException(ProblemType.FORBIDDEN,
                    "Only a county admin publishes the county's wording; publish your town's own");
        }
        if (scope == Scope.TOWN && !admin.roles().contains(Roles.ADMIN)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only the town's admin publishes the town's own wording");
        }
        UUID town = scope == Scope.TOWN ? admin.townId() : null;
        texts.lockScope(town, purpose);
        int version = texts.latest(town, purpose).map(t -> t.version() + 1).orElse(1);
        PrivacyText text = new PrivacyText(town, purpose, version, body.strip(), admin.staffId(), clock.instant());
        texts.persist(text);
        audit.record(AuditEvent.of(AuditAction.PRIVACY_TEXT_PUBLISHED).town(town).actor(admin.staffId(), admin.username())
                .target("privacy_text", text.id()).detail("purpose", purpose.name()).detail("scope", scope.name())
                .detail("version", version));
        return text;
    }

    public static Scope scopeOf(PrivacyText text) {
        return text.townId().isPresent() ? Scope.TOWN : Scope.COUNTY;
    }
}
