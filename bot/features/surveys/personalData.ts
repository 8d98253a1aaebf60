// What `privacy export` and `privacy delete` cover of surveys: a person's answers.
import type { PersonalDataSource } from '../../platform/privacy/personalData';
import type { ResponseRepository } from './responseRepository';

/** Survey answers. Results are always computed from the stored rows, so erased answers leave every result at once. */
export function surveyResponsesSource(responses: ResponseRepository): PersonalDataSource {
  return {
    name: 'surveyResponses',
    async exportFor(_tenantId, aadObjectId) {
      return (await responses.listByRespondent(aadObjectId)).map((r) => ({ run: r.runId, answers: r.pages, updated: r.updated.toISOString() }));
    },
    async eraseFor(_tenantId, aadObjectId) {
      let erased = 0;
      for (const response of await responses.listByRespondent(aadObjectId)) if (await responses.delete(response.runId, aadObjectId)) erased += 1;
      return erased;
    },
  };
}
