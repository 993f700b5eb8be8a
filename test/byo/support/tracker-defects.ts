/** One seeded defect each; the server without any is a correct implementation of tracker-3.0.yaml. */
export const TRACKER_DEFECTS = {
  createAnswers200: 'a project create answers 200 instead of 201',
  missingUpdatedAt: 'projects come without the required `updated_at`',
  taskIdAsString: 'task ids come as strings',
  perPageIgnored: 'the project list ignores `per_page`',
  totalCountsPage: '`meta.total` counts the page, not the collection',
  patchReplaces: 'a PATCH resets the fields it was not given',
  patchNotPersisted: 'a task PATCH answers the new values but stores nothing',
  deleteKeeps: 'a task DELETE answers 204 but keeps the task',
  malformedJson500: 'malformed JSON answers 500',
  authNotEnforced: 'requests without an API key are served',
  errorShapeWrong: '404 bodies are `{message}` instead of the documented `{error: {code, message}}`',
  readOnlyStored: 'a `created_at` sent by the client is stored',
  nullableOmitted: 'a task without an assignee leaves `assignee` out instead of null',
  tasksNotScoped: 'tasks are found under any project',
  formRefused: 'the form-urlencoded alternative of a project create is refused with 415',
  putMerges: 'a PUT keeps the fields it was not given',
} as const;

export type TrackerDefect = keyof typeof TRACKER_DEFECTS;
