import { describe, expect, it } from 'vitest';
import { readExtension } from './extension';

describe('readExtension', () => {
  it.each([
    [' ext. 12', '12', ' ext. 12'],
    [' x204', '204', ' x204'],
    ['x12', '12', 'x12'],
    [' #305', '305', ' #305'],
    [' extension 4417', '4417', ' extension 4417'],
    [', Durchwahl 12', '12', ', Durchwahl 12'],
    [' DW 33', '33', ' DW 33'],
    [' poste 1234', '1234', ' poste 1234'],
    [' interno 21', '21', ' interno 21'],
    [' int. 21', '21', ' int. 21'],
    [' доб. 123', '123', ' доб. 123'],
    [' anexo 45', '45', ' anexo 45'],
    [' ramal 2040', '2040', ' ramal 2040'],
    [' toestel 12', '12', ' toestel 12'],
    [' wewn. 15', '15', ' wewn. 15'],
    [' (ext. 12)', '12', ' (ext. 12)'],
    [' ext. 12) more', '12', ' ext. 12'],
    [' 内線 123', '123', ' 内線 123'],
    ['; ext. 77', '77', '; ext. 77'],
    [', x 31', '31', ', x 31'],
    [' X 123', '123', ' X 123'],
  ])('"%s" → %s', (after, ext, text) => {
    const folded = `N${after}`;
    const found = readExtension(folded, 1);
    expect(found?.ext).toBe(ext);
    expect(folded.slice(1, found?.end)).toBe(text);
  });

  it.each([' times', ' x-ray', ' internet 12', ' 12', ' extra 12', ';x12', '; x 12', ';#5'])('"%s" is none', (after) => {
    expect(readExtension(`N${after}`, 1)).toBeUndefined();
  });
});
