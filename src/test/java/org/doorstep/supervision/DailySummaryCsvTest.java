package org.doorstep.supervision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class DailySummaryCsvTest {

    @Test
    void aNameThatASpreadsheetWouldRunAsAFormulaIsWrittenAsText() {
        assertEquals("'=HYPERLINK(\"http://x\")", DailySummaryCsv.text("=HYPERLINK(\"http://x\")"));
        assertEquals("'+1", DailySummaryCsv.text("+1"));
        assertEquals("'-1", DailySummaryCsv.text("-1"));
        assertEquals("'@SUM(A1)", DailySummaryCsv.text("@SUM(A1)"));
        assertEquals("心源村", DailySummaryCsv.text("心源村"));
        assertEquals("", DailySummaryCsv.text(""));
        assertNull(DailySummaryCsv.text(null));
    }
}
