import type { IngestMessages } from './zh-CN.ts';

export const en: IngestMessages = {
  deadLettersTitle: 'Dead letters',
  deadLettersIntro: 'Events rejected by validation, kept as received for inspection. Newest first.',
  deadLettersEmpty: 'No dead letters',
  deadLettersShown: '{count} shown',
  colReceivedAt: 'Received',
  colSource: 'Source',
  colSourceUnit: 'Source unit',
  colIp: 'IP address',
  colBatchIndex: 'Batch index',
  colEventId: 'Event id',
  colEventType: 'Event type',
  colError: 'Error',
  rawTitle: 'Raw body',
  rawLabel: 'Raw body of dead letter {id}',
  expandRow: 'Show raw body',
  collapseRow: 'Hide raw body',
};
