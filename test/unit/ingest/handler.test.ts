import { describe, expect, it } from 'vitest';
import { markersFromEvent } from '../../../functions/ingest/handler.ts';

const record = (key: string, eventName = 'ObjectCreated:Put', bucket = 'landing') => ({
  eventName,
  s3: { bucket: { name: bucket }, object: { key } },
});

describe('markersFromEvent', () => {
  it('finds the drop of a _SUCCESS marker, decoding the URL-encoded key', () => {
    expect(markersFromEvent({ Records: [record('landing/2026-11-26T0200Z/_SUCCESS'), record('landing/late+drop/_SUCCESS')] })).toEqual({
      markers: [{ bucket: 'landing', dropId: '2026-11-26T0200Z' }],
      refused: ['landing/late drop/_SUCCESS: "late drop" is not a valid drop id'],
    });
  });

  it('accepts the EventBridge form of the notification', () => {
    const event = { 'detail-type': 'Object Created', detail: { bucket: { name: 'b' }, object: { key: 'landing/d1/_SUCCESS' } } };

    expect(markersFromEvent(event).markers).toEqual([{ bucket: 'b', dropId: 'd1' }]);
  });

  it.each([
    ['another file of the drop', record('landing/d1/crm/User.csv')],
    ['a marker deeper down', record('landing/d1/crm/_SUCCESS')],
    ['a removal', record('landing/d1/_SUCCESS', 'ObjectRemoved:Delete')],
    ['not an S3 event', { hello: 'world' }],
  ])('ignores %s', (_name, item) => {
    const event = 'eventName' in item ? { Records: [item] } : item;

    expect(markersFromEvent(event)).toEqual({ markers: [], refused: [] });
  });

  it('refuses a marker key that climbs out of landing/', () => {
    expect(markersFromEvent({ Records: [record('landing/../_SUCCESS')] }).markers).toEqual([]);
  });
});
