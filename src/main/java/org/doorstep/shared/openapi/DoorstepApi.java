package org.doorstep.shared.openapi;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.servers.Server;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The contract's front page: what the API is, its groups of operations, where it runs. The
 * license has no SPDX identifier of its own, so it is a {@code LicenseRef-} (OpenAPI 3.1 wants an
 * identifier or a URL, and client generators refuse a contract without one); the server is the
 * one that serves the contract, whatever its host.
 */
@OpenAPIDefinition(info = @Info(title = "Doorstep API", version = "1.0.0", description = "Backend of a town government's home-visit service team (上门办): hotline booking,"
        + " dispatch, field tablets, supervision. Every error is an RFC 9457 problem"
        + " (application/problem+json) with a stable `type`; validation problems list `errors[]`."
        + " Times are ISO-8601 with offset, dates are `2026-11-27`, the town's zone is Asia/Shanghai."
        + " Lists are paged with `?page=&size=` (size at most 200).", license = @License(name = "Proprietary: town government internal use", identifier = "LicenseRef-Proprietary")), servers = @Server(url = "/", description = "The instance that serves this contract (at /q/openapi)"), tags = {
                @Tag(name = "Identity", description = "Sign-in on a console or an enrolled tablet, tokens and their keys, staff accounts, tablets"),
                @Tag(name = "Catalogue", description = "The town's villages and service catalogue (事项清单)"),
                @Tag(name = "Residents' rights", description = "Residents' rights over their data (PIPL): requests as work items, consent withdrawal, access copies"),
                @Tag(name = "Privacy texts", description = "The booking notice and the consent texts, versioned per county and town"),
                @Tag(name = "Calendar", description = "The working calendar that deadlines are counted on (holidays and make-up working days)"),
                @Tag(name = "Residents", description = "Residents, their ID and phone numbers protected (stored encrypted, shown masked)"),
                @Tag(name = "Visits", description = "Home visits (work orders): booking, reading, cancelling"),
                @Tag(name = "Dispatch", description = "Teams, assignments, the day board, slot recommendations and the day planner"),
                @Tag(name = "Field tablets", description = "The field team's day, sync and what happened at the door"),
                @Tag(name = "Consent", description = "The resident's consent, before a face image is taken"),
                @Tag(name = "Captures", description = "Documents and images taken at the door: resumable tus 1.0 uploads, reads audited"),
                @Tag(name = "Supervision", description = "The daily summary, follow-up calls and online filing of completed visits"),
                @Tag(name = "Audit", description = "The tamper-evident audit trail")
        })
public class DoorstepApi extends Application {
}
