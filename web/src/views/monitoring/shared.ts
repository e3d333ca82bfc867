import { LEVEL_COLOURS, type Level } from '@/api/monitoring'
import { t } from '@/locales'

export const levelLabel = (l: Level | null | undefined) => t(`monitoring.levels.${l ?? 'NORMAL'}`)
export const levelColour = (l: Level | null | undefined) => LEVEL_COLOURS[l ?? 'NORMAL']
export const levelText = (l: Level | null | undefined) => (l === 'YELLOW' ? '#3e2f00' : '#ffffff')

let audio: AudioContext | null = null
/** A short two-tone alert for a new red alarm (WebAudio: no sound file to ship). */
export function alertSound(): void {
  try {
    audio = audio ?? new AudioContext()
    const now = audio.currentTime
    for (const [i, f] of [880, 660, 880].entries()) {
      const osc = audio.createOscillator()
      const gain = audio.createGain()
      osc.frequency.value = f
      gain.gain.setValueAtTime(0.15, now + i * 0.22)
      gain.gain.exponentialRampToValueAtTime(0.001, now + i * 0.22 + 0.2)
      osc.connect(gain).connect(audio.destination)
      osc.start(now + i * 0.22)
      osc.stop(now + i * 0.22 + 0.2)
    }
    window.__yingjiAlarmSounds = (window.__yingjiAlarmSounds ?? 0) + 1
  } catch {
    // no audio device (e.g. a headless browser): the red row still flashes
  }
}

declare global {
  interface Window {
    __yingjiAlarmSounds?: number
  }
}
