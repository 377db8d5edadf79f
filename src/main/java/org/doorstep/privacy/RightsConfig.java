package org.doorstep.privacy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Residents' rights over their data ({@code doorstep.rights.*}): deadlines, retention and inactivity. */
@ConfigMapping(prefix = "doorstep.rights")
public interface RightsConfig {

    /** Working days a rights request is due in. */
    @WithDefault("15")
    int deadlineWorkingDays();

    /** The county's default retention of visit records before a resident's data may be erased (a town may set its own). */
    @WithDefault("0")
    int recordRetentionDays();

    /** Residents with no open visit and no activity this long are erased. */
    @WithDefault("1095")
    int inactiveErasureDays();

    /** How often the inactivity erasure looks ({@code off} stops it); read by the scheduler. */
    @WithDefault("6h")
    String inactiveErasureEvery();
}
