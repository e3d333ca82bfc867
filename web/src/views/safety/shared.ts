/**
 * What the safety pages share: the four risk colours, labels of the server's codes (locale keys safety.*),
 * the LEC / risk-matrix tables and thresholds (mirroring RiskAssessment.java), tag types and deadline checks.
 */
import type { FormItemRule } from 'element-plus'
import { t } from '@/locales'
import type { HazardGrade, HazardState, HazardView, RiskLevel } from '@/api/safety'
import { session } from '@/stores/session'

// ---------- colours ----------
export const RISK_COLOURS: Record<RiskLevel | 'NONE', string> = {
  RED: '#e53935',
  ORANGE: '#fb8c00',
  YELLOW: '#fdd835',
  BLUE: '#1e88e5',
  NONE: '#9e9e9e',
}

/** Text colour readable on the level's colour (yellow needs dark text). */
export function riskTextColour(level: RiskLevel | 'NONE' | null | undefined): string {
  return level === 'YELLOW' ? '#3e2f00' : '#ffffff'
}

export function riskColour(level: RiskLevel | null | undefined): string {
  return RISK_COLOURS[level ?? 'NONE']
}

/** 红 / 橙 / 黄 / 蓝 (未评估 for none). */
export function riskShort(level: RiskLevel | null | undefined): string {
  return t(`safety.levelShort.${level ?? 'NONE'}`)
}

/** 重大风险 / 较大风险 / 一般风险 / 低风险 (未评估). */
export function riskLabel(level: RiskLevel | null | undefined): string {
  return t(`safety.level.${level ?? 'NONE'}`)
}

// ---------- labels ----------
export const industryLabel = (code: string | null | undefined) => (code ? t(`safety.industry.${code}`) : '')
export const scaleLabel = (code: string | null | undefined) => (code ? t(`safety.scale.${code}`) : '')
export const categoryLabel = (code: string | null | undefined) => (code ? t(`safety.category.${code}`) : '')
export const foundByLabel = (code: string | null | undefined) => (code ? t(`safety.foundBy.${code}`) : '')
export const gradeLabel = (code: string | null | undefined) => (code ? t(`safety.grade.${code}`) : '')
export const stateLabel = (code: string | null | undefined) => (code ? t(`safety.state.${code}`) : '')
export const listingLevelLabel = (code: string | null | undefined) => (code ? t(`safety.listingLevel.${code}`) : '')

export function stateTagType(state: HazardState): 'info' | 'warning' | 'primary' | 'success' | 'danger' {
  switch (state) {
    case 'REPORTED':
      return 'info'
    case 'CONFIRMED':
      return 'warning'
    case 'RECTIFYING':
      return 'primary'
    case 'SUBMITTED':
      return 'warning'
    case 'CLOSED':
      return 'success'
  }
}

export function gradeTagType(grade: HazardGrade | null): 'danger' | 'info' {
  return grade === 'MAJOR' ? 'danger' : 'info'
}

// ---------- LEC (作业条件危险性评价法) ----------
export interface TableValue {
  value: number
  /** locale key of its standard meaning */
  key: string
}

const row = (letter: string, values: number[]): TableValue[] =>
  values.map((value) => ({ value, key: `safety.lec.${letter}.${String(value).replace('.', '_')}` }))

/** 事故发生的可能性 L */
export const LEC_L = row('L', [10, 6, 3, 1, 0.5, 0.2, 0.1])
/** 暴露于危险环境的频繁程度 E */
export const LEC_E = row('E', [10, 6, 3, 2, 1, 0.5])
/** 发生事故产生的后果 C */
export const LEC_C = row('C', [100, 40, 15, 7, 3, 1])

export interface Grade {
  score: number
  level: RiskLevel
}

