// Loads the survey definitions from bot/features/surveys/data/<kind>.json once at start-up; a bad file stops start-up naming it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseSurveyFile, SURVEY_KINDS, type Survey, type SurveyKind } from './domain/definition';

export class SurveyDefinitions {
  private readonly surveys = new Map<SurveyKind, Survey>();

  constructor(directory: string) {
    for (const kind of SURVEY_KINDS) {
      const file = path.join(directory, `${kind}.json`);
      const survey = parseSurveyFile(JSON.parse(readFileSync(file, 'utf8')), file);
      if (survey.kind !== kind) throw new Error(`Survey definition ${file} says kind "${survey.kind}"; it must be "${kind}".`);
      this.surveys.set(kind, survey);
    }
  }

  get(kind: SurveyKind): Survey {
    return this.surveys.get(kind) as Survey;
  }
}
