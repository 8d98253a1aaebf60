// UK phone numbers shown the way people write them ("0800 1111", "0161 603 4500"), not as the digits a tel: link dials.

/**
 * Groups the digits of a UK number the conventional way: emergency and short codes as they are, 116 numbers as
 * "116 123", 02x as "020 7946 0000", 01x1 and 011x as "0161 603 4500", other 01 numbers as "01632 960000", mobiles
 * as "07700 900123", 03/08/09 as "0800 068 4141" (or "0800 1111" when short). Anything else is returned unchanged.
 */
export function phoneAsWritten(number: string): string {
  const digits = number.replace(/[\s().-]/g, '');
  if (!/^\d+$/.test(digits)) return number;
  if (digits.length <= 5) return digits;
  if (/^116\d{3}$/.test(digits)) return `${digits.slice(0, 3)} ${digits.slice(3)}`;
  if (digits.length === 8 && /^0[389]00/.test(digits)) return `${digits.slice(0, 4)} ${digits.slice(4)}`;
  if (digits.length !== 11 || !digits.startsWith('0')) return number;
  if (digits.startsWith('02')) return `${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`;
  if (/^01\d1/.test(digits) || digits.startsWith('011')) return `${digits.slice(0, 4)} ${digits.slice(4, 7)} ${digits.slice(7)}`;
  if (digits.startsWith('01') || digits.startsWith('07')) return `${digits.slice(0, 5)} ${digits.slice(5)}`;
  if (/^0[389]/.test(digits)) return `${digits.slice(0, 4)} ${digits.slice(4, 7)} ${digits.slice(7)}`;
  return number;
}
