declare module 'edtf' {
  interface EdtfValue {
    type: string;
    min: number;
    max: number;
    edtf: string;
    uncertain?: unknown;
    approximate?: unknown;
  }
  function edtf(value: string, options?: Record<string, unknown>): EdtfValue;
  export default edtf;
}
