package org.doorstep.catalog;

import java.util.UUID;

import org.doorstep.shared.openapi.PageSchema;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Village", description = "A village (村) of the town")
public record VillageResponse(
        UUID id,
        @Schema(examples = "XINYUAN") String code,
        @Schema(examples = "心源村") String name,
        @Schema(description = "WGS 84 latitude", examples = "28.2712") double latitude,
        @Schema(description = "WGS 84 longitude", examples = "113.8641") double longitude) {

    public static VillageResponse from(Village village) {
        return new VillageResponse(village.id(), village.code(), village.name(), village.latitude().doubleValue(),
                village.longitude().doubleValue());
    }

    /** The contract's name for a page of these. */
    @Schema(name = "VillagePage")
    public static final class Paged extends PageSchema<VillageResponse> {
    }
}
