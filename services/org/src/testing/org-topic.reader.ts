import {
  ContractRegistry,
  orgIntegrationEvents,
  type IntegrationEnvelope,
} from '@rhythm/contracts';
import { readTopic } from '@rhythm/testing';

/** One message of the org topic, as a downstream consumer receives it. */
export type OrgTopicMessage = Readonly<{
  partition: number;
  offset: string;
  key: string | undefined;
  /** Null when the value is not a valid org integration event (the test then fails on it). */
  envelope: IntegrationEnvelope | null;
  violation: string | undefined;
  headers: Readonly<Record<string, string>>;
}>;

const orgContracts = ContractRegistry.of(orgIntegrationEvents);

/**
 * Reads the whole org topic (read_committed, up to the end offsets it had when the read began)
 * and validates each value against libs/contracts.
 */
export const readOrgTopic = async (
  topic: string,
  options: Readonly<{ timeoutMs?: number }> = {},
): Promise<OrgTopicMessage[]> =>
  (await readTopic(topic, options)).map(({ value, ...message }) => {
    try {
      return { ...message, envelope: orgContracts.parseJson(value).envelope, violation: undefined };
    } catch (error) {
      return { ...message, envelope: null, violation: `${(error as Error).message}: ${value}` };
    }
  });
