/** ISO 8601 durations as the engine reads them (IsoDuration.TryParse): PnYnMnWnDTnHnMnS. */
const ISO = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;

export function isIsoDuration(text: string): boolean {
  return ISO.test(text.trim());
}

export interface FriendlyDuration {
  days: number;
  hours: number;
}

/** Splits a duration into days and hours for the editor, or null when it has other parts (shown as raw text). */
export function toFriendly(text: string | null | undefined): FriendlyDuration | null {
  if (!text) return { days: 0, hours: 0 };
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?)?$/.exec(text.trim());
  if (!m || text.trim() === 'P' || text.trim().endsWith('T')) return null;
  return { days: Number(m[1] ?? 0), hours: Number(m[2] ?? 0) };
}

/** Days and hours back to ISO 8601 (P3D, PT4H, P1DT2H); zero or negative parts are left out, nothing left → undefined. */
export function fromFriendly({ days, hours }: FriendlyDuration): string | undefined {
  const d = Math.max(0, Math.floor(days || 0));
  const h = Math.max(0, Math.floor(hours || 0));
  if (d === 0 && h === 0) return undefined;
  return `P${d ? `${d}D` : ''}${h ? `T${h}H` : ''}`;
}

/** Whole days only (P3D, n ≥ 1): the one form rf:due may take when the deadline counts working days. */
export function isWholeDays(text: string | null | undefined): boolean {
  const m = /^P(\d+)D$/.exec((text ?? '').trim());
  return m !== null && Number(m[1]) >= 1;
}
