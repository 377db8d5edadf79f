package org.doorstep.resident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdNumberTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

    @Test
    void aValidNumberGivesBirthDateAndSex() {
        IdNumber id = IdNumber.parse(IdNumbers.withCheck("43018119550312102"), TODAY);
        assertEquals(LocalDate.of(1955, 3, 12), id.birthDate());
        assertEquals(Sex.FEMALE, id.sex());
        assertEquals("430181", id.regionCode());
        IdNumber man = IdNumber.parse(IdNumbers.withCheck("43018119550312101"), TODAY);
        assertEquals(Sex.MALE, man.sex());
    }

    @Test
    void aLowerCaseXIsNormalised() {
        String upper = IdNumbers.randomEndingInX("19600101");
        assertEquals(upper, IdNumber.parse(upper.toLowerCase(), TODAY).value());
        assertEquals(upper, IdNumber.parse("  " + upper.toLowerCase() + " ", TODAY).value());
    }

    @Test
    void theMaskShowsRegionAndTail() {
        String number = IdNumbers.withCheck("43018119550312102");
        assertEquals("430181********" + number.substring(14), IdNumber.parse(number, TODAY).masked());
        assertEquals(IdNumber.parse(number, TODAY).masked(), IdNumber.parse(number, TODAY).toString());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "43018119550312102|must have 18 characters",
            "4301811955031210211|must have 18 characters",
            "43018119550312A021|the first 17 characters must be digits",
            "43018119550312102Y|the last character must be a digit or X",
            "43018119550230102?|the last character must be a digit or X" })
    void malformedNumbersAreRefused(String number, String message) {
        assertEquals(message, assertThrows(IdNumber.Invalid.class, () -> IdNumber.parse(number, TODAY)).getMessage());
    }

    @Test
    void aRegionCodeOutsideChinaIsRefused() {
        assertThrows(IdNumber.Invalid.class, () -> IdNumber.parse(IdNumbers.withCheck("00000019550312102"), TODAY));
        assertThrows(IdNumber.Invalid.class, () -> IdNumber.parse(IdNumbers.withCheck("99000019550312102"), TODAY));
    }

    @Test
    void fullWidthDigitsAndInnerSpacesAreRead() {
        String id = IdNumbers.withCheck("43018119550312102");
        assertEquals(id, IdNumber.parse("430181 19550312 " + id.substring(14), TODAY).value());
        assertEquals(id, IdNumber.parse(id.replace('4', '４'), TODAY).value());
    }

    @Test
    void aWrongCheckCharacterIsRefused() {
        String valid = IdNumbers.withCheck("43018119550312102");
        char wrong = valid.charAt(17) == '0' ? '1' : '0';
        assertThrows(IdNumber.Invalid.class, () -> IdNumber.parse(valid.substring(0, 17) + wrong, TODAY));
    }

    @ParameterizedTest
    @CsvSource({ "19550230", "19551301", "19550001", "20230229", "17991231" })
    void anImpossibleBirthDateIsRefused(String birth) {
        assertThrows(IdNumber.Invalid.class, () -> IdNumber.parse(IdNumbers.withCheck("430181" + birth + "102"), TODAY));
    }

    @Test
    void aLeapDayIsABirthDate() {
        assertEquals(LocalDate.of(2024, 2, 29), IdNumber.parse(IdNumbers.withCheck("43018120240229102"), TODAY).birthDate());
    }

    @Test
    void aBirthDateInTheFutureIsRefused() {
        assertThrows(IdNumber.Invalid.class, () -> IdNumber.parse(IdNumbers.withCheck("43018120261128102"), TODAY));
        IdNumber.parse(IdNumbers.withCheck("43018120261127102"), TODAY);
    }
}
