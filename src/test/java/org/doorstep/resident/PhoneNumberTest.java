package org.doorstep.resident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumberTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "13807310042|13807310042|138****0042",
            "138 0731 0042|13807310042|138****0042",
            "+86 138-0731-0042|13807310042|138****0042",
            "008613807310042|13807310042|138****0042",
            "0731-83010001|0731-83010001|0731-****0001",
            "(0731)83010001|0731-83010001|0731-****0001",
            "010-62345678|010-62345678|010-****5678",
            "02161234567|021-61234567|021-****4567",
            "+86 731 8301 0001|0731-83010001|0731-****0001",
            "１３８０７３１００４２|13807310042|138****0042",
            "138\u30000731\u30000042|13807310042|138****0042" })
    void validNumbersAreNormalisedAndMasked(String typed, String normalised, String masked) {
        PhoneNumber phone = PhoneNumber.parse(typed);
        assertEquals(normalised, phone.value());
        assertEquals(masked, phone.masked());
    }

    @ParameterizedTest
    @ValueSource(strings = { "1380731004", "138073100421", "12807310042", "23807310042", "0731-8301", "110",
            "13807310042x", "abc", "" })
    void invalidNumbersAreRefused(String typed) {
        assertThrows(PhoneNumber.Invalid.class, () -> PhoneNumber.parse(typed));
    }
}
