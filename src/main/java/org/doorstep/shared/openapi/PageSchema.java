package org.doorstep.shared.openapi;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The contract's shape of a {@link org.doorstep.shared.Page}. Each list names its own page type
 * by extending this ({@code class Paged extends PageSchema<VillageResponse>}), so that generated
 * clients get a {@code VillagePage} rather than a nameless generic.
 */
public abstract class PageSchema<T> {

    @Schema(description = "The items of this page")
    public List<T> items;
    @Schema(description = "Page number, from 0", examples = "0")
    public int page;
    @Schema(description = "Page size asked for", examples = "50")
    public int size;
    @Schema(description = "Items in all pages", examples = "12")
    public long total;
}
