import type { ProbeSpec } from '../probe-spec';
import type { BuiltinProvider } from '../base-url';
import { pixlpayProbe } from './pixlpay';
import { printagoProbe } from './printago';
import { printifyProbe } from './printify';
import { shippoProbe } from './shippo';
import { thinkificProbe } from './thinkific';

export const PROBES: Record<BuiltinProvider, ProbeSpec> = {
  printify: printifyProbe,
  shippo: shippoProbe,
  printago: printagoProbe,
  thinkific: thinkificProbe,
  pixlpay: pixlpayProbe,
};

export { probeForCustomProvider, type CustomProviderProbe } from './custom';
