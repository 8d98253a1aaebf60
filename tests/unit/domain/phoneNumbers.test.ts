// Phone numbers on buttons read the way people write them.
import { phoneAsWritten } from '../../../bot/domain/phoneNumbers';

describe('phoneAsWritten', () => {
  it.each([
    ['999', '999'],
    ['111', '111'],
    ['85258', '85258'],
    ['08001111', '0800 1111'],
    ['116123', '116 123'],
    ['08000684141', '0800 068 4141'],
    ['03001234567', '0300 123 4567'],
    ['01616034500', '0161 603 4500'],
    ['01144960000', '0114 496 0000'],
    ['02079460000', '020 7946 0000'],
    ['01632960000', '01632 960000'],
    ['07700900123', '07700 900123'],
    ['0800 068 4141', '0800 068 4141'],
  ])('shows %s as %s', (digits, shown) => {
    expect(phoneAsWritten(digits)).toBe(shown);
  });

  it('leaves numbers it does not recognise as they were given', () => {
    expect(phoneAsWritten('+44 20 7946 0000')).toBe('+44 20 7946 0000');
    expect(phoneAsWritten('0123')).toBe('0123');
    expect(phoneAsWritten('123456789012')).toBe('123456789012');
  });
});
