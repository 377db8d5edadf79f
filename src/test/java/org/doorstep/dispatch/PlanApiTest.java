package org.doorstep.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import org.doorstep.dispatch.planner.Proposal;
import org.junit.jupiter.api.Test;

class PlanApiTest {

    @Test
    void theContractListsEveryReasonThePlannerLeavesAVisitOutFor() {
        assertEquals(Arrays.stream(Proposal.Reason.values()).map(Enum::name).toList(),
                Arrays.stream(PlanApi.LeftOutReason.values()).map(Enum::name).toList());
    }
}
