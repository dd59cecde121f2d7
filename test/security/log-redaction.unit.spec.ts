import { redactReceipts } from '../../src/app.module';

describe('logs: a ballot receipt is redacted however the query spells its name', () => {
  it('redacts receipt, %72eceipt, receipt[] and repeated receipts; leaves other parameters', () => {
    expect(redactReceipts('/api/votings/v/bulletin?receipt=r-1')).toBe('/api/votings/v/bulletin?receipt=[redacted]');
    expect(redactReceipts('/api/votings/v/bulletin?%72eceipt=r-1')).toBe('/api/votings/v/bulletin?%72eceipt=[redacted]');
    expect(redactReceipts('/b?%72%65%63%65%69%70%74=r-1&limit=5')).toBe('/b?%72%65%63%65%69%70%74=[redacted]&limit=5');
    expect(redactReceipts('/b?limit=5&receipt%5B%5D=r-1&receipt=r-2&x=1')).toBe('/b?limit=5&receipt%5B%5D=[redacted]&receipt=[redacted]&x=1');
    expect(redactReceipts('/b?RECEIPT=r-1')).toBe('/b?RECEIPT=[redacted]');
    expect(redactReceipts('/b?receipts=keep&limit=5')).toBe('/b?receipts=keep&limit=5');
    expect(redactReceipts('/b?%E0%A4%A=x&receipt=r')).toBe('/b?%E0%A4%A=x&receipt=[redacted]');
    expect(redactReceipts('/b')).toBe('/b');
  });
});
