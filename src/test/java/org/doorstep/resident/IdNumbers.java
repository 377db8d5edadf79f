package org.doorstep.resident;

import java.util.concurrent.ThreadLocalRandom;

/** Valid ID numbers for tests, with the check character computed here independently of the code under test. */
public final class IdNumbers {

    private IdNumbers() {
    }

    public static String withCheck(String first17) {
        int[] weights = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * weights[i];
        }
        return first17 + "10X98765432".charAt(sum % 11);
    }

    /** A random valid number of a resident of Liuyang (430181) born on the given date (yyyyMMdd). */
    public static String random(String birth) {
        return withCheck("430181" + birth + String.format("%03d", ThreadLocalRandom.current().nextInt(1000)));
    }

    /** A random valid number of a resident born on a random day between 1930 and 1969. */
    public static String random() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return random(String.format("%04d%02d%02d", 1930 + r.nextInt(40), 1 + r.nextInt(12), 1 + r.nextInt(28)));
    }

    /** A random valid number whose check character is X, born on the given date. */
    public static String randomEndingInX(String birth) {
        while (true) {
            String id = random(birth);
            if (id.endsWith("X")) {
                return id;
            }
        }
    }
}
