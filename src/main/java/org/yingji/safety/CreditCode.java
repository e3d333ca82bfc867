package org.yingji.safety;

import org.yingji.platform.web.ProblemException;

/**
 * A unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from a 31-character alphabet
 * (no I, O, S, V, Z), the last one a check character over the first 17.
 */
public record CreditCode(String value) {

    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    public CreditCode {
        if (value == null || !value.matches("[0-9A-HJ-NPQRTUWXY]{18}")) {
            throw new ProblemException.InvalidField("creditCode", "CreditCode.format",
                    "统一社会信用代码须为 18 位数字或大写字母（不含 I、O、S、V、Z）");
        }
        if (value.charAt(17) != checkCharacter(value.substring(0, 17))) {
            throw new ProblemException.InvalidField("creditCode", "CreditCode.checkDigit",
                    "统一社会信用代码校验位错误，请核对");
        }
    }

    public static CreditCode of(String value) {
        return new CreditCode(value == null ? null : value.strip().toUpperCase());
    }

    static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        int check = 31 - sum % 31;
        return ALPHABET.charAt(check == 31 ? 0 : check);
    }
}
