/** Refuses anything but this machine: a fuzzer is a load generator. */
export const assertLocalTarget = (url: string): URL => {
  const parsed = new URL(url);
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (!(host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host))) {
    throw new Error(`Refusing to fuzz ${parsed.host}: only localhost / 127.0.0.0/8 / ::1`);
  }
  if (parsed.protocol !== 'http:') throw new Error(`Only http:// targets: ${url}`);
  return parsed;
};
