package org.doorstep.resident;

import java.text.Normalizer;

/**
 * A mainland China phone number: a mobile number (11 digits starting with 1, second digit 3-9,
 * {@code +86} allowed) or a landline with its area code ({@code 0731-83010001}; area codes 010
 * and 02x have three digits, the others four). Stored normalised: {@code 13812345678},
 * {@code 0731-83010001}.
 */
public record PhoneNumber(String value) {

    public static final class Invalid extends IllegalArgumentException {
        private final String code;

        public Invalid(String code, String message) {
            super(message);
            this.code = code;
        }

        /** The kind of mistake, for the problem's field error. */
        public String code() {
            return code;
        }
    }

    public PhoneNumber {
        if (value == null
                || !(value.matches("1[3-9][0-9]{9}") || value.matches("0(10|2[0-9]|[3-9][0-9]{2})-[1-9][0-9]{6,7}"))) {
            throw new Invalid("phone", "must be a mobile number of 11 digits, or a landline with its area code");
        }
    }

    public static PhoneNumber parse(String typed) {
        if (typed == null || typed.isBlank()) {
            throw new Invalid("phone", "must be a mobile number of 11 digits, or a landline with its area code");
        }
        String digits = Normalizer.normalize(typed, Normalizer.Form.NFKC).strip().replaceAll("[\\s()\\-]", "");
        boolean international = false;
        if (digits.startsWith("+86")) {
            digits = digits.substring(3);
            international = true;
        } else if (digits.startsWith("0086")) {
            digits = digits.substring(4);
            international = true;
        }
        if (international && !digits.isEmpty() && digits.charAt(0) >= '2' && digits.charAt(0) <= '9') {
            // +86 731 8301 0001: a landline written internationally drops the trunk 0.
            digits = "0" + digits;
        }
        if (!digits.matches("[0-9]+")) {
            throw new Invalid("phone-characters", "may hold only digits, spaces, '-', '(' and ')'");
        }
        if (digits.startsWith("1")) {
            return new PhoneNumber(digits);
        }
        if (digits.startsWith("0") && digits.length() > 4) {
            int area = digits.startsWith("010") || digits.startsWith("02") ? 3 : 4;
            return new PhoneNumber(digits.substring(0, area) + "-" + digits.substring(area));
        }
        throw new Invalid("phone", "must be a mobile number of 11 digits, or a landline with its area code");
    }

    public boolean mobile() {
        return value.startsWith("1");
    }

    /** {@code 138****5678} or {@code 0731-****0001}. */
    public String masked() {
        String tail = value.substring(value.length() - 4);
        return mobile() ? value.substring(0, 3) + "****" + tail : value.substring(0, value.indexOf('-')) + "-****" + tail;
    }

    @Override
    public String toString() {
        return masked();
    }
}
