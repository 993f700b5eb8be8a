import { SituationError } from '../../situation-error.ts';
import type { Stage } from './stage.ts';

/**
 * A declared body over the limit is `tooLarge` before credentials are looked at, as the router refuses one
 * while reading it: every caller (adapters, in-process `handle`) answers an oversized request alike.
 */
export const bodyLimitStage: Stage = {
  name: 'body limit',
  applies: () => true,
  run({ request, instance }) {
    const declared = request.header('content-length');
    if (declared === null) return;
    const length = Number(declared);
    if (Number.isFinite(length) && length > instance.bodyLimit) throw new SituationError('tooLarge', `The request body exceeds ${instance.bodyLimit} bytes.`);
  },
};
