import { describe, expect, it } from 'vitest';
import { loadContractText } from '../../src/contract/load-text.ts';

const document = (after: string, id: string) => `openapi: 3.1.0
info: {title: Reviews, version: '1'}
paths:
  /reviews:
    get:
      operationId: listReviews
      parameters:
        - {name: limit, in: query, schema: {type: integer}}
        - {name: after, in: query, schema: ${after}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: array, items: {$ref: '#/components/schemas/Review'}}
  /reviews/{id}:
    get:
      operationId: getReview
      parameters: [{name: id, in: path, required: true, schema: ${id}}]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Review'}
components:
  schemas:
    Review:
      type: object
      required: [id]
      properties:
        id: ${id}
        start_time: {type: number}
`;

const cursorOf = (after: string, id: string) => {
  const list = loadContractText('reviews.yaml', document(after, id)).operations.find((op) => op.id === 'listReviews')!;
  return list.behaviour.list?.cursor?.param;
};

describe('a paging parameter named like a cursor (`after`)', () => {
  it('is a cursor where it can hold a record\'s key', () => {
    expect(cursorOf('{type: string}', '{type: string}')).toBe('after');
    expect(cursorOf('{type: integer}', '{type: integer}')).toBe('after');
  });

  it('is a filter, not a cursor, where it is a number and keys are strings (after=<timestamp>)', () => {
    expect(cursorOf('{type: number}', '{type: string}')).toBeUndefined();
  });
});
