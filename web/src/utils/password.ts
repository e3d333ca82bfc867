/** The server's password rule (API.md): at least 10 characters, letters and digits. */
export function passwordProblem(pw: string): 'tooShort' | 'needLettersDigits' | null {
  if (pw.length < 10) return 'tooShort'
  if (!/[A-Za-z]/.test(pw) || !/\d/.test(pw)) return 'needLettersDigits'
  return null
}