/** D = L × E × C; D > 320 red, 160–320 orange, 70–160 yellow, below 70 blue (as the server grades). */
export function lecGrade(l: number | null, e: number | null, c: number | null): Grade | null {
  if (l == null || e == null || c == null) return null
  // tenths of L and E are integers: compare in hundredths to avoid 0.1 × 0.5 rounding
  const hundredths = Math.round(l * 10) * Math.round(e * 10) * c
  const score = hundredths / 100
  const level: RiskLevel =
    hundredths > 32000 ? 'RED' : hundredths >= 16000 ? 'ORANGE' : hundredths >= 7000 ? 'YELLOW' : 'BLUE'
  return { score, level }
}

/** R = likelihood × severity (each 1–5); R ≥ 20 red, 15–19 orange, 9–14 yellow, below 9 blue. */
export function matrixGrade(likelihood: number | null, severity: number | null): Grade | null {
  if (likelihood == null || severity == null) return null
  const r = likelihood * severity
  const level: RiskLevel = r >= 20 ? 'RED' : r >= 15 ? 'ORANGE' : r >= 9 ? 'YELLOW' : 'BLUE'
  return { score: r, level }
}

export const MATRIX_STEPS = [1, 2, 3, 4, 5]

/** A score without needless decimals (BigDecimal from the server may arrive as 126.000). */
export function formatScore(score: number | string | null | undefined): string {
  if (score === null || score === undefined || score === '') return ''
  const n = Number(score)
  if (!Number.isFinite(n)) return String(score)
  return String(Math.round(n * 1000) / 1000)
}

// ---------- deadlines ----------
/** Date picker: days before today cannot be picked. */
export function beforeToday(date: Date): boolean {
  const today = new Date()
  today.setHours(0, 0, 0, 0)
  return date.getTime() < today.getTime()
}

/** A form rule: required, and later than now (the server checks the same). */
export function futureRule(label: string, required = true): FormItemRule {
  return {
    required,
    validator: (_rule, value: unknown, callback) => {
      if (value === null || value === undefined || value === '') {
        return required ? callback(new Error(t('common.required', { field: label }))) : callback()
      }
      const time = value instanceof Date ? value.getTime() : new Date(String(value)).getTime()
      if (!Number.isFinite(time)) return callback(new Error(t('safety.deadlineInvalid')))
      if (time <= Date.now()) return callback(new Error(t('safety.deadlineFuture')))
      callback()
    },
    trigger: 'change',
  }
}

/** A date picker's value (Date or string) → ISO instant, or null. */
export function toIso(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null
  const d = value instanceof Date ? value : new Date(value)
  return Number.isNaN(d.getTime()) ? null : d.toISOString()
}

/** A default deadline: `days` from now at 18:00. */
export function defaultDeadline(days: number): Date {
  const d = new Date()
  d.setDate(d.getDate() + days)
  d.setHours(18, 0, 0, 0)
  return d
}

/** Whole days from now to an instant (negative when past). */
export function daysUntil(iso: string | null | undefined): number | null {
  if (!iso) return null
  const ms = new Date(iso).getTime() - Date.now()
  return Number.isFinite(ms) ? Math.floor(ms / 86_400_000) : null
}

// ---------- who may do what (the server has the last word) ----------
export const isEnterpriseUser = () => session.me?.role === 'ENTERPRISE_USER'

export interface HazardActions {
  confirm: boolean
  plan: boolean
  listing: boolean
  submit: boolean
  accept: boolean
  reject: boolean
}

export function hazardActions(h: HazardView, can: (p: string) => boolean): HazardActions {
  const regulate = can('safety:regulate')
  const works = regulate || can('safety:report')
  return {
    confirm: regulate && h.state === 'REPORTED',
    plan: works && (h.state === 'CONFIRMED' || h.state === 'RECTIFYING'),
    listing: regulate && h.grade === 'MAJOR' && !h.listed && h.state !== 'CLOSED',
    submit: works && h.state === 'RECTIFYING',
    accept: regulate && h.state === 'SUBMITTED',
    reject: regulate && h.state === 'SUBMITTED',
  }
}
