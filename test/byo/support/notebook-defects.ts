/** One seeded defect each; the server without any is a correct implementation of notebook-3.1.yaml. */
export const DEFECTS = {
  createNotPersisted: 'a create answers 201 but stores nothing',
  deleteKeeps: 'a delete answers 204 but keeps the notebook',
  patchIgnoresColor: 'a PATCH ignores `color`',
  patchNotPersisted: 'a PATCH answers the new values but stores nothing',
  createAnswers200: 'a create answers 200 instead of 201',
  missingCreatedAt: 'notebooks come without the required `createdAt`',
  idAsString: 'notebook ids come as strings',
  acceptsInvalidBody: 'a create accepts any body',
  noAuth: 'requests without credentials are served',
  textContentType: 'JSON answers are labelled text/plain',
  pagingIgnored: 'the list ignores page and per_page',
  totalWrong: '`total` counts the page, not the collection',
  secretReturned: 'the writeOnly `secret` is returned',
  createdAtMoves: 'the readOnly `createdAt` is set again on every update',
  readFails: 'reading a notebook answers 500',
  notesNotScoped: 'notes are found under any notebook',
  listHidesNew: 'the list leaves out the most recently created notebook',
  notePinnedIgnored: 'a note ignores `pinned`',
} as const;

export type Defect = keyof typeof DEFECTS;
