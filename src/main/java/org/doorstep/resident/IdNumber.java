package org.doorstep.resident;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;

/**
 * A resident identity card number (居民身份证号码, GB 11643-1999): a 6-digit region code, the
 * birth date as 8 digits, a 3-digit sequence whose last digit is odd for men and even for women,
 * and an ISO 7064 MOD 11-2 check character (0-9 or X). Lower-case {@code x} is accepted and
 * normalised. The value is personal data: only {@link #masked()} leaves the service unaudited.
 */
public record IdNumber(String value) {

    private static final int[] WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
    private static final char[] CHECK = { '1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2' };

    /** Why a typed number is not a valid ID number, in words an operator can read out. */
    public static final class Invalid extends IllegalArgumentException {
        private final String code;
        private final transient Object[] arguments;

        public Invalid(String code, String message, Object... arguments) {
            super(message);
            this.code = code;
            this.arguments = arguments;
        }

        /** The kind of mistake, for the problem's field error. */
        public String code() {
            return code;
        }

        /** Name, value pairs for the mistake's wording in other languages. */
        public Object[] arguments() {
            return arguments;
        }
    }

    public IdNumber {
        if (value == null || value.length() != 18) {
            throw new Invalid("id-number-length", "must have 18 characters");
        }
        for (int i = 0; i < 17; i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                throw new Invalid("id-number-digits", "the first 17 characters must be digits");
            }
        }
        if (value.charAt(0) < '1' || value.charAt(0) > '8') {
            throw new Invalid("id-number-region", "the region code " + value.substring(0, 6) + " is not a region of China",
                    "region", value.substring(0, 6));
        }
        char last = value.charAt(17);
        if ((last < '0' || last > '9') && last != 'X') {
            throw new Invalid("id-number-last-character", "the last character must be a digit or X");
        }
        if (checkCharacter(value) != last) {
            throw new Invalid("id-number-check", "the check character does not match; please read the number again");
        }
        birthDateOf(value);
    }

    /**
     * Parses what was typed: full-width characters folded (an input method's １ and Ｘ), spaces
     * removed, {@code x} upper-cased, the birth date not in the future.
     */
    public static IdNumber parse(String typed, LocalDate today) {
        if (typed == null) {
            throw new Invalid("id-number-length", "must have 18 characters");
        }
        String folded = Normalizer.normalize(typed, Normalizer.Form.NFKC).replaceAll("\\s+", "");
        IdNumber id = new IdNumber(folded.toUpperCase(Locale.ROOT));
        if (id.birthDate().isAfter(today)) {
            throw new Invalid("id-number-birth-future", "the birth date " + id.birthDate() + " is in the future", "date",
                    id.birthDate());
        }
        return id;
    }

    /** The whole number for its first 17 digits (region, birth date, sequence), with the check character. */
    public static String complete(String first17) {
        return first17 + checkCharacter(first17);
    }

    static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    public LocalDate birthDate() {
        return birthDateOf(value);
    }

    public Sex sex() {
        return (value.charAt(16) - '0') % 2 == 1 ? Sex.MALE : Sex.FEMALE;
    }

    public String regionCode() {
        return value.substring(0, 6);
    }

    /** {@code 430181********123X}. */
    public String masked() {
        return regionCode() + "********" + value.substring(14);
    }

    @Override
    public String toString() {
        return masked();
    }

    private static LocalDate birthDateOf(String value) {
        int year = Integer.parseInt(value.substring(6, 10));
        int month = Integer.parseInt(value.substring(10, 12));
        int day = Integer.parseInt(value.substring(12, 14));
        if (year < 1900) {
            throw new Invalid("id-number-birth-year", "the birth year " + year + " is not plausible", "year", year);
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            throw new Invalid("id-number-birth-date", "the birth date " + value.substring(6, 14) + " does not exist", "date",
                    value.substring(6, 14));
        }
    }
}
