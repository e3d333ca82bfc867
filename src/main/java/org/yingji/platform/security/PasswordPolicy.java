package org.yingji.platform.security;

import java.security.SecureRandom;
import org.yingji.platform.web.ProblemException;

/** What a password must be, and how generated ones are made. */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 10;
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordPolicy() {
    }

    /** Throws a 400 naming {@code field} when the password is too weak. */
    public static void check(String field, String password, String username) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw new ProblemException.InvalidField(field, "password.too-short", "密码至少 " + MIN_LENGTH + " 位");
        }
        if (password.chars().noneMatch(Character::isLetter) || password.chars().noneMatch(Character::isDigit)) {
            throw new ProblemException.InvalidField(field, "password.letters-and-digits", "密码须同时包含字母和数字");
        }
        if (password.equalsIgnoreCase(username)) {
            throw new ProblemException.InvalidField(field, "password.equals-username", "密码不能与用户名相同");
        }
    }

    /** A random password that satisfies the policy: 16 characters, letters and digits, no look-alikes. */
    public static String generate() {
        while (true) {
            StringBuilder password = new StringBuilder();
            for (int i = 0; i < 16; i++) {
                password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            }
            String candidate = password.toString();
            if (candidate.chars().anyMatch(Character::isDigit) && candidate.chars().anyMatch(Character::isLetter)) {
                return candidate;
            }
        }
    }
}
