/** One seeded defect each; the server without any is a correct implementation of customers-3.1.yaml. */
export const CUSTOMERS_DEFECTS = {
  createAnswers200: 'a create answers 200 instead of 201',
  locationMissing: 'a create leaves out the required `Location` header',
  idWrongPrefix: 'ids are `cust_...`, breaking their pattern',
  limitIgnored: 'the list ignores `limit`',
  cursorRepeats: 'a page after `starting_after` starts with that customer again',
  hasMoreWrong: '`has_more` is always false',
  nullOmitted: 'a customer without a name leaves `name` out instead of null',
  updateReplaces: 'an update resets the fields it was not given',
  deleteKeeps: 'a delete answers 200 but keeps the customer',
  emailNotUnique: 'a second customer with the same email is created',
  errorsNotProblem: 'errors come as application/json `{error}` instead of problem+json',
  noAuth: 'requests without credentials are served',
  paymentMethodLax: 'a payment method of either variant is accepted without its required fields',
  createdMoves: 'the read-only `created` is set again on every update',
  readOnlyStored: 'a create validates against the record schema (read-only fields let through) and stores the `created` sent',
} as const;

export type CustomersDefect = keyof typeof CUSTOMERS_DEFECTS;
