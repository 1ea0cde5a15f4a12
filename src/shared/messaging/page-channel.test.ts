import { describe, expect, it } from 'vitest';
import { pageMessage, readPageMessage, readPageReport, readSelectionAnswer } from './page-channel';

describe('the page channel', () => {
  it('reads back what pageMessage makes, and nothing else', () => {
    expect(readPageMessage(pageMessage('page:selection'))).toEqual(pageMessage('page:selection'));
    expect(readPageMessage({ type: 'page:selection' })).toBeUndefined();
    expect(readPageMessage({ ...pageMessage('page:numbers'), type: 'page:dial' })).toBeUndefined();
    expect(readPageMessage({ ...pageMessage('page:numbers'), payload: { target: 'tel:+1' } })).toBeUndefined();
    expect(readPageMessage({ ...pageMessage('page:numbers'), extra: 1 })).toBeUndefined();
  });

  it('checks a selection answer and a frame report field by field', () => {
    expect(readSelectionAnswer({ target: 'tel:+14155550142' })).toEqual({ target: 'tel:+14155550142' });
    expect(readSelectionAnswer({ target: 42 })).toBeUndefined();
    expect(readSelectionAnswer(undefined)).toBeUndefined();
    const report = { top: true, hostname: 'a.example', url: 'https://a.example/', numbers: [{ tel: 'tel:+1', text: '1', formatted: '+1', kind: 'mobile' }] };
    expect(readPageReport(report)).toEqual(report);
    expect(readPageReport({ ...report, numbers: [{ tel: 'tel:+1' }] })).toBeUndefined();
    expect(readPageReport({ ...report, top: 'yes' })).toBeUndefined();
  });
});
