/**
 * Names the server sends in Chinese (incident types and their categories) in the UI's language: looked up by code in
 * command.json, the server's label when the dictionary has none (e.g. a type added on the server first).
 */
import { t } from '@/locales'

function byCode(group: string, code: string, fallback: string): string {
  const key = `command.${group}.${code}`
  const text = t(key)
  return text === key ? fallback : text
}

export const typeName = (code: string, label: string): string => byCode('incidentType', code, label)
export const categoryName = (code: string, label: string | undefined): string => byCode('category', code, label ?? code)
