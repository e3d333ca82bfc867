/**
 * The unified social credit code (统一社会信用代码, GB 32100-2015), ported from the server's CreditCode:
 * 18 characters from a 31-character alphabet (no I, O, S, V, Z), the last a check character over the first 17.
 */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
const FORMAT = /^[0-9A-HJ-NPQRTUWXY]{18}$/

/** The check character of the first 17 characters (which must be from the alphabet). */
export function checkCharacter(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) {
    sum += CREDIT_CODE_ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i]!
  }
  const check = 31 - (sum % 31)
  return CREDIT_CODE_ALPHABET.charAt(check === 31 ? 0 : check)
}

/** Upper case, no surrounding blanks: what the server compares. */
export function normaliseCreditCode(value: string): string {
  return value.trim().toUpperCase()
}

export type CreditCodeProblem = 'empty' | 'format' | 'checkDigit'

/** null when valid. */
export function creditCodeProblem(raw: string | null | undefined): CreditCodeProblem | null {
  const value = normaliseCreditCode(raw ?? '')
  if (!value) return 'empty'
  if (!FORMAT.test(value)) return 'format'
  return value.charAt(17) === checkCharacter(value.slice(0, 17)) ? null : 'checkDigit'
}
