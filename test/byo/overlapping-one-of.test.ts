import { describe, expect, it } from 'vitest';
import { loadContractText } from '../../src/contract/load-text.ts';

const document = (choice: string) => `openapi: 3.0.3
info: {title: Sign-up, version: '1'}
paths:
  /signup:
    post:
      responses:
        '200':
          description: a session, or the user when confirmation is pending
          content:
            application/json:
              schema: {${choice}: [{$ref: '#/components/schemas/Session'}, {$ref: '#/components/schemas/User'}]}
components:
  schemas:
    Session:
      type: object
      properties: {access_token: {type: string}, user: {$ref: '#/components/schemas/User'}}
    User:
      type: object
      properties: {id: {type: string}, email: {type: string}}
`;

describe('a oneOf whose branches require nothing (all fields optional)', () => {
  it('is read as anyOf with a warning: a correct answer (a user) matches both branches', () => {
    const contract = loadContractText('signup.yaml', document('oneOf'));
    const validate = contract.operations[0].responses.get('200')!.validate!;
    expect(validate({ id: 'u1', email: 'a@example.com' })).toBe(true);
    expect(validate({ access_token: 't', user: { id: 'u1' } })).toBe(true);
    expect(validate('u1')).toBe(false);
    expect(contract.warnings.map((w) => `${w.line} ${w.message}`)).toContainEqual(expect.stringMatching(/^11 oneOf: 2 of its branches require nothing .*read as anyOf/));
  });

  it('keeps its meaning where the branches require fields (exactly one still checked)', () => {
    const contract = loadContractText('signup.yaml', document('oneOf')
      .replace('properties: {id: {type: string}, email: {type: string}}', 'required: [id]\n      properties: {id: {type: string}, email: {type: string}}')
      .replace('properties: {access_token:', 'required: [access_token]\n      properties: {access_token:'));
    const validate = contract.operations[0].responses.get('200')!.validate!;
    expect(validate({ id: 'u1' })).toBe(true);
    expect(validate({ id: 'u1', access_token: 't' })).toBe(false);
    expect(contract.warnings.some((w) => /read as anyOf/.test(w.message))).toBe(false);
  });

  it('stays a oneOf where a $ref points inside it (the document still loads)', () => {
    const text = document('oneOf').replace("paths:\n", `paths:
  /users/{id}:
    get:
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/paths/~1signup/post/responses/200/content/application~1json/schema/oneOf/1'}
`);
    const contract = loadContractText('signup.yaml', text);
    expect(contract.operations).toHaveLength(2);
    expect(contract.warnings.some((w) => /read as anyOf/.test(w.message))).toBe(false);
  });
});

const referenceDocument = (catchAll: string) => `openapi: 3.0.3
info: {title: Runs, version: '1'}
paths:
  /runs/{id}:
    get:
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200':
          description: a run and who started it
          content:
            application/json:
              schema:
                type: object
                required: [started_by]
                properties:
                  started_by:
                    oneOf:
                      - {$ref: '#/components/schemas/UserReference'}
                      - {$ref: '#/components/schemas/BotReference'}
                      - ${catchAll}
components:
  schemas:
    Reference:
      type: object
      required: [id, type]
      properties: {id: {type: string}, type: {type: string}, summary: {type: string}}
    UserReference:
      allOf:
        - {$ref: '#/components/schemas/Reference'}
        - {type: object, properties: {type: {type: string, enum: [user_reference]}}}
    BotReference:
      allOf:
        - {$ref: '#/components/schemas/Reference'}
        - {type: object, properties: {type: {type: string, enum: [bot_reference]}}}
`;

describe('a oneOf with a catch-all branch beside narrower ones', () => {
  it('is read as anyOf with a warning: a user reference matches its own branch and the catch-all', () => {
    const contract = loadContractText('runs.yaml', referenceDocument('{type: object, required: [type, id], properties: {id: {type: string}, type: {type: string}}}'));
    const validate = contract.operations[0].responses.get('200')!.validate!;
    expect(validate({ started_by: { id: 'u1', type: 'user_reference' } })).toBe(true);
    expect(validate({ started_by: { id: 'w1', type: 'workflow_reference' } })).toBe(true);
    expect(validate({ started_by: { id: 'u1' } })).toBe(false);
    expect(contract.warnings.map((w) => w.message)).toContainEqual(expect.stringMatching(/a branch matches every object another branch matches.*read as anyOf/));
  });

  it('keeps its meaning where the last branch tells its objects apart (an enum of its own)', () => {
    const contract = loadContractText('runs.yaml', referenceDocument('{type: object, required: [type, id], properties: {id: {type: string}, type: {type: string, enum: [team_reference]}}}'));
    const validate = contract.operations[0].responses.get('200')!.validate!;
    expect(validate({ started_by: { id: 'u1', type: 'user_reference' } })).toBe(true);
    expect(contract.warnings.some((w) => /read as anyOf/.test(w.message))).toBe(false);
  });
});

describe('the object keywords the two overlap checks read alike (object-constraints.ts)', () => {
  const signupWith = (userKeyword: string) => document('oneOf').replace('      properties: {id: {type: string}, email: {type: string}}', `      ${userKeyword}\n      properties: {id: {type: string}, email: {type: string}}`);
  const readAsAnyOf = (text: string) => loadContractText('doc.yaml', text).warnings.some((w) => /read as anyOf/.test(w.message));

  it('maxProperties tells objects apart: neither a branch that requires nothing nor a catch-all', () => {
    expect(readAsAnyOf(signupWith('maxProperties: 1'))).toBe(false);
    expect(readAsAnyOf(referenceDocument('{type: object, maxProperties: 2, required: [type, id], properties: {id: {type: string}, type: {type: string}}}'))).toBe(false);
  });

  it('format on an object constrains nothing (a validator skips it): the overlap stands in both checks', () => {
    expect(readAsAnyOf(signupWith('format: user'))).toBe(true);
    expect(readAsAnyOf(referenceDocument('{type: object, format: reference, required: [type, id], properties: {id: {type: string}, type: {type: string}}}'))).toBe(true);
  });

  it('a branch that refers back to itself through allOf is not known to overlap (and the load ends)', () => {
    const text = signupWith('allOf: [{$ref: \'#/components/schemas/User\'}]');
    expect(readAsAnyOf(text)).toBe(false);
  });
});
